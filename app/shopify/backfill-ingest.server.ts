// Streams a bulk operation's JSONL result into the store in batched transactions. Each batch is
// committed together with the job's progress (linesDone, bytesDone), so a crash resumes exactly at
// the last committed line. Batches end only at parent boundaries: children (`__parentId`) follow
// their parent line, so a parent and its variants/line items always land in the same batch.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { now } from "../clock.server";
import type { Db } from "../db/client.server";
import { publish } from "../domain/bus.server";
import { parseExactJson } from "../ingest/json";
import { logger } from "../logger.server";
import { applyCustomers, type Tx } from "../store/customers.server";
import { applyOrders } from "../store/orders.server";
import { recomputeShopStats } from "../store/shop-stats.server";
import { applyProducts } from "../store/products.server";
import type { BackfillResource } from "./backfill-operations";
import {
  customerFromNode,
  customerNode,
  lineFromNode,
  lineItemNode,
  orderFromNode,
  orderNode,
  productFromNode,
  productNode,
  variantFromNode,
  variantNode,
} from "./graphql-map";

export interface IngestOptions {
  fetch?: typeof fetch;
  /** Parents per transaction. */
  batchSize?: number;
  /** Called after each committed batch (benchmarks and progress logging). */
  onBatch?(progress: { linesDone: number; bytesDone: number }): void;
  /** Called when a phase after the last line starts (benchmarks). */
  onPhase?(phase: "statistics"): void;
}

interface Group {
  line: number;
  node: Record<string, unknown>;
  children: Record<string, unknown>[];
}

interface Pending {
  groups: Map<string, Group>;
  dead: Prisma.DeadLetterCreateManyInput[];
}

/**
 * Lets the event loop complete one turn. The SQLite driver answers synchronously, so a long run of
 * queries is one unbroken promise chain, and the driver's native memory is not given back until the
 * loop turns (measured with @libsql/client 0.8: RSS +8 MB per 1,000 statements without turns,
 * flat with one turn per few hundred statements).
 */
const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return result.data;
}

async function applyGroups(
  tx: Tx,
  shop: string,
  resource: BackfillResource,
  pending: Pending,
): Promise<void> {
  const dead = (g: Group, error: unknown) =>
    pending.dead.push({
      shop,
      source: "backfill",
      topic: resource,
      payload: JSON.stringify(g.node),
      error: describe(error),
    });
  if (resource === "customers") {
    const inputs = [];
    for (const g of pending.groups.values()) {
      try {
        inputs.push(customerFromNode(parse(customerNode, g.node)));
      } catch (error) {
        dead(g, error);
      }
    }
    await applyCustomers(tx, shop, inputs, { strict: true });
  } else if (resource === "products") {
    const inputs = [];
    for (const g of pending.groups.values()) {
      try {
        const variants = g.children.map((c) => variantFromNode(parse(variantNode, c)));
        inputs.push(productFromNode(parse(productNode, g.node), variants));
      } catch (error) {
        dead(g, error);
      }
    }
    await applyProducts(tx, shop, inputs, { strict: true });
  } else {
    const inputs = [];
    for (const g of pending.groups.values()) {
      try {
        const lines = g.children.map((c) => lineFromNode(parse(lineItemNode, c)));
        inputs.push(orderFromNode(parse(orderNode, g.node), lines));
      } catch (error) {
        dead(g, error);
      }
    }
    // Statistics are recomputed once at the end of the file, not per batch.
    await applyOrders(tx, shop, inputs, { recompute: false, strict: true });
  }
  if (pending.dead.length) await tx.deadLetter.createMany({ data: pending.dead });
}

/** Ingests (or resumes) one job whose result file is ready. Returns false when there was nothing to do. */
export async function ingestBackfillJob(
  db: Db,
  jobId: string,
  options: IngestOptions = {},
): Promise<boolean> {
  const job = await db.backfillJob.findUnique({ where: { id: jobId } });
  if (!job?.url || !["downloading", "ingesting"].includes(job.status)) return false;
  const { shop } = job;
  const resource = job.resource as BackfillResource;
  const batchSize = options.batchSize ?? 200;
  await db.backfillJob.update({ where: { id: job.id }, data: { status: "ingesting" } });

  // Ask for the rest of the file; a server that ignores Range sends all of it and we skip lines.
  const headers: Record<string, string> = job.bytesDone > 0 ? { Range: `bytes=${job.bytesDone}-` } : {};
  const response = await (options.fetch ?? fetch)(job.url, { headers });
  if (!response.ok || !response.body) throw new Error(`backfill download failed: HTTP ${response.status}`);
  const ranged = response.status === 206;
  let skip = ranged ? 0 : job.linesDone;
  let lines = ranged ? job.linesDone : 0;
  let bytes = ranged ? job.bytesDone : 0;
  let committedLines = job.linesDone;
  let committedBytes = job.bytesDone;

  let pending: Pending = { groups: new Map(), dead: [] };
  let current: Group | null = null;
  const flush = async () => {
    const batch = pending;
    pending = { groups: new Map(), dead: [] };
    current = null;
    const done = { linesDone: lines, bytesDone: bytes };
    await db.$transaction(
      async (tx) => {
        await applyGroups(tx, shop, resource, batch);
        await tx.backfillJob.update({ where: { id: job.id }, data: done });
      },
      { timeout: 120_000 },
    );
    committedLines = done.linesDone;
    committedBytes = done.bytesDone;
    options.onBatch?.(done);
    await turnEventLoop();
  };

  const input = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of reader) {
    const size = Buffer.byteLength(line, "utf8") + 1;
    if (skip > 0) {
      skip--;
      lines++;
      bytes += size;
      continue;
    }
    if (line.trim() === "") {
      lines++;
      bytes += size;
      continue;
    }
    let record: Record<string, unknown>;
    try {
      record = parseExactJson(line) as Record<string, unknown>;
    } catch (error) {
      pending.dead.push({
        shop,
        source: "backfill",
        topic: resource,
        payload: line.slice(0, 10_000),
        error: describe(error),
      });
      lines++;
      bytes += size;
      continue;
    }
    const parentId = typeof record.__parentId === "string" ? record.__parentId : null;
    if (parentId) {
      const parent: Group | null | undefined =
        current && (current as Group).node.id === parentId ? current : pending.groups.get(parentId);
      if (parent) parent.children.push(record);
      else
        pending.dead.push({
          shop,
          source: "backfill",
          topic: resource,
          payload: line.slice(0, 10_000),
          error: `child of ${parentId} arrived after its parent's batch was committed`,
        });
    } else {
      // A new parent: the previous batch is complete, so this is a safe place to commit.
      if (pending.groups.size >= batchSize) await flush();
      current = { line: lines, node: record, children: [] };
      pending.groups.set(String(record.id), current);
    }
    lines++;
    bytes += size;
  }
  if (pending.groups.size > 0 || pending.dead.length > 0 || lines !== committedLines) await flush();
  if (resource === "orders") {
    options.onPhase?.("statistics");
    await recomputeShopStats(db, shop);
    // One event for the whole history, none per order (README, Decisions). Published before the
    // job is marked completed: if a subscriber fails, the resumed job publishes it again.
    await publish(db, { type: "orders_backfilled", shop, at: now() });
  }
  await db.backfillJob.update({
    where: { id: job.id },
    data: { status: "completed", finishedAt: new Date(), linesDone: lines, bytesDone: bytes },
  });
  logger.info({ shop, resource, lines, bytes: committedBytes }, "backfill ingested");
  return true;
}

/**
 * Refreshes order statistics for every customer with orders, one statement per batch of customers
 * (app/store/shop-stats.server.ts). Also the way to rewrite first-order month-days after the
 * shop's time zone changes.
 */
export { recomputeShopStats };
