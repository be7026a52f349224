// Merchant edits arrive from a rich-text box or a paste: every tag is dropped (copy fields are plain
// text that delivery escapes), entities are decoded once, and what was removed is reported.
import sanitizeHtml from "sanitize-html";
import { z } from "zod";
import type { CopyContent } from "../domain/copy";

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&nbsp;": " ",
};

export function toPlainText(value: string): { text: string; changed: boolean } {
  const stripped = sanitizeHtml(value.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>\s*<p[^>]*>/gi, "\n\n"), {
    allowedTags: [],
    allowedAttributes: {},
    disallowedTagsMode: "discard",
    nonTextTags: ["script", "style", "textarea", "noscript", "iframe", "object", "template"],
  });
  const text = stripped.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e).trim();
  return { text, changed: text !== value.trim() };
}

const field = z.string().max(5000);
export const copyEditsSchema = z
  .object({
    subjects: z.array(field).min(2).max(3),
    preheader: field,
    headline: field,
    paragraphs: z.array(field).min(1).max(4),
    callout: field,
    cta: field,
    text: field,
  })
  .partial()
  .strict();

export type CopyEdits = z.infer<typeof copyEditsSchema>;

/** Applies validated edits to approved-or-pending content; the result is plain text throughout. */
export function applyEdits(
  base: CopyContent,
  edits: CopyEdits,
): { content: CopyContent; changedFields: string[]; stripped: string[] } {
  const stripped: string[] = [];
  const clean = (name: string, v: string) => {
    const r = toPlainText(v);
    if (r.changed && /<|&[a-z#0-9]+;/i.test(v)) stripped.push(name);
    return r.text;
  };
  const content: CopyContent = {
    subjects: edits.subjects ? edits.subjects.map((s, i) => clean(`subjects[${i}]`, s)) : base.subjects,
    preheader: edits.preheader !== undefined ? clean("preheader", edits.preheader) : base.preheader,
    headline: edits.headline !== undefined ? clean("headline", edits.headline) : base.headline,
    paragraphs: edits.paragraphs
      ? edits.paragraphs.map((p, i) => clean(`paragraphs[${i}]`, p))
      : base.paragraphs,
    callout: edits.callout !== undefined ? clean("callout", edits.callout) : base.callout,
    cta: edits.cta !== undefined ? clean("cta", edits.cta) : base.cta,
    text: edits.text !== undefined ? clean("text", edits.text) : base.text,
  };
  const changedFields = (Object.keys(content) as Array<keyof CopyContent>).filter(
    (k) => JSON.stringify(content[k]) !== JSON.stringify(base[k]),
  );
  return { content, changedFields, stripped };
}
