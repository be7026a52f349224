// Link building for emails: every shop link carries UTM parameters and goes through the signed
// click redirect, so clicks are recorded for attribution and the redirect can go nowhere else.
import { signClickToken } from "./tokens";

export interface LinkContext {
  appUrl: string; // e.g. https://tend.example.com (no trailing slash needed)
  secret: string;
  shop: string;
  messageId: string;
  flowKey: string;
  stepKey: string;
}

/** Only absolute http(s) URLs are ever linked; anything else (javascript:, data:, relative) is refused. */
export function isSafeHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

export function withUtm(destination: string, flowKey: string, stepKey: string): string {
  const url = new URL(destination);
  url.searchParams.set("utm_source", "tend");
  url.searchParams.set("utm_medium", "email");
  url.searchParams.set("utm_campaign", flowKey);
  url.searchParams.set("utm_content", stepKey);
  return url.toString();
}

export function appLink(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, "")}${path}`;
}

/** The tracked link for a destination: /c/TOKEN where the token holds the UTM-tagged URL. */
export function trackedLink(ctx: LinkContext, destination: string): string {
  if (!isSafeHttpUrl(destination)) throw new Error(`refusing to link to a non-http(s) URL`);
  const url = withUtm(destination, ctx.flowKey, ctx.stepKey);
  return appLink(
    ctx.appUrl,
    `/c/${signClickToken(ctx.secret, { shop: ctx.shop, messageId: ctx.messageId, url })}`,
  );
}

export function shopUrl(shop: string): string {
  return `https://${shop}`;
}

export function productUrl(shop: string, handle: string | null | undefined): string {
  return handle ? `https://${shop}/products/${encodeURIComponent(handle)}` : shopUrl(shop);
}
