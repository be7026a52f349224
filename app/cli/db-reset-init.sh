#!/usr/bin/env bash
# Pre-release only (no deployed databases yet): rebuilds the single initial migration for SQLite and
# PostgreSQL from prisma/schema.prisma and regenerates both clients. Needs a scratch PostgreSQL
# (started here via .ci/start-postgres.sh). Once Tend has users, add migrations instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
eval "$(bash .ci/start-postgres.sh)"
node app/cli/prisma.mjs migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script > prisma/migrations/0001_init/migration.sql.new
mv prisma/migrations/0001_init/migration.sql.new prisma/migrations/0001_init/migration.sql
rm -rf prisma/postgresql/migrations
psql "$TEST_POSTGRES_URL" -qc 'DROP DATABASE IF EXISTS tend_schemagen' -c 'CREATE DATABASE tend_schemagen' >/dev/null
DATABASE_URL="${TEST_POSTGRES_URL%/*}/tend_schemagen" npx tsx app/cli/pg-schema.ts
node app/cli/prisma.mjs generate >/dev/null
node app/cli/prisma.mjs generate --schema prisma/postgresql/schema.prisma >/dev/null
rm -f prisma/dev.sqlite prisma/dev.sqlite-*
echo "Initial migration rebuilt for SQLite and PostgreSQL; clients regenerated."
