// The demo shop gets its segments the way `npm run demo` and `npm run demo:advance` run: the
// seed, then the daily scan (startDemo and every advance call it), which recomputes the shop.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { scanDueShops } from "../../../app/scheduler/task.server";
import { segmentCounts } from "../../../app/store/segments.server";
import { uniqueShop } from "../../support/database";
import { oracle, stored } from "./segments-oracle";

describe("demo shop segments", () => {
  it("every seeded customer is in a segment after the scan, as the rules say", async () => {
    const db = getDb();
    const shop = uniqueShop("demo-seg");
    const at = new Date("2026-11-20T15:00:00.000Z");
    await seedDemoShop(db, shop, at);
    await scanDueShops(db, at);
    const counts = await segmentCounts(db, shop);
    expect(counts.notComputed).toBe(0);
    expect(counts.total).toBeGreaterThanOrEqual(300);
    // A real mix, not everyone in one bucket.
    expect(Object.values(counts.bySegment).filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
    expect(counts.bySegment.vip).toBeGreaterThan(0);
    const got = await stored(db, shop);
    const want = await oracle(db, shop, at);
    for (const [id, w] of want)
      expect({ id, segment: got.get(id)?.segment }).toEqual({ id, segment: w.segment });
  });
});
