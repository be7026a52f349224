// The per-shop token the Web Pixel carries in its settings. It is an HMAC of the shop domain, so
// the collector can check that an event claiming to come from shop A carries A's token, and a
// token copied from shop B's storefront cannot post events for A.
import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "tp1.";

export function pixelToken(shop: string, secret: string): string {
  return PREFIX + createHmac("sha256", secret).update(`tend-pixel:${shop.toLowerCase()}`).digest("base64url");
}

export function pixelTokenValid(shop: string, token: string, secret: string): boolean {
  const expected = Buffer.from(pixelToken(shop, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
