// The owner's approvals email (opt-in in Settings): once a shop-local morning, when drafts wait
// for review, a short note saying how many and where. Pure: the sender supplies facts and `now`.
import { localDate, localParts } from "../flows/time";

export interface DigestFacts {
  shopName: string;
  /** Drafts awaiting review per flow, by the flow's name. */
  pending: Array<{ flowName: string; count: number }>;
  approvalsUrl: string;
}

/** The shop-local day the digest is due on, or null before `sendHour` (local) today. */
export function digestDay(now: Date, timeZone: string, sendHour = 9): string | null {
  return localParts(now, timeZone).hour < sendHour ? null : localDate(now, timeZone);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function composeDigest(f: DigestFacts): { subject: string; text: string; html: string } {
  const total = f.pending.reduce((n, p) => n + p.count, 0);
  const noun = total === 1 ? "draft awaits" : "drafts await";
  const subject = `${total} ${noun} your approval in Tend`;
  const lines = f.pending.map((p) => `${p.flowName}: ${p.count}`);
  const text = [
    `Hello from Tend, for ${f.shopName}.`,
    "",
    `${total} ${noun} your review. Nothing is sent from copy you have not approved.`,
    "",
    ...lines,
    "",
    `Review them: ${f.approvalsUrl}`,
    "",
    "You get this note because the approvals email is on in Tend's Settings.",
  ].join("\n");
  const html = [
    `<p>Hello from Tend, for ${escapeHtml(f.shopName)}.</p>`,
    `<p>${total} ${noun} your review. Nothing is sent from copy you have not approved.</p>`,
    `<ul>${f.pending.map((p) => `<li>${escapeHtml(p.flowName)}: ${p.count}</li>`).join("")}</ul>`,
    `<p><a href="${escapeHtml(f.approvalsUrl)}">Review them in Tend</a></p>`,
    `<p style="color:#616161">You get this note because the approvals email is on in Tend's Settings.</p>`,
  ].join("\n");
  return { subject, text, html };
}

/** Where the merchant reviews drafts: the app's page inside Shopify admin. */
export function approvalsUrl(shop: string, apiKey: string): string {
  const store = shop.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/apps/${encodeURIComponent(apiKey)}/app/drafts`;
}
