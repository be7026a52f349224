// One place that judges a draft: schema, guardrails and voice check together. Generation, approval
// and merchant edits all go through it, so the same rules hold at every door.
import type { CopyContent } from "../domain/copy";
import type { DraftInput } from "./facts";
import { type Finding, hasBlocking } from "./findings";
import { checkGuardrails } from "./guardrails";
import { parseCopy } from "./schema";
import { voiceCheck } from "./voice-check";

export interface Review {
  content: CopyContent | null; // null when the output did not fit the schema
  findings: Finding[];
  voiceScore: number | null;
  approvable: boolean;
}

export function reviewCopy(
  raw: unknown,
  input: Pick<DraftInput, "step" | "product" | "discountCap" | "voice">,
): Review {
  const parsed = parseCopy(raw);
  if (!parsed.ok) {
    const finding: Finding = {
      source: "schema",
      rule: "schema",
      severity: "block",
      message: `The draft does not have the expected fields: ${parsed.message}`,
    };
    return { content: null, findings: [finding], voiceScore: null, approvable: false };
  }
  const guard = checkGuardrails(parsed.content, input);
  const voice = voiceCheck(parsed.content, input.voice);
  const findings = [...guard, ...voice.findings];
  return { content: parsed.content, findings, voiceScore: voice.score, approvable: !hasBlocking(findings) };
}
