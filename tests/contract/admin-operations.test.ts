// The Admin API contract: every `#graphql` operation in app/ must be valid against Shopify's
// Admin 2026-10 schema, and the scopes in shopify.app.toml must cover exactly what they use
// (plus the few scopes justified by webhooks and history, listed below with their reasons).
import { readFileSync } from "node:fs";
import path from "node:path";
import { type DocumentNode, type GraphQLError, Kind, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { scopeRequirements, unmetRequirements, usedScopes } from "../../app/shopify/operation-access";
import { ADMIN_API_VERSION, adminAccess, adminSchema } from "../../app/shopify/schema.server";
import { type FoundOperation, findOperations, operationsInSource } from "./graphql-operations";

const root = path.resolve(import.meta.dirname, "../..");
const operations = findOperations(path.join(root, "app"));
const label = (op: FoundOperation) => `${path.relative(root, op.file)}:${op.line}`;

/** Scopes no operation names but Tend still needs, each with the reason. */
const JUSTIFIED_WITHOUT_OPERATION: Record<string, string> = {
  read_all_orders:
    "win-back and anniversary need orders older than 60 days (backfill and orders/* webhooks); the schema cannot express the 60-day window",
  read_customer_events:
    "the Web Pixel extension subscribes to customer events; webPixelCreate requires it (schema prose, 'Also:')",
};

function checkOperation(source: string): {
  document?: DocumentNode;
  errors: readonly GraphQLError[] | string[];
} {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    return { errors: [String(error)] };
  }
  return { document, errors: validate(adminSchema(), document) };
}

function tomlScopes(): string[] {
  const toml = readFileSync(path.join(root, "shopify.app.toml"), "utf8");
  const section = toml.split(/^\[access_scopes\]/m)[1] ?? "";
  const match = section.match(/^\s*scopes\s*=\s*"([^"]*)"/m);
  return (match?.[1] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

describe(`Admin GraphQL operations against the ${ADMIN_API_VERSION} schema`, () => {
  it("loads the vendored schema", () => {
    const schema = adminSchema();
    expect(schema.getQueryType()?.name).toBe("QueryRoot");
    expect(schema.getMutationType()?.getFields().webPixelCreate).toBeDefined();
    expect(adminAccess().get("Customer")?.offlineScopes).toEqual(["read_customers"]);
  });

  it("finds the app's operations", () => {
    // app/shopify/pixel.ts holds webPixelCreate; more arrive as modules land.
    expect(operations.map(label).some((l) => l.startsWith("app/shopify/pixel.ts"))).toBe(true);
  });

  it.each(operations.map((op) => [label(op), op] as const))("%s is valid", (_where, op) => {
    expect(op.dynamic, "operations must be static strings (no substitutions) so they can be checked").toBe(
      false,
    );
    const { errors } = checkOperation(op.source.replace(/^\s*#graphql/, ""));
    expect(errors.map(String)).toEqual([]);
  });

  it("names every operation, uniquely (codegen types are keyed by name)", () => {
    const names: string[] = [];
    for (const op of operations) {
      const { document } = checkOperation(op.source);
      for (const def of document?.definitions ?? []) {
        if (def.kind === Kind.OPERATION_DEFINITION)
          names.push(def.name?.value ?? `(anonymous at ${label(op)})`);
      }
    }
    expect(names.filter((n) => n.startsWith("(anonymous"))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("fails an operation naming a field that does not exist", () => {
    const source = [
      "const ok = `#graphql\n  query ShopName { shop { name } }`;",
      "const bad = `#graphql\n  query ShopBad { shop { name emailMarketingBudget } }`;",
    ].join("\n");
    const [ok, bad] = operationsInSource("fake.ts", source);
    expect(checkOperation(ok.source).errors).toEqual([]);
    const errors = checkOperation(bad.source).errors.map(String);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Cannot query field "emailMarketingBudget" on type "Shop"');
  });

  it("ignores #graphql text outside template literals", () => {
    expect(
      operationsInSource(
        "x.ts",
        '// #graphql query A { shop { name } }\nconst s = "#graphql query B { x }";',
      ),
    ).toEqual([]);
  });
});

describe("access scopes in shopify.app.toml", () => {
  const granted = tomlScopes();
  const requirements = operations.flatMap((op) => {
    const { document } = checkOperation(op.source);
    return document
      ? scopeRequirements(adminSchema(), adminAccess(), document).map((r) => ({ ...r, where: label(op) }))
      : [];
  });

  it("requests scopes", () => {
    expect(granted).toContain("read_orders");
  });

  it("covers every type and field the operations use", () => {
    expect(
      unmetRequirements(requirements, granted).map(
        (r) => `${r.where}: ${r.subject} needs one of ${r.anyOf.join("|")}`,
      ),
    ).toEqual([]);
  });

  it("requests nothing that no operation needs, except the justified scopes", () => {
    const used = usedScopes(requirements, granted);
    const unexplained = granted.filter((s) => !used.has(s) && !(s in JUSTIFIED_WITHOUT_OPERATION));
    expect(unexplained).toEqual([]);
    for (const scope of Object.keys(JUSTIFIED_WITHOUT_OPERATION)) expect(granted).toContain(scope);
  });

  it("detects a missing scope (webPixelCreate needs write_pixels and read_customer_events)", () => {
    const { document } = checkOperation(
      'mutation P { webPixelCreate(webPixel: { settings: "{}" }) { webPixel { id } userErrors { message } } }',
    );
    const reqs = scopeRequirements(adminSchema(), adminAccess(), document!);
    expect(unmetRequirements(reqs, ["write_pixels", "read_customer_events"])).toEqual([]);
    expect(unmetRequirements(reqs, ["write_pixels"]).map((r) => r.anyOf)).toContainEqual([
      "read_customer_events",
    ]);
    expect(unmetRequirements(reqs, ["read_customer_events"]).map((r) => r.anyOf)).toContainEqual([
      "write_pixels",
    ]);
    // write_pixels grants read_pixels (WebPixel type): no separate read scope needed.
    expect(usedScopes(reqs, ["write_pixels", "read_customer_events"])).toEqual(
      new Set(["write_pixels", "read_customer_events"]),
    );
  });
});
