// DEMO SEED DATA: writes the demo shop's generated Tend history (history.ts) once, after the demo's
// copy is drafted and approved, so the past emails carry the subjects the copy resolver picks today
// (the product's approved copy, else the step's approved generic draft). Shoppers and orders go
// through the store functions the webhooks use; attribution is then computed by the real
// backfill-attribution path, never written here. Past messages use the transport "demo-history"
// so the outbox viewer keeps showing only what the running demo sent.
import type { Db } from "../db.server";
import { FLOW_CATALOG } from "../flows/catalog";
import { fnv1a } from "../flows/holdout";
import { assignVariant } from "../insights/ab";
import { attributeBackfilledOrders } from "../insights/backfill-attribution.server";
import { demoProducts } from "./generate";
import { generateDemoHistory, HISTORY_FLOW, type HistoryRun } from "./history";
import { copyPicker, flowVersion, simulationPolicy, writeSeededHistory } from "./seeded-history.server";

export const HISTORY_STATE_KEY = "demo.history";
export const HISTORY_TRANSPORT = "demo-history";

export interface HistorySeedResult {
  seeded: boolean;
  runs: number;
  holdout: number;
  messages: number;
  orders: number;
  attributed: number;
}

async function rowsFor(db: Db, shop: string, runs: HistoryRun[], version: number, anchor: Date, at: Date) {
  const pick = copyPicker(db, shop, HISTORY_FLOW, at);
  // Ids from shop, anchor and position: the same anchor gives the same rows, A/B variants included.
  const prefix = `demo-history-${fnv1a(shop).toString(36)}-${(anchor.getTime() / 60_000).toString(36)}`;
  const steps = FLOW_CATALOG[HISTORY_FLOW].steps;
  const flowRuns = [];
  const messages = [];
  const clicks = [];
  for (const [i, run] of runs.entries()) {
    const runId = `${prefix}-${i}`;
    flowRuns.push({
      id: runId,
      shop,
      flowKey: HISTORY_FLOW,
      flowVersion: version,
      enrollKey: run.enrollKey,
      customerShopifyId: run.customer.shopifyId,
      email: run.customer.email,
      status: run.status,
      currentStep: run.currentStep,
      holdout: run.holdout,
      context: JSON.stringify(run.context),
      exitReason: run.exitReason,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
    });
    for (const send of run.sends) {
      const copy = await pick(
        steps[send.stepIndex].key,
        run.context.productShopifyIds?.[0] ?? null,
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
        flowKey: HISTORY_FLOW,
        customerShopifyId: run.customer.shopifyId,
        email: run.customer.email,
        status: "sent",
        messageIdHeader: `<${runId}.${send.stepIndex}@${shop}>`,
        draftId: copy.draftId,
        subject: copy.subjects[variant] ?? "",
        variant,
        segment: "new", // no order before the checkout they left: New when the email was claimed
        transport: HISTORY_TRANSPORT,
        attempts: 1,
        claimedAt: send.at,
        sentAt: send.at,
      });
      if (send.clickAt)
        clicks.push({
          shop,
          messageId: id,
          url: "/checkout",
          at: send.clickAt,
          lastAt: send.clickAt,
          count: 1,
        });
    }
  }
  return { flowRuns, messages, clicks };
}

/**
 * Seeds the history once per shop (AppState HISTORY_STATE_KEY): "written" after the rows,
 * "attributed" after attribution, so a start interrupted in between finishes the attribution.
 */
export async function seedDemoHistory(
  db: Db,
  shop: string,
  anchor: Date,
  at: Date,
): Promise<HistorySeedResult> {
  const state = await db.appState.findUnique({ where: { shop_key: { shop, key: HISTORY_STATE_KEY } } });
  const result: HistorySeedResult = {
    seeded: false,
    runs: 0,
    holdout: 0,
    messages: 0,
    orders: 0,
    attributed: 0,
  };
  if (state?.value === "attributed") return result;
  if (!state) {
    const runs = generateDemoHistory({
      anchor,
      shop,
      products: demoProducts(anchor),
      ...(await simulationPolicy(db, shop)),
    });
    const orders = runs.flatMap((r) => (r.order ? [r.order] : []));
    const rows = await rowsFor(db, shop, runs, await flowVersion(db, shop, HISTORY_FLOW), anchor, at);
    const customers = runs.map((r) => r.customer);
    await writeSeededHistory(db, shop, { customers, orders, rows, stateKey: HISTORY_STATE_KEY });
    Object.assign(result, {
      runs: runs.length,
      holdout: runs.filter((r) => r.holdout).length,
      messages: rows.messages.length,
      orders: orders.length,
    });
  }
  await attributeBackfilledOrders(db, shop);
  result.attributed = await db.attribution.count({ where: { shop, flowKey: HISTORY_FLOW } });
  await db.appState.update({
    where: { shop_key: { shop, key: HISTORY_STATE_KEY } },
    data: { value: "attributed" },
  });
  result.seeded = true;
  return result;
}
