// Backfill through Bulk Operations: one job per resource (customers, products, orders), run one
// after another. Shopify announces completion with bulk_operations/finish; the JSONL result is then
// streamed line by line into the store (backfill-ingest.server.ts), resumable from linesDone.
import type { AdminGraphql } from "../admin.server";
import type { Clock } from "../clock.server";
import type { Db } from "../db/client.server";
import { logger } from "../logger.server";
import { adminRequest } from "./admin-client.server";
import {
  BACKFILL_ORDER,
  BULK_OPERATION_RUN,
  BULK_OPERATION_STATUS,
  type BackfillResource,
  bulkQueryFor,
} from "./backfill-operations";

export interface BackfillDeps {
  /** Admin API client for background work (adminFor in production). */
  adminFor(shop: string): Promise<AdminGraphql>;
  now: Clock;
  /** Wakes the ingestion runner once a result file is ready. */
  kick(): void;
}

const ACTIVE = ["pending", "running", "downloading", "ingesting"];

interface RunResult {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: string } | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

interface StatusResult {
  node: {
    id: string;
    status: string;
    errorCode: string | null;
    url: string | null;
    partialDataUrl: string | null;
    objectCount: string | number;
    fileSize: string | number | null;
  } | null;
}

/**
 * Starts a full backfill unless one is already under way (admin loads call this on every visit;
 * only the first does anything). Returns the shop's current jobs.
 */
export async function startBackfill(
  db: Db,
  shop: string,
  admin: AdminGraphql,
  options: { force?: boolean; now?: Date } = {},
) {
  const at = options.now ?? new Date();
  const active = await db.backfillJob.findMany({ where: { shop, status: { in: ACTIVE } } });
  if (active.length === 0) {
    const done = await db.backfillJob.count({ where: { shop, status: "completed" } });
    if (done === 0 || options.force) {
      // Staggered start times keep BACKFILL_ORDER when sorting by startedAt.
      await db.backfillJob.createMany({
        data: BACKFILL_ORDER.map((resource, i) => ({
          shop,
          resource,
          startedAt: new Date(at.getTime() + i),
        })),
      });
    }
  }
  await launchNext(db, shop, admin, at);
  return backfillProgress(db, shop);
}

/** Starts the next pending bulk operation when none of this shop's is running at Shopify. */
export async function launchNext(db: Db, shop: string, admin: AdminGraphql, at: Date): Promise<void> {
  const running = await db.backfillJob.count({ where: { shop, status: "running" } });
  if (running > 0) return;
  const next = await db.backfillJob.findFirst({
    where: { shop, status: "pending" },
    orderBy: { startedAt: "asc" },
  });
  if (!next) return;
  // The history window is fixed when the backfill starts (the job's startedAt), not when each
  // resource's turn comes: all resources share one horizon, whatever clock launches them.
  const query = bulkQueryFor(next.resource as BackfillResource, next.startedAt);
  try {
    const data = await adminRequest<RunResult>(admin, BULK_OPERATION_RUN, { query });
    const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
    if (!bulkOperation)
      throw new Error(userErrors.map((e) => e.message).join("; ") || "no bulk operation returned");
    await db.backfillJob.update({
      where: { id: next.id },
      data: { status: "running", bulkOperationId: bulkOperation.id, error: null },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.backfillJob.update({
      where: { id: next.id },
      data: { status: "failed", error: message, finishedAt: at },
    });
    logger.warn({ shop, resource: next.resource, err: error }, "backfill could not start");
  }
}

export interface BulkFinish {
  admin_graphql_api_id: string;
  status: string;
  error_code?: string | null;
}

/** bulk_operations/finish: record the result file, start the next resource, wake the runner. */
export async function onBulkOperationFinished(
  db: Db,
  shop: string,
  finish: BulkFinish,
  deps: BackfillDeps,
): Promise<void> {
  const job = await db.backfillJob.findFirst({
    where: { shop, bulkOperationId: finish.admin_graphql_api_id },
  });
  if (job?.status !== "running") return; // not ours, or already handled (redelivery)
  const at = deps.now();
  const admin = await deps.adminFor(shop);
  if (finish.status.toLowerCase() !== "completed") {
    await db.backfillJob.update({
      where: { id: job.id },
      data: {
        status: "failed",
        error: `bulk operation ${finish.status}: ${finish.error_code ?? "no error code"}`,
        finishedAt: at,
      },
    });
  } else {
    const data = await adminRequest<StatusResult>(admin, BULK_OPERATION_STATUS, {
      id: finish.admin_graphql_api_id,
    });
    const op = data.node;
    const url = op?.url ?? op?.partialDataUrl ?? null;
    await db.backfillJob.update({
      where: { id: job.id },
      data: url
        ? {
            status: "downloading",
            url,
            objectCount: op ? Number(op.objectCount) : null,
            bytesTotal: op?.fileSize != null ? Number(op.fileSize) : null,
          }
        : { status: "completed", objectCount: 0, finishedAt: at }, // nothing to import
    });
  }
  await launchNext(db, shop, admin, at);
  deps.kick();
}

export interface BackfillProgress {
  resource: string;
  status: string;
  linesDone: number;
  bytesDone: number;
  bytesTotal: number | null;
  objectCount: number | null;
  error: string | null;
  /** 0..1 for a progress bar; null while Shopify is still preparing the file. */
  fraction: number | null;
}

/** What the admin shows: the latest job per resource. */
export async function backfillProgress(db: Db, shop: string): Promise<BackfillProgress[]> {
  const jobs = await db.backfillJob.findMany({ where: { shop }, orderBy: { startedAt: "desc" } });
  const latest = new Map<string, (typeof jobs)[number]>();
  for (const j of jobs) if (!latest.has(j.resource)) latest.set(j.resource, j);
  return BACKFILL_ORDER.filter((r) => latest.has(r)).map((r) => {
    const j = latest.get(r)!;
    const fraction =
      j.status === "completed"
        ? 1
        : j.bytesTotal
          ? Math.min(1, j.bytesDone / j.bytesTotal)
          : j.status === "pending"
            ? 0
            : null;
    return {
      resource: j.resource,
      status: j.status,
      linesDone: j.linesDone,
      bytesDone: j.bytesDone,
      bytesTotal: j.bytesTotal,
      objectCount: j.objectCount,
      error: j.error,
      fraction,
    };
  });
}
