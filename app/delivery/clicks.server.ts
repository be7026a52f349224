// Click recording for the signed redirect: the click is attribution evidence, so it is stored before
// the shopper leaves; a failure to store never blocks the redirect. One row per message and link:
// a replayed or forwarded link bumps `count` and `lastAt`, never `at` (the first click, which is
// what attribution reads), so replaying a link cannot renew an attribution window.
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { isSafeHttpUrl } from "./links";
import { type ClickClaim, verifyClickToken } from "./tokens";

export async function recordClick(db: Db, claim: ClickClaim, at: Date): Promise<void> {
  await db.click.upsert({
    where: { shop_messageId_url: { shop: claim.shop, messageId: claim.messageId, url: claim.url } },
    create: { shop: claim.shop, messageId: claim.messageId, url: claim.url, at, lastAt: at, count: 1 },
    update: { lastAt: at, count: { increment: 1 } },
  });
}

export async function followClick(
  db: Db,
  secret: string,
  token: string,
  at: Date,
): Promise<ClickClaim | null> {
  const claim = verifyClickToken(secret, token);
  if (!claim || !isSafeHttpUrl(claim.url)) return null;
  // Two first clicks racing: the loser's create hits the unique key; its retry updates the winner's row.
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await recordClick(db, claim, at);
      break;
    } catch (error) {
      if (attempt === 1 && (error as { code?: string })?.code === "P2002") continue;
      logger.warn({ shop: claim.shop, err: error }, "click not recorded");
    }
  }
  return claim;
}
