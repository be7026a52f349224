// DEMO SEED DATA: what both past-history seeders (history.server.ts for checkout reminders,
// repeat-history.server.ts for first-time buyers) share: the shop's send policy as the simulation
// sees it, approved copy resolved once per (step, product), and the write of shoppers, orders and
// the generated runs, messages and clicks through the same store functions the webhooks use.
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { resolveCopy } from "../drafting/copy.server";
import type { FlowKey } from "../flows/catalog";
import { safeTimeZone } from "../flows/time";
import { loadShopPolicy } from "../flows/versions.server";
import { applyCustomers } from "../store/customers.server";
import { applyOrders } from "../store/orders.server";
import type { CustomerInput, OrderInput } from "../store/types";
import type { SendPolicy } from "./history-sends";

const BATCH = 200;

export async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** The shop's holdout share and send policy, as the history simulation applies them. */
export async function simulationPolicy(
  db: Db,
  shop: string,
): Promise<{ holdoutPercent: number; policy: SendPolicy }> {
  const policy = await loadShopPolicy(db, shop);
  return {
    holdoutPercent: policy.holdoutPercent,
    policy: {
      quiet: {
        timeZone: safeTimeZone(policy.timeZone),
        start: policy.quietHoursStart,
        end: policy.quietHoursEnd,
      },
      capCount: policy.frequencyCapCount,
      capDays: policy.frequencyCapDays,
    },
  };
}

export type CopyPick = { draftId: string; subjects: string[] } | null;

/** Approved copy per (step, product), resolved once: most generated runs share a few products. */
export function copyPicker(db: Db, shop: string, flowKey: FlowKey, at: Date) {
  const cache = new Map<string, Promise<CopyPick>>();
  return (stepKey: string, productShopifyId: string | null, dueAt: Date): Promise<CopyPick> => {
    const key = `${stepKey}|${productShopifyId}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = resolveCopy(db, { shop, flowKey, stepKey, productShopifyId, dueAt, now: at }).then((c) =>
        c.kind === "copy" ? { draftId: c.draftId, subjects: c.content.subjects } : null,
      );
      cache.set(key, hit);
    }
    return hit;
  };
}

export interface SeededRows {
  flowRuns: Prisma.FlowRunCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
  clicks: Prisma.ClickCreateManyInput[];
}

export async function flowVersion(db: Db, shop: string, flowKey: FlowKey): Promise<number> {
  const setting = await db.flowSetting.findUnique({
    where: { shop_flowKey: { shop, flowKey } },
    select: { version: true },
  });
  return setting?.version ?? 1;
}

/**
 * Shoppers and orders through the store, then the generated rows and the AppState marker
 * `stateKey` = "written" in one transaction, so a start interrupted before it writes them again.
 */
export async function writeSeededHistory(
  db: Db,
  shop: string,
  input: { customers: CustomerInput[]; orders: OrderInput[]; rows: SeededRows; stateKey: string },
): Promise<void> {
  await inBatches(input.customers, (batch) => db.$transaction((tx) => applyCustomers(tx, shop, batch)));
  await inBatches(input.orders, (batch) => db.$transaction((tx) => applyOrders(tx, shop, batch)));
  const { rows } = input;
  await db.$transaction(
    async (tx) => {
      await inBatches(rows.flowRuns, (b) => tx.flowRun.createMany({ data: b }));
      await inBatches(rows.messages, (b) => tx.message.createMany({ data: b }));
      await inBatches(rows.clicks, (b) => tx.click.createMany({ data: b }));
      await tx.appState.create({ data: { shop, key: input.stateKey, value: "written" } });
    },
    { timeout: 60_000 },
  );
}
