// Executes an Admin GraphQL operation against the REAL Admin 2026-10 schema with the demo store's
// resolvers. Anything invalid against the schema is refused before execution, with errors in the
// shape Shopify answers with (HTTP 200, `errors[]` with message, locations and extensions.code).
import { type DocumentNode, execute, type GraphQLError, parse, validate } from "graphql";
import type { Db } from "../db.server";
import { adminSchema } from "../shopify/schema.server";
import { mutationRoot, queryRoot, type RootOptions } from "./admin-resolvers.server";

export interface AdminResponseBody {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    locations?: { line: number; column: number }[];
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
  extensions?: Record<string, unknown>;
}

function errorsOf(errors: readonly GraphQLError[], code: string): AdminResponseBody["errors"] {
  return errors.map((e) => ({
    message: e.message,
    ...(e.locations ? { locations: e.locations.map((l) => ({ line: l.line, column: l.column })) } : {}),
    ...(e.path ? { path: [...e.path] } : {}),
    extensions: { code },
  }));
}

/** Parses and validates; returns the document or Shopify-shaped errors. */
export function checkAdminOperation(
  query: string,
): { document: DocumentNode } | { errors: AdminResponseBody["errors"] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: errorsOf([error as GraphQLError], "PARSE_ERROR") };
  }
  const invalid = validate(adminSchema(), document);
  if (invalid.length) return { errors: errorsOf(invalid, "GRAPHQL_VALIDATION_FAILED") };
  return { document };
}

export async function executeAdmin(
  db: Db,
  shop: string,
  query: string,
  variables?: Record<string, unknown>,
  options: RootOptions = {},
): Promise<AdminResponseBody> {
  const checked = checkAdminOperation(query);
  if ("errors" in checked) return { errors: checked.errors };
  const isMutation = checked.document.definitions.some(
    (d) => d.kind === "OperationDefinition" && d.operation === "mutation",
  );
  const result = await execute({
    schema: adminSchema(),
    document: checked.document,
    rootValue: isMutation ? mutationRoot(db, shop) : queryRoot(db, shop, options),
    variableValues: variables,
  });
  const body: AdminResponseBody = {
    data: (result.data as Record<string, unknown> | null | undefined) ?? null,
  };
  if (result.errors?.length) body.errors = errorsOf(result.errors, "INTERNAL_SERVER_ERROR");
  body.extensions = { cost: { requestedQueryCost: 1, actualQueryCost: 1 }, tend: { localAdmin: true } };
  return body;
}
