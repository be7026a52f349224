// `npm run demo`: after the server is listening, bring the demo store to life. Seeds the shop,
// restores the demo clock, activates the Web Pixel on the local Admin API, switches the flows on,
// drafts and (demo only) approves copy so the outbox fills, replays storefront activity through
// the real webhook routes, and prints what to open.
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { ensureBusinessContext } from "../drafting/business-context.server";
import { env } from "../env.server";
import { logger } from "../logger.server";
import { pixelSigningSecret } from "../pixel/wiring.server";
import { activatePixel } from "../shopify/pixel";
import { restoreDemoClock } from "./clock.server";
import { formatDuration } from "./duration";
import { prepareDemoFlows } from "./flows.server";
import { seedDemoHistory } from "./history.server";
import { seedRepeatHistory } from "./repeat-history.server";
import { DEMO_SHOP, localAdminGraphql } from "./local-admin.server";
import { replayDemoActivity } from "./replay.server";
import { seedDemoShop } from "./seed.server";

export interface DemoStartReport {
  appUrl: string;
  seeded: Awaited<ReturnType<typeof seedDemoShop>>["created"];
  flows: string[];
  approvedDrafts: number;
  history: Awaited<ReturnType<typeof seedDemoHistory>>;
  repeatHistory: Awaited<ReturnType<typeof seedRepeatHistory>>;
  replayed: number;
}

export function demoAppUrl(): string {
  const e = env();
  return e.SHOPIFY_APP_URL ?? `http://127.0.0.1:${e.PORT}`;
}

export async function startDemo(): Promise<DemoStartReport> {
  if (env().TEND_MODE !== "demo") throw new Error("startDemo runs in demo mode only");
  const db = getDb();
  const appUrl = demoAppUrl();
  const clock = await restoreDemoClock(db, DEMO_SHOP);
  const seed = await seedDemoShop(db, DEMO_SHOP, now());
  const pixel = await activatePixel(DEMO_SHOP, localAdminGraphql(DEMO_SHOP), {
    appUrl,
    secret: pixelSigningSecret(),
  });
  if (!pixel.ok) logger.warn({ errors: pixel.errors }, "demo pixel activation failed");
  // The shop's first business context, proposed from its seeded sales, before the demo's drafts.
  await ensureBusinessContext(db, DEMO_SHOP, now());
  const flows = await prepareDemoFlows(db, DEMO_SHOP, now());
  // Demo seed data: the shop's past weeks with Tend, so the reports can measure lift (history.ts).
  const history = await seedDemoHistory(db, DEMO_SHOP, seed.anchor, now());
  // And its first-time buyers of past months, so the reports show the repeat purchase rate (repeat-history.ts).
  const repeatHistory = await seedRepeatHistory(db, DEMO_SHOP, seed.anchor, now());
  await (await import("../scheduler/task.server")).scanDueShops(db, now()); // today's win-back and anniversary enrollments, now that flows are on
  const replayed = await replayDemoActivity(db, DEMO_SHOP, appUrl);
  const rejected = replayed.filter((r) => r.status !== 200);
  if (rejected.length) logger.warn({ rejected }, "some demo webhooks were not accepted");
  // Loaded here, not at the top: the demo's story modules stay out of this file's import list.
  const { loopbackUrl, recordRunningDemo } = await import("./running.server");
  const { demoQuietHours } = await import("./actions.server");
  await recordRunningDemo({
    url: loopbackUrl(env().HOST, env().PORT),
    pid: process.pid,
    startedAt: now().toISOString(),
  });
  const quiet = await demoQuietHours(db, DEMO_SHOP);
  const report: DemoStartReport = {
    appUrl,
    seeded: seed.created,
    flows: flows.enabled,
    approvedDrafts: flows.approvedDrafts,
    history,
    repeatHistory,
    replayed: replayed.length,
  };
  const lines = [
    "",
    "Tend demo store is ready: Cedar & Ember Outfitters (tend-demo.myshopify.com)",
    `  seeded: ${seed.created.products} products, ${seed.created.customers} customers, ${seed.created.orders} orders (0 = already there)`,
    `  flows on: ${flows.enabled.join(", ") || "(none: the flows module is not available)"}`,
    `  drafts approved for the demo: ${flows.approvedDrafts}${flows.notes.length ? ` (${flows.notes.join("; ")})` : ""}`,
    `  drafts awaiting your approval: ${flows.pendingDrafts} (${flows.flaggedPending} with voice or guardrail findings)`,
    history.runs > 0
      ? `  seeded history: ${history.runs} past checkout-abandonment runs (${history.holdout} held out), ${history.messages} emails, ${history.orders} orders after them`
      : "  seeded history: already there",
    ...(repeatHistory.buyers > 0
      ? [
          `  seeded first-time buyers: ${repeatHistory.buyers} post-purchase runs (${repeatHistory.holdout} held out), ${repeatHistory.messages} emails, ${repeatHistory.reorders} came back`,
        ]
      : []),
    `  storefront activity replayed through signed webhooks: ${replayed.length} deliveries`,
    `  demo clock: ${clock.now} (${formatDuration(clock.offsetMs)} ahead of real time)`,
    `  ${quiet.text}`,
    "",
    "Open:",
    `  ${appUrl}/app            dashboard`,
    `  ${appUrl}/app/drafts     approvals queue`,
    `  ${appUrl}/app/context    business context Tend proposed from the shop's sales`,
    `  ${appUrl}/app/outbox     emails Tend has "sent" (nothing leaves this machine)`,
    `  ${appUrl}/app/reports    attributed revenue, and lift over the holdout from the seeded history`,
    `  ${appUrl}/app/demo       demo clock and storefront replay`,
    "Move time forward so flows progress:  npm run demo:advance -- 2h, then 1d, then 1d again (README)",
    "",
  ];
  console.log(lines.join("\n"));
  return report;
}
