// Send-time policies as pure functions: consent, frequency cap with flow priority, quiet hours,
// daily send limit, expiry, stock and send-time optimisation. Each answers with a reason.
import { FLOW_CATALOG, isFlowKey } from "./catalog";
import { formatLocal, nextLocalTime, quietHoursRelease, startOfLocalDay } from "./time";

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

export function hasConsent(marketingState: string | null | undefined): boolean {
  return marketingState === "SUBSCRIBED";
}

export function flowPriority(flowKey: string): number {
  return isFlowKey(flowKey) ? FLOW_CATALOG[flowKey].priority : 99;
}

export interface CapInput {
  now: Date;
  flowKey: string;
  capCount: number;
  capDays: number;
  /** Messages sent to this customer (any flow). */
  recentSends: Array<{ flowKey: string; sentAt: Date }>;
  /** Next steps of this customer's other active, non-holdout runs. */
  pendingOthers: Array<{ flowKey: string; dueAt: Date }>;
}

/** Null when the cap allows a send now; otherwise when to look again and why. */
export function frequencyCap(input: CapInput): { until: Date; reason: string } | null {
  if (input.capCount <= 0) return null;
  const windowMs = input.capDays * DAY_MS;
  const since = input.now.getTime() - windowMs;
  const sent = input.recentSends
    .filter((s) => s.sentAt.getTime() > since && s.sentAt.getTime() <= input.now.getTime())
    .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  const capText = `${input.capCount} email${input.capCount === 1 ? "" : "s"} per ${input.capDays} day${input.capDays === 1 ? "" : "s"}`;
  if (sent.length >= input.capCount) {
    // The slot frees when the oldest send that keeps the window full ages out.
    const freeing = sent[sent.length - input.capCount];
    return {
      until: new Date(freeing.sentAt.getTime() + windowMs + MINUTE_MS),
      reason: `frequency cap reached (${sent.length} sent, limit ${capText})`,
    };
  }
  const mine = flowPriority(input.flowKey);
  const horizon = input.now.getTime() + windowMs;
  const higher = input.pendingOthers
    .filter((p) => flowPriority(p.flowKey) < mine && p.dueAt.getTime() <= horizon)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const free = input.capCount - sent.length;
  if (higher.length >= free) {
    // Yield the last free slot(s) to more important messages due within the window.
    const blocking = higher[free - 1];
    const name = isFlowKey(blocking.flowKey) ? FLOW_CATALOG[blocking.flowKey].name : blocking.flowKey;
    return {
      until: new Date(Math.max(blocking.dueAt.getTime(), input.now.getTime()) + MINUTE_MS),
      reason: `yields to ${name} (higher priority) under the frequency cap of ${capText}`,
    };
  }
  return null;
}

export interface QuietHours {
  timeZone: string;
  start: number; // minutes after local midnight
  end: number;
}

export function quietHours(now: Date, q: QuietHours): { until: Date; reason: string } | null {
  const until = quietHoursRelease(now, q.timeZone, q.start, q.end);
  if (!until) return null;
  return { until, reason: `quiet hours in the shop's time zone; moved to ${formatLocal(until, q.timeZone)}` };
}

/** Moves a proposed time out of quiet hours (used for cap deferrals so they land on an allowed slot). */
export function outsideQuietHours(at: Date, q: QuietHours): Date {
  return quietHoursRelease(at, q.timeZone, q.start, q.end) ?? at;
}

/** Scanned flows (win-back, anniversary) share a per-shop daily limit so a newly enabled flow ramps up. */
export function dailyLimit(
  now: Date,
  sentToday: number,
  limit: number,
  q: QuietHours,
): { until: Date; reason: string } | null {
  if (sentToday < limit) return null;
  const tomorrow = new Date(startOfLocalDay(now, q.timeZone).getTime() + DAY_MS + 60 * MINUTE_MS);
  const until = outsideQuietHours(startOfLocalDay(tomorrow, q.timeZone), q);
  return {
    until,
    reason: `the shop's daily send limit of ${limit} for win-back and anniversary is reached; tomorrow`,
  };
}

export function isExpired(now: Date, plannedAt: Date, expiresAfterMinutes: number): boolean {
  return now.getTime() > plannedAt.getTime() + expiresAfterMinutes * MINUTE_MS;
}

/** Keeps products that are still for sale; unknown products (not synced yet) are kept. */
export function inStock(
  productIds: string[],
  stock: Record<string, boolean | undefined>,
): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const id of productIds) (stock[id] === false ? dropped : kept).push(id);
  return { kept, dropped };
}

/** Whether a product's variants JSON says anything can be bought. */
export function productAvailable(variantsJson: string, status: string, deleted: boolean): boolean {
  if (deleted || status !== "ACTIVE") return false;
  try {
    const variants = JSON.parse(variantsJson) as Array<{
      available?: boolean;
      inventoryQuantity?: number | null;
    }>;
    if (!Array.isArray(variants) || variants.length === 0) return true;
    return variants.some(
      (v) =>
        v.available !== false &&
        (v.inventoryQuantity == null || v.inventoryQuantity > 0 || v.available === true),
    );
  } catch {
    return true;
  }
}

/**
 * Send-time optimisation: within a day of the planned time, wait for the hour this customer most
 * often orders or clicks. Null means send now.
 */
export function sendTimeOptimised(
  now: Date,
  plannedAt: Date,
  engagedHour: number | null,
  timeZone: string,
): { until: Date; reason: string } | null {
  if (engagedHour == null) return null;
  const target = nextLocalTime(plannedAt, timeZone, engagedHour * 60);
  if (target.getTime() - plannedAt.getTime() > DAY_MS) return null;
  if (now.getTime() >= target.getTime()) return null;
  return {
    until: target,
    reason: `send-time optimisation: this customer usually engages around ${String(engagedHour).padStart(2, "0")}:00`,
  };
}

/** The most frequent local hour among past orders and clicks; null without enough signal. */
export function engagedHour(moments: Date[], timeZone: string, minSamples = 3): number | null {
  if (moments.length < minSamples) return null;
  const counts = new Array<number>(24).fill(0);
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" });
  for (const m of moments) counts[Number(fmt.format(m)) % 24]++;
  let best = 0;
  for (let h = 1; h < 24; h++) if (counts[h] > counts[best]) best = h;
  return counts[best] >= 2 ? best : null;
}
