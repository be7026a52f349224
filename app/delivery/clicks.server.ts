// Click recording for the signed redirect: the click is attribution evidence, so it is stored before
// the shopper leaves; a failure to store never blocks the redirect.
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { isSafeHttpUrl } from "./links";
import { type ClickClaim, verifyClickToken } from "./tokens";

export async function followClick(
  db: Db,
  secret: string,
  token: string,
  at: Date,
): Promise<ClickClaim | null> {
  const claim = verifyClickToken(secret, token);
  if (!claim || !isSafeHttpUrl(claim.url)) return null;
  try {
    await db.click.create({ data: { shop: claim.shop, messageId: claim.messageId, url: claim.url, at } });
  } catch (error) {
    logger.warn({ shop: claim.shop, err: error }, "click not recorded");
  }
  return claim;
}
