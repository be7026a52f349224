// What a check found in a draft. "block" findings make a draft unapprovable; "warn" findings are
// shown to the merchant (mostly voice-check advice) but do not stop approval.
export type Severity = "block" | "warn";
export type FindingSource = "schema" | "guardrail" | "voice" | "grammar" | "provider" | "edit";

export interface Finding {
  source: FindingSource;
  rule: string; // stable id, e.g. "discount_above_cap"
  severity: Severity;
  message: string; // merchant-readable
  field?: string; // "subjects[1]", "paragraphs[0]", "cta"...
}

export function hasBlocking(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "block");
}

export function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "block");
}
