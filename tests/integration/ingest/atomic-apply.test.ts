// A delivery's store writes commit together: when writing an order's lines fails, the order is not
// left behind without them — so the retry finds nothing stored and applies the whole order.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import type { Db } from "../../../app/db/client.server";
import { handlers } from "../../../app/ingest/handlers.server";
import { parseExactJson } from "../../../app/ingest/json";
import { examplePayload, installedShop } from "../../support/webhooks";

/** The real database, except that writing order lines fails once. */
function failingLinesOnce(db: Db): Db {
  let failed = false;
  return db.$extends({
    query: {
      orderLine: {
        createMany({ args, query }) {
          if (failed) return query(args);
          failed = true;
          throw new Error("disk full while writing lines");
        },
      },
    },
  }) as unknown as Db;
}

describe("applying one delivery", () => {
  it("leaves no order without its lines when the lines cannot be written, and the retry stores both", async () => {
    const shop = await installedShop(getDb());
    const payload = parseExactJson(
      JSON.stringify({ ...examplePayload("orders/create"), cancelled_at: null }),
    );
    const lineCount = (examplePayload("orders/create").line_items as unknown[]).length;
    const db = failingLinesOnce(getDb());
    const ctx = { db, shop, topic: "orders/create", webhookId: "w-1", triggeredAt: new Date(), payload };
    await expect(handlers["orders/create"](ctx)).rejects.toThrow("disk full");
    expect(await getDb().order.count({ where: { shop } })).toBe(0);

    await handlers["orders/create"](ctx); // the processor's retry
    const order = await getDb().order.findFirstOrThrow({ where: { shop }, include: { lines: true } });
    expect(order.lines).toHaveLength(lineCount);
  });
});
