// The shape the model (or the template drafter) must return: the CopyContent fields of
// app/domain/copy.ts as plain strings. Never HTML: delivery renders them through escaped templates.
// Lengths are checked by guardrails, not here, so an over-long answer becomes feedback for the next
// attempt instead of an unreadable parse error.
import { z } from "zod";
import type { CopyContent } from "../domain/copy";

export const copyOutputSchema = z
  .object({
    subjects: z.array(z.string()).min(2).max(3).describe("2-3 subject line variants for an A/B test"),
    preheader: z.string().describe("inbox preview line shown after the subject"),
    headline: z.string(),
    paragraphs: z.array(z.string()).min(1).max(4).describe("body paragraphs, plain text"),
    callout: z.string().describe("one or two sentences about the product"),
    cta: z.string().describe("call-to-action button label"),
    text: z.string().describe("plain-text version of the whole email"),
  })
  .strict();

export type CopyOutput = z.infer<typeof copyOutputSchema>;

// Compile-time proof that the model's output is exactly the delivery contract.
const _sameShape: (o: CopyOutput) => CopyContent = (o) => o;
void _sameShape;

/** Length limits per field (characters), chosen for inbox previews and mobile layouts. */
export const LIMITS = {
  subject: { min: 3, max: 78 },
  preheader: { min: 10, max: 140 },
  headline: { min: 3, max: 90 },
  paragraph: { min: 1, max: 600 },
  callout: { min: 1, max: 280 },
  cta: { min: 2, max: 30 },
  text: { min: 20, max: 3000 },
} as const;

export type ParsedCopy = { ok: true; content: CopyContent } | { ok: false; message: string };

/** Validates an unknown value (parsed JSON) against the output schema. */
export function parseCopy(value: unknown): ParsedCopy {
  const result = copyOutputSchema.safeParse(value);
  if (result.success) return { ok: true, content: result.data };
  const message = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  return { ok: false, message };
}

/** Every text field with its path, for checks that look at all of the copy. */
export function copyFields(content: CopyContent): Array<{ field: string; value: string }> {
  return [
    ...content.subjects.map((value, i) => ({ field: `subjects[${i}]`, value })),
    { field: "preheader", value: content.preheader },
    { field: "headline", value: content.headline },
    ...content.paragraphs.map((value, i) => ({ field: `paragraphs[${i}]`, value })),
    { field: "callout", value: content.callout },
    { field: "cta", value: content.cta },
    { field: "text", value: content.text },
  ];
}
