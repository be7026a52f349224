#!/usr/bin/env bash
# Refreshes the vendored Admin GraphQL introspection schema from Shopify's @shopify/dev-mcp package.
# The package is fetched with `npm pack` into a temp dir (never installed: it pulls in the Shopify CLI).
# Usage: bash app/cli/refresh-admin-schema.sh [dev-mcp version] [API version]
set -euo pipefail
DEV_MCP_VERSION="${1:-1.16.0}"
API_VERSION="${2:-2026-10}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$ROOT/app/shopify/schema/admin_${API_VERSION}.json.gz"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "@shopify/dev-mcp@${DEV_MCP_VERSION}" >/dev/null)
tar -xzf "$TMP"/shopify-dev-mcp-*.tgz -C "$TMP" "package/dist/data/admin_${API_VERSION}.json.gz"
# Refuse a file that is not a gzipped introspection result before replacing the vendored copy.
gzip -dc "$TMP/package/dist/data/admin_${API_VERSION}.json.gz" | head -c 40 | grep -q '"__schema"'
mkdir -p "$(dirname "$TARGET")"
cp "$TMP/package/dist/data/admin_${API_VERSION}.json.gz" "$TARGET"
echo "vendored @shopify/dev-mcp@${DEV_MCP_VERSION} admin_${API_VERSION} -> ${TARGET#$ROOT/}"
echo "next: npm run graphql-codegen && npx vitest run tests/contract"
