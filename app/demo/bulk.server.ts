// Bulk operations for the local Admin API: the query runs at once against the demo store, its
// JSONL is written to a temp file served by app/routes/demo.bulk.$id.tsx, and, as Shopify does,
// a signed bulk_operations/finish webhook is delivered to the app's real route.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "../db.server";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { executeAdmin } from "./admin-execute.server";
import { gid, parseGid } from "./admin-shapes";
import { bulkLines } from "./bulk-jsonl";
import { postSignedWebhook } from "./replay.server";

const CURRENT = "demo.bulk.current";
const key = (id: string) => `demo.bulk:${id}`;

export function bulkFilePath(shop: string, numericId: string): string {
  return path.join(
    tmpdir(),
    "tend-demo-bulk",
    shop.replace(/[^a-z0-9.-]/gi, "_"),
    `${numericId.replace(/\D/g, "")}.jsonl`,
  );
}

interface StoredBulk {
  id: string;
  status: string;
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  query: string;
}

const shape = (b: StoredBulk) => ({ __typename: "BulkOperation", type: "QUERY", partialDataUrl: null, ...b });

export async function findBulkOperation(db: Db, shop: string, id: string) {
  const row = await db.appState.findUnique({ where: { shop_key: { shop, key: key(id) } } });
  return row ? shape(JSON.parse(row.value) as StoredBulk) : null;
}

export async function currentBulkOperation(db: Db, shop: string) {
  const current = await db.appState.findUnique({ where: { shop_key: { shop, key: CURRENT } } });
  return current ? findBulkOperation(db, shop, current.value) : null;
}

async function save(db: Db, shop: string, bulk: StoredBulk) {
  for (const [k, value] of [
    [key(bulk.id), JSON.stringify(bulk)],
    [CURRENT, bulk.id],
  ]) {
    await db.appState.upsert({
      where: { shop_key: { shop, key: k } },
      create: { shop, key: k, value },
      update: { value },
    });
  }
}

export async function runBulkQuery(db: Db, shop: string, query: string) {
  const running = await currentBulkOperation(db, shop);
  if (running && (running.status === "CREATED" || running.status === "RUNNING")) {
    return {
      bulkOperation: null,
      userErrors: [
        {
          field: ["query"],
          code: "OPERATION_IN_PROGRESS",
          message: "A bulk query operation for this app and shop is already in progress.",
        },
      ],
    };
  }
  const result = await executeAdmin(db, shop, query, undefined, { unlimited: true });
  if (result.errors?.length || !result.data) {
    return {
      bulkOperation: null,
      userErrors: (result.errors ?? []).map((e) => ({
        field: ["query"],
        code: "INVALID",
        message: e.message,
      })),
    };
  }
  const numericId = String(Date.now());
  const id = gid("BulkOperation", numericId);
  const { lines, rootObjectCount } = bulkLines(result.data);
  const file = bulkFilePath(shop, numericId);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length ? "\n" : ""));
  const now = new Date().toISOString();
  const appUrl = env().SHOPIFY_APP_URL ?? `http://127.0.0.1:${env().PORT}`;
  const bulk: StoredBulk = {
    id,
    status: "COMPLETED",
    errorCode: null,
    createdAt: now,
    completedAt: now,
    objectCount: String(lines.length),
    rootObjectCount: String(rootObjectCount),
    fileSize: String(statSync(file).size),
    url: lines.length ? new URL(`/demo/bulk/${numericId}`, appUrl).toString() : null,
    query,
  };
  await save(db, shop, bulk);
  // Shopify tells the app by webhook; deliver it after this response, through the real route.
  if (env().TEND_MODE === "demo")
    setTimeout(() => {
      postSignedWebhook(appUrl, shop, "bulk_operations/finish", {
        admin_graphql_api_id: id,
        completed_at: now,
        created_at: now,
        error_code: null,
        status: "completed",
        type: "query",
      }).catch((err) => logger.warn({ shop, err }, "demo bulk finish webhook not delivered"));
    }, 50);
  return { bulkOperation: { ...shape({ ...bulk, status: "CREATED", completedAt: null }) }, userErrors: [] };
}

export function bulkOperationNumericId(value: string): string | null {
  const ref = parseGid(value);
  return ref?.type === "BulkOperation" ? ref.id : /^\d+$/.test(value) ? value : null;
}
