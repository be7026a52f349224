// Turns a bulk query's result into Shopify's JSONL: one line per node of the top-level connection,
// and one line per node of each nested connection carrying `__parentId` (the parent node's id).
type Json = Record<string, unknown>;

function connectionNodes(value: unknown): Json[] | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as { edges?: { node?: Json }[]; nodes?: Json[] };
  if (Array.isArray(v.edges)) return v.edges.map((e) => e.node).filter((n): n is Json => !!n);
  if (Array.isArray(v.nodes)) return v.nodes;
  return null;
}

function emit(node: Json, parentId: string | null, out: Json[]): void {
  const own: Json = {};
  const children: Json[][] = [];
  for (const [key, value] of Object.entries(node)) {
    const nested = connectionNodes(value);
    if (nested) children.push(nested);
    else own[key] = value;
  }
  out.push(parentId ? { ...own, __parentId: parentId } : own);
  const id = typeof node.id === "string" ? node.id : null;
  for (const list of children) for (const child of list) emit(child, id, out);
}

/** Lines for every top-level connection field in `data` (Shopify allows one; we accept several). */
export function bulkLines(data: Json): { lines: Json[]; rootObjectCount: number } {
  const lines: Json[] = [];
  let rootObjectCount = 0;
  for (const value of Object.values(data)) {
    const nodes = connectionNodes(value);
    if (!nodes) continue;
    rootObjectCount += nodes.length;
    for (const node of nodes) emit(node, null, lines);
  }
  return { lines, rootObjectCount };
}
