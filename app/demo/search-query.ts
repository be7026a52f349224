// A small subset of Shopify's search syntax for the local Admin API's `query:` arguments:
// space-separated terms, all of which must match; `field:value`, `field:>value`, `field:>=value`,
// `field:<value`, `field:<=value`. Dates compare as instants, everything else as text.
// Unknown fields match everything, so an unsupported filter widens rather than hides data.
const FIELDS: Record<string, string> = {
  updated_at: "updatedAt",
  created_at: "createdAt",
  processed_at: "processedAt",
  email: "email",
  status: "status",
  id: "legacyResourceId",
  product_type: "productType",
  vendor: "vendor",
};

export interface SearchTerm {
  field: string;
  op: ">" | ">=" | "<" | "<=" | "=";
  value: string;
}

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  for (const raw of query.match(/\S+:(?:"[^"]*"|'[^']*'|\S+)/g) ?? []) {
    const m = /^([a-z_]+):(>=|<=|>|<)?(.*)$/i.exec(raw);
    if (!m) continue;
    const value = m[3].replace(/^["']|["']$/g, "");
    terms.push({ field: m[1].toLowerCase(), op: (m[2] as SearchTerm["op"]) ?? "=", value });
  }
  return terms;
}

function compare(actual: unknown, term: SearchTerm): boolean {
  if (actual === null || actual === undefined) return false;
  const a = Date.parse(String(actual));
  const b = Date.parse(term.value);
  const dated = !Number.isNaN(a) && !Number.isNaN(b) && /\d{4}-\d{2}-\d{2}/.test(term.value);
  if (dated) {
    if (term.op === ">") return a > b;
    if (term.op === ">=") return a >= b;
    if (term.op === "<") return a < b;
    if (term.op === "<=") return a <= b;
    return a === b;
  }
  const left = String(actual).toLowerCase();
  const right = term.value.toLowerCase();
  if (term.op === "=") return left === right;
  if (term.op === ">") return left > right;
  if (term.op === ">=") return left >= right;
  if (term.op === "<") return left < right;
  return left <= right;
}

export function matchesSearch(item: Record<string, unknown>, query: string | null | undefined): boolean {
  return parseSearch(query).every((term) => {
    const key = FIELDS[term.field];
    return key ? compare(item[key], term) : true;
  });
}
