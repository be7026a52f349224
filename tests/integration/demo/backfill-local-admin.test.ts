// Tend's real bulk backfill against the demo store's local Admin API: the bulk queries run, the
// JSONL parses, every line is ingested (no dead letters) and re-importing the store's own data
// changes nothing. This is the contract between app/shopify/backfill* and app/demo.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadOnboarding } from "../../../app/admin/onboarding.server";
import { getDb } from "../../../app/db.server";
import { bulkFilePath, bulkOperationNumericId } from "../../../app/demo/bulk.server";
import { localAdminGraphql } from "../../../app/demo/local-admin.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { ingestBackfillJob } from "../../../app/shopify/backfill-ingest.server";
import { onBulkOperationFinished, startBackfill } from "../../../app/shopify/backfill.server";
import { uniqueShop } from "../../support/database";

describe("backfill from the local Admin API", () => {
  it("imports customers, products and orders from bulk JSONL with no dead letters", async () => {
    const db = getDb();
    const shop = uniqueShop("demobackfill");
    const at = new Date("2026-11-20T18:00:00Z");
    await seedDemoShop(db, shop, at, 40);
    const counts = async () => [
      await db.customer.count({ where: { shop } }),
      await db.product.count({ where: { shop } }),
      await db.order.count({ where: { shop } }),
      await db.orderLine.count({ where: { shop } }),
    ];
    const before = await counts();
    const admin = localAdminGraphql(shop);
    // The JSONL is served over HTTP in the running demo; here the file is read directly.
    const fileFetch = (async (url: string | URL | Request) => {
      const id = String(url).split("/").pop() ?? "";
      return new Response(readFileSync(bulkFilePath(shop, id)));
    }) as typeof fetch;

    await startBackfill(db, shop, admin, { now: at });
    for (let round = 0; round < 3; round++) {
      const running = await db.backfillJob.findFirst({ where: { shop, status: "running" } });
      if (!running) break;
      expect(bulkOperationNumericId(running.bulkOperationId!)).not.toBeNull();
      await onBulkOperationFinished(
        db,
        shop,
        { admin_graphql_api_id: running.bulkOperationId!, status: "COMPLETED" },
        {
          adminFor: async () => admin,
          now: () => at,
          kick: () => undefined,
        },
      );
      await ingestBackfillJob(db, running.id, { fetch: fileFetch });
    }
    const jobs = await db.backfillJob.findMany({ where: { shop }, orderBy: { startedAt: "asc" } });
    expect(jobs.map((j) => [j.resource, j.status, j.error?.slice(0, 300) ?? null])).toEqual([
      ["customers", "completed", null],
      ["products", "completed", null],
      ["orders", "completed", null],
    ]);
    expect(jobs.every((j) => (j.objectCount ?? 0) > 0 && j.linesDone === j.objectCount)).toBe(true);
    expect(await db.deadLetter.findMany({ where: { shop }, select: { topic: true, error: true } })).toEqual(
      [],
    );
    expect(await counts()).toEqual(before);
    // The checklist counts records, not file lines (variants and order lines are lines too).
    const [customers, products, orders] = before;
    const shown = (await loadOnboarding(db, shop)).backfill.map((b) => [b.resource, b.objects]);
    expect(shown).toEqual([
      ["customers", customers],
      ["products", products],
      ["orders", orders],
    ]);
    expect(jobs.find((j) => j.resource === "products")?.objectCount).toBeGreaterThan(products);
  });
});
