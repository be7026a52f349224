// Approved copy + merge values + shop branding → subject, preheader, HTML and plain text.
// Fails closed: a merge field without a value, or anything still looking like a placeholder,
// throws instead of sending an email with "{{first_name}}" in it.
import type { CopyContent } from "../domain/copy";
import { type EmailBrand, type EmailProduct, preheaderParts } from "./email-template";
import { fillAll, hasPlaceholder, type MergeValues, UnfilledMergeFieldError } from "./merge";
import { renderLayout } from "./render-cache";

export interface RenderInput {
  copy: CopyContent;
  variant: number; // index into copy.subjects
  values: MergeValues;
  brand: EmailBrand;
  products: EmailProduct[];
  ctaLink: string;
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

const DEFAULT_COLOR = "#1f5132";

/** Brand colour goes into inline CSS: only #rgb / #rrggbb pass, anything else falls back. */
export function safeColor(value: string | null | undefined): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : DEFAULT_COLOR;
}

export function safeImageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.startsWith("//") ? `https:${value}` : value);
    return url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export async function renderEmail(input: RenderInput): Promise<RenderedEmail> {
  const subjectTemplate = input.copy.subjects[input.variant] ?? input.copy.subjects[0];
  if (!subjectTemplate) throw new Error("approved copy has no subject line");
  if (!input.brand.postalAddress.trim())
    throw new Error("the shop's postal address is required in every email footer");

  const filled = fillAll(
    {
      subject: subjectTemplate,
      preheader: input.copy.preheader,
      headline: input.copy.headline,
      paragraphs: input.copy.paragraphs,
      callout: input.copy.callout,
      cta: input.copy.cta,
      text: input.copy.text,
    },
    input.values,
  );
  const subject = filled.subject.replace(/[\r\n]+/g, " ").trim();
  const offer = offerLine(input);

  const html = await renderLayout({
    ...preheaderParts(filled.preheader),
    headline: filled.headline,
    paragraphs: filled.paragraphs,
    callout: filled.callout,
    offer,
    cta: filled.cta,
    ctaLink: input.ctaLink,
    products: input.products,
    brand: {
      ...input.brand,
      brandColor: safeColor(input.brand.brandColor),
      logoUrl: safeImageUrl(input.brand.logoUrl),
    },
    unsubscribeUrl: input.unsubscribeUrl,
  });

  const text = plainText(offer ? `${filled.text.trim()}\n\n${offer}` : filled.text, filled.cta, input);
  const leftovers = [subject, filled.preheader, html, text].filter(hasPlaceholder);
  if (leftovers.length) throw new UnfilledMergeFieldError(["(placeholder left in rendered email)"]);
  return { subject, preheader: filled.preheader, html, text };
}

/**
 * A discount the merchant switched on for a step whose approved copy was written without one (the
 * welcome series' first-order discount): Tend states the code itself, so copy never needs redrafting.
 */
export function offerLine(input: Pick<RenderInput, "copy" | "values">): string {
  const { discount_code: code, discount_percent: percent } = input.values;
  if (!code || !percent) return "";
  const c = input.copy;
  const parts = [...c.subjects, c.preheader, c.headline, ...c.paragraphs, c.callout, c.cta, c.text];
  if (parts.some((part) => /\{\{\s*discount_code\s*\}\}/.test(part))) return "";
  return `Use code ${code} for ${percent} off your order.`;
}

function plainText(body: string, cta: string, input: RenderInput): string {
  const lines = [body.trim(), ""];
  if (!body.includes(input.ctaLink)) lines.push(`${cta}: ${input.ctaLink}`, "");
  lines.push(
    "--",
    `Unsubscribe: ${input.unsubscribeUrl}`,
    `${input.brand.shopName} · ${input.brand.postalAddress}`,
  );
  return lines.join("\n");
}

export type { EmailBrand, EmailProduct };
