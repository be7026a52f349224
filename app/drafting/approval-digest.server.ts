// Sends the owners' approvals emails that are due (see approval-digest.ts), at most one per shop
// and local day, through delivery's transport. Run from delivery's housekeeping pass.
import type { Db } from "../db/client.server";
import type { Transport } from "../delivery/transport.server";
import { FLOW_CATALOG, isFlowKey } from "../flows/catalog";
import { safeTimeZone } from "../flows/time";
import { logger } from "../logger.server";
import { approvalsUrl, composeDigest, digestDay } from "./approval-digest";

const SENT_KEY = "drafting.approvalDigestDay";

export interface DigestDeps {
  db: Db;
  transport: Transport;
  now: Date;
  apiKey: string;
  mailFromDomain: string;
}

export async function sendApprovalDigests(deps: DigestDeps): Promise<string[]> {
  const { db, now } = deps;
  const opted = await db.shopSettings.findMany({
    where: { approvalDigest: "daily" },
    select: { shop: true },
  });
  const shops = await db.shop.findMany({
    where: { shop: { in: opted.map((o) => o.shop) }, uninstalledAt: null, email: { not: null } },
    select: { shop: true, name: true, email: true, timeZone: true },
  });
  const sent: string[] = [];
  for (const s of shops) {
    const day = digestDay(now, safeTimeZone(s.timeZone));
    if (!day) continue;
    const last = await db.appState.findUnique({ where: { shop_key: { shop: s.shop, key: SENT_KEY } } });
    if (last?.value === day) continue;
    const grouped = await db.draft.groupBy({
      by: ["flowKey"],
      where: { shop: s.shop, status: { in: ["pending", "stale"] } },
      _count: { _all: true },
    });
    if (grouped.length === 0) continue;
    const mail = composeDigest({
      shopName: s.name ?? s.shop,
      pending: grouped.map((g) => ({
        flowName: isFlowKey(g.flowKey) ? FLOW_CATALOG[g.flowKey].name : g.flowKey,
        count: g._count._all,
      })),
      approvalsUrl: approvalsUrl(s.shop, deps.apiKey),
    });
    const outcome = await deps.transport.send({
      from: { name: "Tend", address: `no-reply@${deps.mailFromDomain}` },
      to: s.email as string,
      replyTo: null,
      messageId: `<approvals.${day}.${s.shop}@${deps.mailFromDomain}>`,
      headers: {},
      ...mail,
    });
    // A busy server is tried again next pass; anything else is recorded so a refused address is not
    // retried every five minutes.
    if (outcome.kind === "transient") continue;
    await db.appState.upsert({
      where: { shop_key: { shop: s.shop, key: SENT_KEY } },
      create: { shop: s.shop, key: SENT_KEY, value: day },
      update: { value: day },
    });
    logger.info({ shop: s.shop, day, outcome: outcome.kind }, "approvals email");
    sent.push(s.shop);
  }
  return sent;
}
