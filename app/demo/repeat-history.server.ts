// DEMO SEED DATA: writes the demo shop's first-time buyers (repeat-history.ts) once, after the
// demo's copy is approved, so their past post-purchase emails carry today's approved subjects.
// Buyers and orders go through the store functions the webhooks use; attribution is computed by
// the real backfill path. Past messages use the history transport, so the outbox viewer keeps
// showing only what the running demo sent.
import type { Db } from "../db.server";
import { FLOW_CATALOG } from "../flows/catalog";
import { fnv1a } from "../flows/holdout";
import { assignVariant } from "../insights/ab";
import { recomputeOrderAttribution } from "../insights/attribute.server";
import { demoProducts } from "./generate";
import { HISTORY_TRANSPORT } from "./history.server";
import { generateRepeatHistory, REPEAT_FLOW, type RepeatBuyer } from "./repeat-history";
import { copyPicker, flowVersion, simulationPolicy, writeSeededHistory } from "./seeded-history.server";

export const REPEAT_HISTORY_STATE_KEY = "demo.repeatHistory";

export interface RepeatSeedResult {
  seeded: boolean;
  buyers: number;
  holdout: number;
  reorders: number;
  messages: number;
}

async function rowsFor(db: Db, shop: string, buyers: RepeatBuyer[], version: number, anchor: Date, at: Date) {
  const pick = copyPicker(db, shop, REPEAT_FLOW, at);
  const prefix = `demo-repeat-${fnv1a(shop).toString(36)}-${(anchor.getTime() / 60_000).toString(36)}`;
  const steps = FLOW_CATALOG[REPEAT_FLOW].steps;
  const flowRuns = [];
  const messages = [];
  const clicks = [];
  for (const [i, b] of buyers.entries()) {
    const runId = `${prefix}-${i}`;
    flowRuns.push({
      id: runId,
      shop,
      flowKey: REPEAT_FLOW,
      flowVersion: version,
      enrollKey: b.enrollKey,
      customerShopifyId: b.customer.shopifyId,
      email: b.customer.email,
      status: "completed",
      currentStep: steps.length,
      holdout: b.holdout,
      context: JSON.stringify(b.context),
      startedAt: b.startedAt,
      endedAt: b.endedAt,
    });
    for (const send of b.sends) {
      const copy = await pick(
        steps[send.stepIndex].key,
        b.context.productShopifyIds?.[0] ?? "",
        send.plannedAt,
      );
      if (!copy) continue; // no approved copy: the engine would not have sent this step
      const id = `${runId}-${send.stepIndex}`;
      const variant = assignVariant(`${shop}:${runId}:${send.stepIndex}`, Math.max(1, copy.subjects.length));
      messages.push({
        id,
        shop,
        runId,
        stepIndex: send.stepIndex,
        flowKey: REPEAT_FLOW,
        customerShopifyId: b.customer.shopifyId,
        email: b.customer.email,
        status: "sent",
        messageIdHeader: `<${runId}.${send.stepIndex}@${shop}>`,
        draftId: copy.draftId,
        subject: copy.subjects[variant] ?? "",
        variant,
        segment: send.segment,
        transport: HISTORY_TRANSPORT,
        attempts: 1,
        claimedAt: send.at,
        sentAt: send.at,
      });
      if (send.clickAt)
        clicks.push({ shop, messageId: id, url: "/", at: send.clickAt, lastAt: send.clickAt, count: 1 });
    }
  }
  return { flowRuns, messages, clicks };
}

/** Seeds the first-time buyers once per shop ("written", then "attributed", as the checkout history). */
export async function seedRepeatHistory(
  db: Db,
  shop: string,
  anchor: Date,
  at: Date,
): Promise<RepeatSeedResult> {
  const key = { shop_key: { shop, key: REPEAT_HISTORY_STATE_KEY } };
  const state = await db.appState.findUnique({ where: key });
  const result: RepeatSeedResult = { seeded: false, buyers: 0, holdout: 0, reorders: 0, messages: 0 };
  if (state?.value === "attributed") return result;
  const buyers = generateRepeatHistory({
    anchor,
    shop,
    products: demoProducts(anchor),
    ...(await simulationPolicy(db, shop)),
  });
  if (!state) {
    const orders = buyers.flatMap((b) => (b.reorder ? [b.firstOrder, b.reorder] : [b.firstOrder]));
    const rows = await rowsFor(db, shop, buyers, await flowVersion(db, shop, REPEAT_FLOW), anchor, at);
    const customers = buyers.map((b) => b.customer);
    await writeSeededHistory(db, shop, { customers, orders, rows, stateKey: REPEAT_HISTORY_STATE_KEY });
    Object.assign(result, {
      buyers: buyers.length,
      holdout: buyers.filter((b) => b.holdout).length,
      reorders: buyers.filter((b) => b.reorder).length,
      messages: rows.messages.length,
    });
  }
  // Only a reorder can follow one of these emails: the real attribution rules, for those orders only.
  for (const b of buyers) if (b.reorder) await recomputeOrderAttribution(db, shop, b.reorder.shopifyId);
  await db.appState.update({ where: key, data: { value: "attributed" } });
  result.seeded = true;
  return result;
}
