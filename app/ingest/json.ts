// JSON parsing that keeps Shopify's 64-bit numeric ids exact: an integer beyond 2^53 is returned as
// its source text instead of a rounded number (Node 22's JSON.parse source-text access).
type SourceContext = { source?: string };

function keepBigIntegers(_key: string, value: unknown, context?: SourceContext): unknown {
  if (
    typeof value === "number" &&
    !Number.isSafeInteger(value) &&
    Number.isInteger(value) &&
    context?.source
  ) {
    return /^-?\d+$/.test(context.source) ? context.source : value;
  }
  return value;
}

export function parseExactJson(text: string): unknown {
  return JSON.parse(text, keepBigIntegers as (key: string, value: unknown) => unknown);
}
