// Delivery's background work: write pending unsubscribes back to Shopify, surface messages claimed
// by a process that died mid-send as "unknown", and send the owners' approvals emails that are due
// (registered from app/tasks.server.ts).
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { logger } from "../logger.server";
import { registerTask } from "../background-tasks";
import { sendApprovalDigests } from "../drafting/approval-digest.server";
import { env } from "../env.server";
import { deliveryConfig } from "./config.server";
import { markStaleClaimsUnknown } from "./messages.server";
import { defaultTransport, type Transport } from "./transport.server";
import { retryConsentWriteBacks } from "./unsubscribe.server";
import { unsubscribeDeps } from "./wiring.server";

const EVERY_MS = 5 * 60_000;
let timer: NodeJS.Timeout | null = null;
let transport: Transport | null = null;

async function pass(): Promise<void> {
  const db = getDb();
  try {
    const stale = await markStaleClaimsUnknown(db, now());
    if (stale) logger.warn({ stale }, "messages claimed but never recorded are now unknown");
    const result = await retryConsentWriteBacks(unsubscribeDeps());
    if (result.tried) logger.info(result, "unsubscribe write-backs retried");
    transport ??= defaultTransport();
    await sendApprovalDigests({
      db,
      transport,
      now: now(),
      apiKey: env().SHOPIFY_API_KEY ?? "",
      mailFromDomain: deliveryConfig().mailFromDomain,
    });
  } catch (error) {
    logger.error({ err: error }, "delivery background pass failed");
  }
}

registerTask({
  name: "delivery.housekeeping",
  roles: ["worker"],
  start() {
    timer = setInterval(() => void pass(), EVERY_MS);
    timer.unref();
  },
  async stop() {
    if (timer) clearInterval(timer);
    timer = null;
    await transport?.close();
    transport = null;
  },
});
