// Reading Draft.content and Draft.findings safely: stored JSON written by the drafting module,
// shaped as the CopyContent contract. A malformed row shows as empty copy, never a crash.
import type { CopyContent } from "../domain/copy";
import type { Finding } from "../drafting/findings";

export type { Finding } from "../drafting/findings";

const EMPTY: CopyContent = {
  subjects: [],
  preheader: "",
  headline: "",
  paragraphs: [],
  callout: "",
  cta: "",
  text: "",
};

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function parseCopy(json: string | null | undefined): CopyContent {
  if (!json) return EMPTY;
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    return {
      subjects: Array.isArray(raw.subjects)
        ? raw.subjects.map(str).filter(Boolean)
        : raw.subject
          ? [str(raw.subject)]
          : [],
      preheader: str(raw.preheader),
      headline: str(raw.headline),
      paragraphs: Array.isArray(raw.paragraphs) ? raw.paragraphs.map(str) : [],
      callout: str(raw.callout),
      cta: str(raw.cta),
      text: str(raw.text),
    };
  } catch {
    return EMPTY;
  }
}

/** Findings as the drafting module stores them; unknown shapes degrade to a readable warning. */
export function parseFindings(json: string | null | undefined): Finding[] {
  if (!json) return [];
  try {
    const raw = JSON.parse(json);
    if (!Array.isArray(raw)) return [];
    return raw.map((f: Record<string, unknown>) => ({
      source: (str(f.source) || "guardrail") as Finding["source"],
      rule: str(f.rule) || str(f.code),
      severity: f.severity === "block" ? "block" : "warn",
      message: str(f.message) || str(f.rule),
      ...(typeof f.field === "string" ? { field: f.field } : {}),
    }));
  } catch {
    return [];
  }
}
