// Shopify's Admin GraphQL schema (2026-10), vendored from @shopify/dev-mcp by
// app/cli/refresh-admin-schema.sh. Loaded once per process: the contract tests validate every
// operation against it and the demo store's local Admin API executes operations on it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-10";

/** One access entry of the file's `offline_scopes` section: a type, or a field of a type. */
export interface AccessEntry {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  /** Shopify's prose, e.g. "`write_pixels` access scope. Also: The app requires read_customer_events ...". */
  requiredAccess: string;
  /** Alternatives: holding any one of them grants access. Empty = no scope needed. */
  offlineScopes: string[];
}

interface SchemaFile {
  data: IntrospectionQuery;
  offline_scopes?: { items: AccessEntry[] };
}

/** The vendored file; resolved from this module in dev/tests and from the repo root in the build. */
export function adminSchemaPath(): string {
  const file = `admin_${ADMIN_API_VERSION}.json.gz`;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "schema", file), path.resolve(here, "../../app/shopify/schema", file)];
  candidates.push(path.resolve(process.cwd(), "app/shopify/schema", file));
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0];
}

let file: SchemaFile | undefined;
let schema: GraphQLSchema | undefined;
let access: Map<string, AccessEntry> | undefined;

function loadFile(): SchemaFile {
  file ??= JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString("utf8")) as SchemaFile;
  return file;
}

export function adminSchema(): GraphQLSchema {
  schema ??= buildClientSchema(loadFile().data);
  return schema;
}

/** Access entries keyed "Type" and "Type.field". */
export function adminAccess(): Map<string, AccessEntry> {
  if (!access) {
    access = new Map();
    for (const entry of loadFile().offline_scopes?.items ?? []) {
      access.set(entry.fieldName ? `${entry.typeName}.${entry.fieldName}` : entry.typeName, entry);
    }
  }
  return access;
}
