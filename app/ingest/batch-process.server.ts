// Batched processing of recorded deliveries. One claim takes a batch (oldest first); each shop's
// deliveries are walked in arrival order and cut into steps of commerce plans that are applied in
// ONE transaction with set-based statements, their announcements recorded in that same
// transaction (the outbox), then published to subscribers as one batch and marked processed in
// one statement. What cannot be batched (shop and compliance topics, a recorded outbox to replay,
// a handler a test swapped in) runs on its own, in its place in the order (one-by-one.server.ts).
// A step whose transaction fails is retried delivery by delivery, so one bad delivery is
// dead-lettered or backed off alone. On PostgreSQL the shop's work runs under per-customer locks
// (parallel.server.ts) so parallel workers never apply one customer's deliveries at once.
import type { WebhookEvent } from "@prisma/client";
import type { Clock } from "../clock.server";
import type { Db } from "../db/client.server";
import { writeDialect } from "../db/direct.server";
import { publishDeliveries } from "../domain/bus.server";
import type { DomainEvent } from "../domain/events";
import { applyPlans } from "./batch-apply.server";
import { claimDue, markAllProcessed, recordAnnouncements } from "./batch-claim.server";
import { customerKeys, type Plan, planners, recordKey } from "./batch-plan.server";
import { type Handler, type HandlerContext, handlers as defaultHandlers } from "./handlers.server";
import { checkDelivery } from "./identity.server";
import { intakePace, rest } from "./intake-pace";
import { parseExactJson } from "./json";
import { applyClaimed, emptyResult, type ProcessResult, recordFailure } from "./one-by-one.server";
import { payloadKeys, withCustomerLocks } from "./parallel.server";

/** Deliveries per step: large enough to amortise a commit, small enough to keep intake responsive. */
const STEP = 100;

interface Item {
  row: WebhookEvent;
  plan: Plan | null;
}

export async function processClaimedBatch(
  db: Db,
  limit: number,
  handlers: Record<string, Handler>,
  clock: Clock,
): Promise<ProcessResult> {
  const rows = await claimDue(db, limit, clock);
  const result = emptyResult();
  for (const group of byShop(rows)) {
    const items: Item[] = [];
    for (const row of group) {
      const item = await planItem(db, row, handlers, clock, result);
      if (item) items.push(item);
    }
    const keys = items.flatMap((i) => (i.plan ? customerKeys(i.plan) : payloadKeys(i.row)));
    await withCustomerLocks(db, group[0].shop, keys, () => processItems(db, items, handlers, clock, result));
  }
  return result;
}

function byShop(rows: WebhookEvent[]): WebhookEvent[][] {
  const groups = new Map<string, WebhookEvent[]>();
  for (const row of rows) groups.set(row.shop, [...(groups.get(row.shop) ?? []), row]);
  return [...groups.values()];
}

/** Parses a batchable delivery into its plan; a payload that cannot be understood is dead-lettered now. */
async function planItem(
  db: Db,
  row: WebhookEvent,
  handlers: Record<string, Handler>,
  clock: Clock,
  result: ProcessResult,
): Promise<Item | null> {
  const planner = planners[row.topic] as ((ctx: HandlerContext) => Plan) | undefined;
  const batchable = planner && !row.announcements && handlers[row.topic] === defaultHandlers[row.topic];
  if (!batchable) return { row, plan: null };
  try {
    const ctx = {
      db,
      shop: row.shop,
      topic: row.topic,
      webhookId: row.webhookId,
      triggeredAt: row.triggeredAt,
      payload: parseExactJson(row.payload),
    };
    await checkDelivery(ctx);
    return { row, plan: planner(ctx) };
  } catch (error) {
    await recordFailure(db, row, error, clock, result);
    return null;
  }
}

async function processItems(
  db: Db,
  items: Item[],
  handlers: Record<string, Handler>,
  clock: Clock,
  result: ProcessResult,
): Promise<void> {
  let step: Item[] = [];
  let keys = new Set<string>();
  const flush = async () => {
    if (step.length) await paced(() => applyStep(db, step, handlers, clock, result));
    step = [];
    keys = new Set();
  };
  for (const item of items) {
    if (!item.plan) {
      await flush();
      await paced(() => applyClaimed(db, item.row, handlers[item.row.topic], clock, result));
      continue;
    }
    const key = recordKey(item.plan);
    if ((key && keys.has(key)) || step.length >= STEP) await flush();
    step.push(item);
    if (key) keys.add(key);
  }
  await flush();
}

/** Receiving first: after each step, rest in proportion to the work while webhooks arrive (intake-pace.ts). */
async function paced(work: () => Promise<void>): Promise<void> {
  const began = performance.now();
  await work();
  await rest(intakePace.restAfter(performance.now() - began));
}

async function applyStep(
  db: Db,
  step: Item[],
  handlers: Record<string, Handler>,
  clock: Clock,
  result: ProcessResult,
): Promise<void> {
  const shop = step[0].row.shop;
  const dialect = writeDialect(db);
  let events: DomainEvent[][];
  try {
    events = await db.$transaction(
      async (tx) => {
        const perPlan = await applyPlans(
          tx,
          shop,
          step.map((i) => i.plan as Plan),
        );
        await recordAnnouncements(
          tx,
          dialect,
          step.map((item, n) => ({ id: item.row.id, events: perPlan[n] })),
        );
        return perPlan;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch {
    // Nothing of the step was stored: each delivery again on its own, to isolate the one at fault.
    for (const item of step) await applyClaimed(db, item.row, handlers[item.row.topic], clock, result);
    return;
  }
  await rest(0); // the store writes held the event loop; let intake run before the subscribers do
  // A delivery whose subscriber failed is retried later (its outbox kept); the rest are done.
  const outcome = await publishDeliveries(db, events);
  const done: string[] = [];
  for (const [n, item] of step.entries()) {
    const failure = outcome[n];
    if (failure) await recordFailure(db, item.row, failure.cause, clock, result);
    else done.push(item.row.id);
  }
  await markAllProcessed(db, done, new Date());
  result.processed += done.length;
}
