// The demo's story at any hour: the first `npm run demo` leaves drafts in the approvals queue (one
// with a finding), and after README's advances the outbox holds every flow's emails from approved,
// mostly product-specific copy, and the reports show revenue from shoppers who bought through
// their email and, from the seeded history, lift over the holdout with a finite interval, whether the demo starts at 03:00, 12:00 or 22:00 in the shop's time zone (quiet
// hours 21:00-08:00 stay on). Real SQLite, the real webhook, pixel and click routes over HTTP, the
// real scheduler and sender writing to the outbox; time is the process clock, moved forward.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockOffsetMs, now, setClockOffsetMs } from "../../../app/clock.server";
import { getDb } from "../../../app/db.server";
import { resetEnvForTests } from "../../../app/env.server";
import { advanceInStops } from "../../../app/demo/advance.server";
import { parseDuration } from "../../../app/demo/duration";
import { prepareDemoFlows } from "../../../app/demo/flows.server";
import { HISTORY_TRANSPORT, seedDemoHistory } from "../../../app/demo/history.server";
import { recoverSome } from "../../../app/demo/recoveries.server";
import { replayDemoActivity } from "../../../app/demo/replay.server";
import { seedDemoShop } from "../../../app/demo/seed.server";
import { DEMO_PROFILE } from "../../../app/demo/shop-profile";
import { deliveryConfig } from "../../../app/delivery/config.server";
import { createSender } from "../../../app/delivery/send-step.server";
import { createOutboxTransport } from "../../../app/delivery/transport.server";
import { FLOW_KEYS } from "../../../app/flows/catalog";
import { localParts, nextLocalTime } from "../../../app/flows/time";
import { DEFAULT_LIFT_THRESHOLDS } from "../../../app/insights/lift";
import { buildReport } from "../../../app/insights/report.server";
import { createScheduler } from "../../../app/scheduler/scheduler.server";
import { scanDueShops } from "../../../app/scheduler/task.server";
import { uniqueShop } from "../../support/database";
import { processWebhooks, recordingAdmin } from "../../support/journey";
import { type RouteServer, startDemoRoutes } from "./demo-routes";

const README = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
const QUICK_START = README.slice(
  README.indexOf("## Quick start"),
  README.indexOf("\n## ", README.indexOf("## Quick start") + 5),
);
const ADVANCES = [...QUICK_START.matchAll(/^npm run demo:advance -- (\S+)/gm)].map((m) => m[1]);

let routes: RouteServer;
beforeAll(async () => {
  // Demo mode, as under `npm run demo`: the pixel collector then accepts the loopback storefront.
  process.env.TEND_MODE = "demo";
  resetEnvForTests();
  routes = await startDemoRoutes();
});
afterAll(async () => {
  await routes.close();
  process.env.TEND_MODE = "live";
  resetEnvForTests();
});

/** Moves the process clock forward to the next `hour`:00 in the demo shop's zone. */
function goTo(hour: number): void {
  const target = nextLocalTime(new Date(now().getTime() + 3_600_000), DEMO_PROFILE.timeZone, hour * 60);
  setClockOffsetMs(clockOffsetMs() + (target.getTime() - now().getTime()));
}

describe("the demo tells its story at any hour", () => {
  it("README's Quick start lists the advances this test follows", () => {
    expect(ADVANCES.length).toBeGreaterThan(0);
    for (const a of ADVANCES) expect(parseDuration(a), a).not.toBeNull();
  });

  for (const hour of [3, 12, 22]) {
    it(`starting at ${String(hour).padStart(2, "0")}:00 shop time`, async () => {
      const db = getDb();
      const shop = uniqueShop(`demo${hour}`);
      goTo(hour);
      expect(localParts(now(), DEMO_PROFILE.timeZone).hour).toBe(hour);

      // What `npm run demo` does at start.
      const seed = await seedDemoShop(db, shop, now());
      const flows = await prepareDemoFlows(db, shop, now());
      const history = await seedDemoHistory(db, shop, seed.anchor, now());
      expect(history.seeded).toBe(true);
      await scanDueShops(db, now());
      const replayed = await replayDemoActivity(db, shop, routes.url);
      expect(replayed.filter((r) => r.status !== 200)).toEqual([]);
      await processWebhooks(db);

      const admin = recordingAdmin().admin;
      const sender = createSender({
        db,
        transport: createOutboxTransport(),
        admin,
        clock: now,
        config: deliveryConfig(),
      });
      const scheduler = createScheduler({ db, send: sender.sendStep, clock: now, workerId: `demo-${hour}` });
      const deps = {
        db,
        shop,
        drain: () => scheduler.drain(),
        scan: (at: Date) => scanDueShops(db, at),
        afterStop: async (since: Date) => {
          const bought = await recoverSome(db, shop, routes.url, since);
          await processWebhooks(db);
          return bought;
        },
      };
      let stops = 0;
      for (const advance of ADVANCES) stops += (await advanceInStops(deps, parseDuration(advance)!)).stops;

      // The approvals queue still has work, one draft with a finding among it.
      const pending = await db.draft.findMany({
        where: { shop, status: "pending" },
        select: { findings: true },
      });
      expect(pending.length).toBe(flows.pendingDrafts);
      expect(pending.some((d) => d.findings !== "[]")).toBe(true);

      // Every flow reached the outbox, from approved copy, mostly product-specific.
      const sent = await db.message.findMany({
        where: { shop, transport: "outbox", status: "sent" },
        select: { flowKey: true, draftId: true },
      });
      const drafts = new Map(
        (
          await db.draft.findMany({
            where: { shop, id: { in: sent.map((m) => m.draftId ?? "") } },
            select: { id: true, approvedAt: true, productShopifyId: true },
          })
        ).map((d) => [d.id, d]),
      );
      const byFlow = Object.fromEntries(
        FLOW_KEYS.map((k) => [k, sent.filter((m) => m.flowKey === k).length]),
      );
      for (const k of FLOW_KEYS)
        expect(byFlow[k], `${k} at ${hour}:00: ${JSON.stringify(byFlow)}`).toBeGreaterThan(0);
      for (const m of sent) expect(drafts.get(m.draftId ?? "")?.approvedAt).toBeTruthy();
      const specific = sent.filter((m) => drafts.get(m.draftId ?? "")?.productShopifyId).length;
      expect(specific / sent.length, `${specific} of ${sent.length} product-specific`).toBeGreaterThan(0.5);

      // Shoppers bought through their emails, during the demo too: the reports show attributed
      // revenue of the emails sent in the period (the seeded history's later weeks among them).
      const report = await buildReport(db, shop, { now: now(), days: 30 });
      const messages = new Map(
        (
          await db.message.findMany({ where: { shop }, select: { id: true, sentAt: true, transport: true } })
        ).map((m) => [m.id, m]),
      );
      const allAttributed = await db.attribution.findMany({
        where: { shop },
        select: { messageId: true, revenueMinor: true },
      });
      const attributed = allAttributed.filter(
        (a) => (messages.get(a.messageId)?.sentAt ?? new Date(0)) >= new Date(report.since),
      );
      expect(
        allAttributed.filter((a) => messages.get(a.messageId)?.transport === "outbox").length,
      ).toBeGreaterThan(0);
      expect(report.total.orders).toBe(attributed.length);
      expect(report.total.revenueMinor).toBe(attributed.reduce((sum, a) => sum + a.revenueMinor, 0));
      expect(report.total.revenueMinor).toBeGreaterThan(0);

      // And lift over the holdout, computed from enough enrollments in both groups, with a finite interval.
      const measured = report.lift.filter((l) => l.verdict !== "not_enough_data");
      expect(measured.map((l) => l.flowKey)).toContain("checkout_abandonment");
      for (const l of measured) {
        expect(l.holdout.customers).toBeGreaterThanOrEqual(DEFAULT_LIFT_THRESHOLDS.minPerGroup);
        expect(l.treated.customers).toBeGreaterThanOrEqual(DEFAULT_LIFT_THRESHOLDS.minPerGroup);
        const orders =
          l.treated.customers * l.treated.conversionRate + l.holdout.customers * l.holdout.conversionRate;
        expect(Math.round(orders)).toBeGreaterThanOrEqual(DEFAULT_LIFT_THRESHOLDS.minConversions);
        for (const x of [l.conversionLift, l.revenueLiftMinor]) {
          expect([x.low, x.estimate, x.high].every(Number.isFinite)).toBe(true);
          expect(x.low).toBeLessThanOrEqual(x.estimate);
          expect(x.high).toBeGreaterThanOrEqual(x.estimate);
          expect(x.high).toBeGreaterThan(x.low);
        }
      }
      // The history's emails stay out of the outbox viewer: it shows what the running demo sent.
      expect([...messages.values()].some((m) => m.transport === HISTORY_TRANSPORT)).toBe(true);
      expect(stops).toBeGreaterThan(ADVANCES.length); // the clock stopped on the way, not only at the end

      // This shop's story is over: later hours' scans and drains leave it alone.
      await db.dueStep.updateMany({ where: { shop, status: "pending" }, data: { status: "cancelled" } });
      await db.shop.update({ where: { shop }, data: { uninstalledAt: now() } });
    }, 120_000);
  }
});
