// Merge fields: approved copy contains {{field}} placeholders (MERGE_FIELDS); delivery fills them per
// customer. Filling is plain text in, plain text out: HTML escaping happens in the renderer, so a
// value can never inject markup. Unknown or empty fields are reported so the caller fails closed.
import { MERGE_FIELDS, type MergeField } from "../domain/copy";

export type MergeValues = Partial<Record<MergeField, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}/g;
const KNOWN = new Set<string>(MERGE_FIELDS);

export interface FillResult {
  text: string;
  /** Placeholders that could not be filled: unknown names or fields without a value. */
  missing: string[];
}

export function fillMergeFields(template: string, values: MergeValues): FillResult {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = KNOWN.has(name) ? values[name as MergeField] : undefined;
    if (value === undefined || value === "") {
      missing.push(name || whole);
      return whole;
    }
    return value;
  });
  return { text, missing };
}

/** True when text still looks like it holds a template placeholder (the last line of defence). */
export function hasPlaceholder(text: string): boolean {
  return /\{\{|\}\}/.test(text);
}

export class UnfilledMergeFieldError extends Error {
  override name = "UnfilledMergeFieldError";
  constructor(readonly fields: string[]) {
    super(`merge fields without a value: ${[...new Set(fields)].join(", ")}`);
  }
}

/** Fills every string and throws UnfilledMergeFieldError listing whatever stayed unfilled. */
export function fillAll<T extends Record<string, string | string[]>>(parts: T, values: MergeValues): T {
  const missing: string[] = [];
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(parts)) {
    if (Array.isArray(value)) {
      out[key] = value.map((v) => {
        const r = fillMergeFields(v, values);
        missing.push(...r.missing);
        return r.text;
      });
    } else {
      const r = fillMergeFields(value, values);
      missing.push(...r.missing);
      out[key] = r.text;
    }
  }
  if (missing.length) throw new UnfilledMergeFieldError(missing);
  return out as T;
}

export function formatMoney(minor: number, currency: string, locale = "en"): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}
