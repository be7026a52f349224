// Renders the email layout with React once per *shape* and fills each message's values into it.
// The layout treats every non-empty string as opaque text (it only escapes it), so the HTML of a
// message equals the HTML of its shape rendered with numbered markers in place of the strings, each
// marker then replaced by the string escaped exactly as React escapes it. The shape is everything
// else: how many paragraphs and products, which strings are empty, the numbers. Two messages of one
// draft, variant and shop share a shape, so React runs once per shape rather than once per message.
import { render } from "@react-email/render";
import { EmailLayout, type EmailLayoutProps } from "./email-template";

// Private-use code points: React leaves them as they are, and no value is ever scanned for them
// (values are substituted after the scan).
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKER = /\uE000(\d+)\uE001/;
const MAX_SHAPES = 500;

/** Alternating literal HTML and value indexes: [html, index, html, index, …, html]. */
type Compiled = Array<string | number>;

const shapes = new Map<string, Promise<Compiled>>();

/** Escapes text for an HTML text node or a double-quoted attribute, exactly as React does. */
export function escapeHtml(value: string): string {
  return value.replace(/["&'<>]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = {
  '"': "&quot;",
  "&": "&amp;",
  "'": "&#x27;",
  "<": "&lt;",
  ">": "&gt;",
};

/** Replaces every non-empty string (anywhere in the props) by a numbered marker, collecting it. */
function markStrings(value: unknown, collected: string[]): unknown {
  if (typeof value === "string") {
    if (value === "") return value; // empty strings change the markup (conditionals, separators)
    collected.push(value);
    return `${OPEN}${collected.length - 1}${CLOSE}`;
  }
  if (Array.isArray(value)) return value.map((v) => markStrings(v, collected));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = markStrings(v, collected);
    return out;
  }
  return value;
}

async function compile(shape: EmailLayoutProps): Promise<Compiled> {
  const html = await render(<EmailLayout {...shape} />);
  return html.split(MARKER).map((part, i) => (i % 2 === 1 ? Number(part) : part));
}

/** The layout's HTML for these props: React's own output, rendered once per shape. */
export async function renderLayout(props: EmailLayoutProps): Promise<string> {
  const values: string[] = [];
  const shape = markStrings(props, values) as EmailLayoutProps;
  const key = JSON.stringify(shape);
  let compiled = shapes.get(key);
  if (!compiled) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    compiled = compile(shape);
    shapes.set(key, compiled);
    compiled.catch(() => shapes.delete(key));
  }
  const parts = await compiled;
  // The renderer drops NUL characters from its output; values get the same treatment.
  return parts
    .map((part) => (typeof part === "number" ? escapeHtml(values[part] ?? "").replaceAll("\0", "") : part))
    .join("");
}
