// A simulated year of a 10,000-customer shop through the real engine (decideTrigger, decideDueStep,
// nextStep, scannedEnrollment): synthetic first orders, repeat purchases, abandoned checkouts, cart
// adds, unsubscribes and re-subscribes. Checked independently of the engine: nobody is mailed
// without consent at that moment, nobody over the cap in any 7-day window, no (run, step) twice.
import { describe, expect, it } from "vitest";
import type { TriggerAction } from "../../../app/flows/actions";
import { type FlowKey, SCANNED_FLOWS } from "../../../app/flows/catalog";
import { resolveDefinition } from "../../../app/flows/config";
import {
  decideDueStep,
  decideTrigger,
  type EnabledFlow,
  nextStep,
  type RunSummary,
  scannedEnrollment,
  type Trigger,
} from "../../../app/flows/engine";
import { monthDay, startOfLocalDay } from "../../../app/flows/time";
import { DEFAULT_POLICY } from "./sim";

const DAY = 86_400_000;
const START = Date.parse("2026-01-01T05:00:00.000Z");
const ZONE = "America/New_York";
const policy = { ...DEFAULT_POLICY, timeZone: ZONE, holdoutPercent: 10, dailySendLimit: 300 };

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Customer {
  id: string;
  email: string;
  state: string;
  orders: number[];
  first: number;
  last: number;
  sends: Array<{ at: number; flowKey: string }>;
  runs: Run[];
}
interface Run extends RunSummary {
  holdout: boolean;
  enrollKey: string;
}
type Due = { at: number; runId: string; stepIndex: number };

class Heap {
  private a: Due[] = [];
  get size() {
    return this.a.length;
  }
  peek() {
    return this.a[0];
  }
  push(d: Due) {
    const a = this.a;
    a.push(d);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p].at <= a[i].at) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Due {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].at < a[m].at) m = l;
        if (r < a.length && a[r].at < a[m].at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

function simulateYear(count: number) {
  const rand = rng(42);
  const flows: Partial<Record<FlowKey, EnabledFlow>> = {};
  for (const key of [
    "checkout_abandonment",
    "cart_abandonment",
    "post_purchase",
    "win_back",
    "anniversary",
  ] as FlowKey[]) {
    flows[key] = { definition: resolveDefinition(key, {}), version: 1, enabledAt: new Date(START - DAY) };
  }
  const customers: Customer[] = [];
  const runs = new Map<string, Run & { customer: Customer }>();
  const heap = new Heap();
  const sentKeys = new Map<string, number>();
  const violations: string[] = [];
  let seq = 0;
  let now = START;
  const stats = {
    sends: 0,
    byFlow: {} as Record<string, number>,
    deferred: 0,
    capped: 0,
    holdoutSkips: 0,
    orders: 0,
    sentToday: new Map<string, number>(),
  };

  // Events over the year, sorted by time: [at, apply()].
  const events: Array<[number, () => void]> = [];
  for (let i = 0; i < count; i++) {
    const c: Customer = {
      id: `c${i}`,
      email: `c${i}@x.test`,
      state: rand() < 0.8 ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
      orders: [],
      first: 0,
      last: 0,
      sends: [],
      runs: [],
    };
    customers.push(c);
    // 40% bought last year (anniversaries and win-backs fall into this year).
    if (rand() < 0.4) {
      const at = START - Math.floor(rand() * 365) * DAY - Math.floor(rand() * 24) * 3_600_000;
      c.orders.push(at);
      c.first = at;
      c.last = at;
    }
    const active = rand() < 0.6;
    if (active) {
      // First order this year, then repeats with realistic gaps (~30% repeat, mean 75 days).
      let t = START + rand() * 330 * DAY;
      const repeatProb = 0.3 + rand() * 0.2;
      for (let k = 0; k < 6 && t < START + 365 * DAY; k++) {
        const at = Math.floor(t);
        if (rand() < 0.35) {
          // Abandons a checkout first; 45% come back and buy within two days.
          const token = `t${i}-${k}`;
          events.push([at - 3 * 3_600_000, () => checkout(c, token, at - 3 * 3_600_000)]);
          if (rand() < 0.45) events.push([at + rand() * 2 * DAY, () => order(c, token)]);
        } else {
          events.push([at, () => order(c, null)]);
        }
        if (rand() < 0.25) events.push([at - 5 * DAY, () => cartAdd(c, at - 5 * DAY)]);
        if (rand() > repeatProb) break;
        t += (20 + rand() * 110) * DAY;
      }
    }
    if (rand() < 0.03) events.push([START + rand() * 365 * DAY, () => consent(c, "UNSUBSCRIBED")]);
    if (rand() < 0.01) events.push([START + rand() * 365 * DAY, () => consent(c, "SUBSCRIBED")]);
  }
  for (let d = 0; d < 365; d++) events.push([START + d * DAY + 9 * 3_600_000, () => dailyScan()]);
  events.sort((a, b) => a[0] - b[0]);

  const summaries = (c: Customer) => c.runs;
  function apply(c: Customer, actions: TriggerAction[]) {
    for (const a of actions) {
      if (a.type === "enroll" || a.type === "restart") {
        if (a.type === "restart") end(a.runId, "exited");
        if (c.runs.some((r) => r.enrollKey === a.enrollKey)) continue;
        const id = `r${++seq}`;
        const run = {
          id,
          flowKey: a.flowKey,
          status: "active",
          startedAt: a.startedAt,
          endedAt: null,
          customerShopifyId: c.id,
          email: c.email,
          context: a.context,
          holdout: a.holdout,
          enrollKey: a.enrollKey,
          customer: c,
        };
        runs.set(id, run);
        c.runs.push(run);
        heap.push({ at: a.firstDueAt.getTime(), runId: id, stepIndex: 0 });
      } else if (a.type === "exit") end(a.runId, "exited");
    }
  }
  function end(runId: string, status: string) {
    const r = runs.get(runId);
    if (r && r.status === "active") {
      r.status = status;
      r.endedAt = new Date(now);
    }
  }
  function event(c: Customer, trigger: Trigger) {
    apply(
      c,
      decideTrigger({
        shop: "sim",
        now: new Date(now),
        trigger,
        flows,
        runs: summaries(c),
        consent: c.state === "SUBSCRIBED",
        holdoutPercent: policy.holdoutPercent,
      }),
    );
  }
  function checkout(c: Customer, token: string, at: number) {
    const items = [
      {
        productShopifyId: `p${token.length % 7}`,
        variantShopifyId: null,
        title: "Thing",
        quantity: 1,
        priceMinor: 2500,
      },
    ];
    event(c, {
      kind: "checkout_updated",
      orderedSinceCheckout: false,
      checkout: {
        token,
        email: c.email,
        customerShopifyId: c.id,
        acceptsMarketing: false,
        items,
        recoveryUrl: null,
        currency: "USD",
        totalMinor: 2500,
        createdAt: new Date(at),
        updatedAt: new Date(at),
        completed: false,
      },
    });
  }
  function order(c: Customer, token: string | null) {
    stats.orders++;
    const first = c.orders.length === 0;
    c.orders.push(now);
    c.first ||= now;
    c.last = now;
    event(c, {
      kind: "order_created",
      orderShopifyId: `o${stats.orders}`,
      orderName: null,
      customerShopifyId: c.id,
      email: c.email,
      checkoutToken: token,
      isFirstOrder: first,
      productShopifyIds: ["p1"],
      processedAt: new Date(now),
    });
  }
  function cartAdd(c: Customer, at: number) {
    event(c, {
      kind: "storefront_activity",
      name: "product_added_to_cart",
      customerShopifyId: c.id,
      email: c.email,
      productShopifyId: "p2",
      recentViews: 0,
      at: new Date(at),
    });
  }
  function consent(c: Customer, state: string) {
    c.state = state;
    if (state !== "SUBSCRIBED") event(c, { kind: "unsubscribed", customerShopifyId: c.id, email: c.email });
  }
  function dailyScan() {
    const date = new Date(now);
    const md = monthDay(date, ZONE);
    const mdOf = (t: number) => firstMd.get(t) ?? firstMd.set(t, monthDay(new Date(t), ZONE)).get(t)!;
    const dayStart = startOfLocalDay(date, ZONE).getTime();
    let budget = policy.dailySendLimit - (scannedByDay.get(dayStart) ?? 0);
    const spend = () => {
      budget--;
      scannedByDay.set(dayStart, (scannedByDay.get(dayStart) ?? 0) + 1);
    };
    for (const c of customers) {
      if (budget <= 0) break;
      if (c.state !== "SUBSCRIBED" || c.orders.length === 0) continue;
      const { first, last } = c;
      const has = (k: string) =>
        c.runs.some(
          (r) =>
            r.flowKey === k &&
            (r.status === "active" || r.startedAt.getTime() >= (k === "win_back" ? last : now - 300 * DAY)),
        );
      if (mdOf(first) === md && now - first > 300 * DAY && !has("anniversary")) {
        apply(c, [
          scannedEnrollment({
            shop: "sim",
            flow: flows.anniversary!,
            customerShopifyId: c.id,
            email: c.email,
            anchor: new Date(first),
            now: date,
            holdoutPercent: policy.holdoutPercent,
          }),
        ]);
        spend();
      } else if (now - last >= 90 * DAY && now - last < 730 * DAY && !has("win_back")) {
        apply(c, [
          scannedEnrollment({
            shop: "sim",
            flow: flows.win_back!,
            customerShopifyId: c.id,
            email: c.email,
            anchor: new Date(last),
            now: date,
            holdoutPercent: policy.holdoutPercent,
            lapseDays: 90,
          }),
        ]);
        spend();
      }
    }
  }
  function processDue(until: number) {
    while (heap.size && heap.peek().at <= until) {
      const due = heap.pop();
      now = Math.max(now, due.at);
      const run = runs.get(due.runId)!;
      const c = run.customer;
      const definition = flows[run.flowKey as FlowKey]!.definition;
      const pendingOthers = c.runs
        .filter((r) => r.id !== run.id && r.status === "active" && !r.holdout)
        .map((r) => ({ flowKey: r.flowKey, dueAt: new Date(nextDueOf.get(r.id) ?? now) }));
      const localDay = startOfLocalDay(new Date(now), ZONE).toISOString();
      const decision = decideDueStep({
        now: new Date(now),
        run,
        definition,
        stepIndex: due.stepIndex,
        flowEnabled: true,
        shop: policy,
        customer: { marketingState: c.state, timeZone: null },
        suppressed: false,
        orderedSinceStart: c.orders.some((o) => o >= run.startedAt.getTime()),
        checkoutCompleted: false,
        recentSends: c.sends
          .filter((s) => s.at > now - 7 * DAY)
          .map((s) => ({ flowKey: s.flowKey, sentAt: new Date(s.at) })),
        pendingOthers,
        scannedSentToday: stats.sentToday.get(localDay) ?? 0,
        stock: {},
        products: { crossSell: ["x"], lastOrder: ["l"], firstOrder: ["f"] },
        engagedHour: null,
      });
      if (decision.type === "drop") continue;
      if (decision.type === "exit") {
        end(run.id, "exited");
        continue;
      }
      if (decision.type === "defer") {
        if (decision.kind === "capped") stats.capped++;
        else stats.deferred++;
        nextDueOf.set(run.id, decision.until.getTime());
        heap.push({ at: decision.until.getTime(), runId: run.id, stepIndex: due.stepIndex });
        continue;
      }
      if (decision.type === "send") {
        const key = `${run.id}:${due.stepIndex}`;
        sentKeys.set(key, (sentKeys.get(key) ?? 0) + 1);
        if (c.state !== "SUBSCRIBED") violations.push(`mailed ${c.id} without consent`);
        if (run.holdout) violations.push(`mailed holdout ${c.id}`);
        c.sends.push({ at: now, flowKey: run.flowKey });
        stats.sends++;
        stats.byFlow[run.flowKey] = (stats.byFlow[run.flowKey] ?? 0) + 1;
        if (SCANNED_FLOWS.includes(run.flowKey as FlowKey))
          stats.sentToday.set(localDay, (stats.sentToday.get(localDay) ?? 0) + 1);
      } else if (decision.kind === "holdout") stats.holdoutSkips++;
      const next = nextStep(definition, run.startedAt, due.stepIndex, new Date(now));
      if (next.type === "complete") end(run.id, "completed");
      else {
        nextDueOf.set(run.id, next.dueAt.getTime());
        heap.push({ at: next.dueAt.getTime(), runId: run.id, stepIndex: next.stepIndex });
      }
    }
  }
  const nextDueOf = new Map<string, number>();
  const scannedByDay = new Map<number, number>();
  const firstMd = new Map<number, string>();

  for (const [at, applyEvent] of events) {
    processDue(at);
    now = Math.max(now, at);
    applyEvent();
  }
  processDue(START + 400 * DAY);

  let overCap = 0;
  for (const c of customers) {
    const times = c.sends.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 2; i < times.length; i++) if (times[i] - times[i - 2] < 7 * DAY) overCap++;
  }
  const duplicates = [...sentKeys.values()].filter((n) => n > 1).length;
  return { stats, violations, overCap, duplicates, runs: runs.size };
}

describe("a simulated year of a 10,000-customer shop", () => {
  it("mails nobody without consent, nobody over the cap, nobody twice for one step", () => {
    const { stats, violations, overCap, duplicates, runs } = simulateYear(10_000);
    console.info(
      `year: ${stats.orders} orders, ${runs} runs, ${stats.sends} emails (${JSON.stringify(stats.byFlow)}), ${stats.capped} cap deferrals, ${stats.deferred} quiet-hour deferrals, ${stats.holdoutSkips} holdout skips`,
    );
    expect(violations).toEqual([]);
    expect(overCap).toBe(0);
    expect(duplicates).toBe(0);
    // The year did happen: every flow mailed someone, and the cap had to work.
    for (const flow of [
      "checkout_abandonment",
      "cart_abandonment",
      "post_purchase",
      "win_back",
      "anniversary",
    ])
      expect(stats.byFlow[flow]).toBeGreaterThan(50);
    expect(stats.capped).toBeGreaterThan(0);
    expect(stats.deferred).toBeGreaterThan(0);
  }, 60_000);
});
