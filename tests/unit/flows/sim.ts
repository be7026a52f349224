// An in-memory stand-in for the database and scheduler around the pure engine: events go through
// decideTrigger, due steps through decideDueStep/nextStep in due order on a simulated clock. It
// lets tests read the exact message sequence a customer would get.
import type { RunContext, TriggerAction } from "../../../app/flows/actions";
import { FLOW_CATALOG, type FlowKey } from "../../../app/flows/catalog";
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
import type { ShopFlowPolicy } from "../../../app/flows/versions.server";

export interface SimCustomer {
  id: string;
  email: string | null;
  marketingState: string;
  suppressed?: boolean;
  orders?: Date[];
}

interface SimRun extends RunSummary {
  holdout: boolean;
  version: number;
  enrollKey: string;
}

export interface Sent {
  at: Date;
  runId: string;
  customerId: string | null;
  flowKey: string;
  stepIndex: number;
  stepKey: string;
  products: string[];
}

export interface Why {
  at: Date;
  customerId: string | null;
  flowKey: string | null;
  kind: string;
  reason: string;
}

export const DEFAULT_POLICY: ShopFlowPolicy = {
  timeZone: "UTC",
  quietHoursStart: 21 * 60,
  quietHoursEnd: 8 * 60,
  frequencyCapCount: 2,
  frequencyCapDays: 7,
  dailySendLimit: 500,
  sendTimeOptimisation: false,
  uninstalled: false,
  holdoutPercent: 0,
  maxDiscountPercent: 15,
};

export class FlowSim {
  now: Date;
  readonly shop: string;
  policy: ShopFlowPolicy;
  flows: Partial<Record<FlowKey, EnabledFlow>> = {};
  customers = new Map<string, SimCustomer>();
  runs = new Map<string, SimRun>();
  due: Array<{ runId: string; stepIndex: number; dueAt: Date; status: "pending" | "done" | "cancelled" }> =
    [];
  sent: Sent[] = [];
  why: Why[] = [];
  stock: Record<string, boolean | undefined> = {};
  completedCheckouts = new Set<string>();
  sendAttempts = new Map<string, number>();
  private seq = 0;

  constructor(opts: {
    shop?: string;
    start: Date;
    flows: FlowKey[];
    policy?: Partial<ShopFlowPolicy>;
    enabledAt?: Date;
  }) {
    this.shop = opts.shop ?? "sim.myshopify.com";
    this.now = opts.start;
    this.policy = { ...DEFAULT_POLICY, ...opts.policy };
    for (const key of opts.flows) {
      this.flows[key] = {
        definition: resolveDefinition(key, {}),
        version: 1,
        enabledAt: opts.enabledAt ?? opts.start,
      };
    }
  }

  customer(c: SimCustomer): SimCustomer {
    this.customers.set(c.id, { orders: [], ...c });
    return this.customers.get(c.id)!;
  }

  runsOf(customerId: string | null, email: string | null): SimRun[] {
    return [...this.runs.values()].filter(
      (r) => (customerId && r.customerShopifyId === customerId) || (email && r.email === email),
    );
  }

  event(trigger: Trigger, customerId: string | null, email: string | null = null): TriggerAction[] {
    const c = customerId ? this.customers.get(customerId) : undefined;
    const actions = decideTrigger({
      shop: this.shop,
      now: this.now,
      trigger,
      flows: this.flows,
      runs:
        trigger.kind === "shop_uninstalled"
          ? [...this.runs.values()]
          : this.runsOf(customerId, email ?? c?.email ?? null),
      consent: c?.marketingState === "SUBSCRIBED",
      holdoutPercent: this.policy.holdoutPercent,
    });
    for (const a of actions) this.apply(a);
    return actions;
  }

  /** What the daily scan does for one selected customer (win-back / anniversary). */
  enrollScanned(flowKey: "win_back" | "anniversary", customerId: string, anchor: Date): void {
    const flow = this.flows[flowKey];
    const c = this.customers.get(customerId);
    if (!flow || !c?.email) return;
    const active = this.runsOf(customerId, null).some((r) => r.flowKey === flowKey && r.status === "active");
    if (active) return;
    this.apply(
      scannedEnrollment({
        shop: this.shop,
        flow,
        customerShopifyId: customerId,
        email: c.email,
        anchor,
        now: this.now,
        holdoutPercent: this.policy.holdoutPercent,
        lapseDays: 90,
      }),
    );
  }

  private log(customerId: string | null, flowKey: string | null, kind: string, reason: string) {
    this.why.push({ at: this.now, customerId, flowKey, kind, reason });
  }

  private end(runId: string, status: string, reason: string, kind?: string) {
    const run = this.runs.get(runId);
    if (run?.status !== "active") return false;
    run.status = status;
    run.endedAt = this.now;
    for (const d of this.due) if (d.runId === runId && d.status === "pending") d.status = "cancelled";
    this.log(
      run.customerShopifyId,
      run.flowKey,
      kind ?? (status === "completed" ? "completed" : "exited"),
      reason,
    );
    return true;
  }

  private apply(a: TriggerAction) {
    switch (a.type) {
      case "enroll":
      case "restart": {
        if (a.type === "restart") this.end(a.runId, "exited", a.reason);
        if ([...this.runs.values()].some((r) => r.enrollKey === a.enrollKey)) return;
        const id = `run${++this.seq}`;
        this.runs.set(id, {
          id,
          flowKey: a.flowKey,
          status: "active",
          startedAt: a.startedAt,
          endedAt: null,
          customerShopifyId: a.customer.customerShopifyId,
          email: a.customer.email,
          context: a.context as RunContext,
          holdout: a.holdout,
          version: a.version,
          enrollKey: a.enrollKey,
        });
        this.due.push({ runId: id, stepIndex: 0, dueAt: a.firstDueAt, status: "pending" });
        this.log(a.customer.customerShopifyId, a.flowKey, a.holdout ? "holdout" : "enrolled", a.reason);
        return;
      }
      case "exit":
        this.end(a.runId, "exited", a.reason, a.kind);
        return;
      case "ignore":
        this.log(a.customer.customerShopifyId, a.flowKey, "not_enrolled", a.reason);
        return;
      case "cancel_all":
        for (const r of this.runs.values()) if (r.status === "active") this.end(r.id, "cancelled", a.reason);
        return;
    }
  }

  /** Processes every due step up to `until`, in due order, moving the clock to each. */
  advanceTo(until: Date): void {
    for (;;) {
      const next = this.due
        .filter((d) => d.status === "pending" && d.dueAt.getTime() <= until.getTime())
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      if (!next) break;
      if (next.dueAt > this.now) this.now = next.dueAt;
      this.handle(next);
    }
    if (until > this.now) this.now = until;
  }

  advanceBy(minutes: number): void {
    this.advanceTo(new Date(this.now.getTime() + minutes * 60_000));
  }

  private handle(due: { runId: string; stepIndex: number; dueAt: Date; status: string }) {
    const run = this.runs.get(due.runId)!;
    const flow = this.flows[run.flowKey as FlowKey];
    const definition = flow?.definition ?? FLOW_CATALOG[run.flowKey as FlowKey];
    const customer = run.customerShopifyId ? this.customers.get(run.customerShopifyId) : undefined;
    const windowStart = this.now.getTime() - this.policy.frequencyCapDays * 86_400_000;
    const mine = (s: { customerId: string | null }) => s.customerId === run.customerShopifyId;
    const decision = decideDueStep({
      now: this.now,
      run,
      definition,
      stepIndex: due.stepIndex,
      flowEnabled: Boolean(flow),
      shop: this.policy,
      customer: customer ? { marketingState: customer.marketingState, timeZone: null } : null,
      suppressed: Boolean(customer?.suppressed),
      orderedSinceStart: Boolean(customer?.orders?.some((o) => o >= run.startedAt)),
      checkoutCompleted: Boolean(
        run.context.checkoutToken && this.completedCheckouts.has(run.context.checkoutToken),
      ),
      recentSends: this.sent
        .filter((s) => mine(s) && s.at.getTime() > windowStart)
        .map((s) => ({ flowKey: s.flowKey, sentAt: s.at })),
      pendingOthers: this.due
        .filter((d) => d.status === "pending" && d.runId !== run.id)
        .map((d) => ({ d, r: this.runs.get(d.runId)! }))
        .filter(
          ({ r }) => r.status === "active" && !r.holdout && r.customerShopifyId === run.customerShopifyId,
        )
        .map(({ d, r }) => ({ flowKey: r.flowKey, dueAt: d.dueAt })),
      scannedSentToday: this.sent.filter(
        (s) =>
          ["win_back", "anniversary"].includes(s.flowKey) &&
          s.at.toISOString().slice(0, 10) === this.now.toISOString().slice(0, 10),
      ).length,
      stock: this.stock,
      products: { crossSell: ["cross-1"], lastOrder: ["last-1"], firstOrder: ["first-1"] },
      engagedHour: null,
    });
    const cid = run.customerShopifyId;
    switch (decision.type) {
      case "drop":
        due.status = "cancelled";
        return;
      case "exit":
        due.status = "done";
        this.end(run.id, "exited", decision.reason, decision.kind);
        return;
      case "defer":
        due.dueAt = decision.until;
        this.log(cid, run.flowKey, decision.kind, decision.reason);
        return;
      case "skip":
        due.status = "done";
        this.log(cid, run.flowKey, decision.kind, decision.reason);
        break;
      case "send": {
        due.status = "done";
        const key = `${run.id}:${due.stepIndex}`;
        this.sendAttempts.set(key, (this.sendAttempts.get(key) ?? 0) + 1);
        this.sent.push({
          at: this.now,
          runId: run.id,
          customerId: cid,
          flowKey: run.flowKey,
          stepIndex: due.stepIndex,
          stepKey: definition.steps[due.stepIndex].key,
          products: decision.productShopifyIds,
        });
        this.log(cid, run.flowKey, "sent", decision.reason);
        break;
      }
    }
    const next = nextStep(definition, run.startedAt, due.stepIndex, this.now);
    if (next.type === "complete") this.end(run.id, "completed", next.reason);
    else this.due.push({ runId: run.id, stepIndex: next.stepIndex, dueAt: next.dueAt, status: "pending" });
  }

  sentTo(customerId: string): Array<{ at: string; step: string }> {
    return this.sent
      .filter((s) => s.customerId === customerId)
      .map((s) => ({ at: s.at.toISOString(), step: s.stepKey }));
  }

  whyOf(customerId: string, kind?: string): Why[] {
    return this.why.filter((w) => w.customerId === customerId && (!kind || w.kind === kind));
  }
}
