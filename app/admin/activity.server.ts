// Activity's read model: messages by status (scheduled ones come from pending due steps) and one
// customer's timeline: every enrollment, exit, deferral, suppression and send with its reason.
import { z } from "zod";
import type { Db } from "../db.server";
import { FLOW_CATALOG, isFlowKey } from "../flows/catalog";
import { ACTIVITY_VIEWS } from "./activity-views";

export const ACTIVITY_PAGE_SIZE = 50;

// Filters are refused, not guessed: a bad view, page or an over-long email is a 400 (the admin adds
// its own parameters, e.g. host and shop, so unknown keys are ignored).
export const activityQuerySchema = z.object({
  view: z.enum(ACTIVITY_VIEWS).default("sent"),
  email: z
    .string()
    .trim()
    .max(320, "An email address has at most 320 characters")
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** The query of /app/activity, or a 400 Response naming the fields that are wrong. */
export function parseActivityQuery(params: URLSearchParams): z.infer<typeof activityQuerySchema> {
  const result = activityQuerySchema.safeParse(Object.fromEntries(params));
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Response(`Invalid activity filter (${fields})`, { status: 400 });
}
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

export interface ActivityRow {
  id: string;
  email: string;
  flowName: string;
  step: number;
  status: string;
  subject: string;
  reason: string;
  at: string;
}

function flowName(key: string): string {
  return isFlowKey(key) ? FLOW_CATALOG[key].name : key;
}

async function scheduledRows(db: Db, shop: string, page: number) {
  const [total, steps] = await Promise.all([
    db.dueStep.count({ where: { shop, status: "pending" } }),
    db.dueStep.findMany({
      where: { shop, status: "pending" },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
      select: { id: true, runId: true, stepIndex: true, dueAt: true, lastError: true, attempts: true },
    }),
  ]);
  const runs = await db.flowRun.findMany({
    where: { shop, id: { in: steps.map((s) => s.runId) } },
    select: { id: true, flowKey: true, email: true },
  });
  const byId = new Map(runs.map((r) => [r.id, r]));
  const rows: ActivityRow[] = steps.map((s) => {
    const run = byId.get(s.runId);
    return {
      id: s.id,
      email: run?.email ?? "—",
      flowName: run ? flowName(run.flowKey) : "—",
      step: s.stepIndex + 1,
      status: "scheduled",
      subject: "",
      reason: s.lastError ? `Retrying: ${s.lastError}` : "Waiting for its send time",
      at: s.dueAt.toISOString(),
    };
  });
  return { total, rows };
}

export async function loadActivity(db: Db, shop: string, q: ActivityQuery) {
  if (q.view === "scheduled") {
    const { total, rows } = await scheduledRows(db, shop, q.page);
    return { rows, total, page: q.page, pageCount: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)) };
  }
  const where = q.view === "all" ? { shop } : { shop, status: q.view };
  const [total, messages] = await Promise.all([
    db.message.count({ where }),
    db.message.findMany({
      where,
      orderBy: [{ claimedAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        flowKey: true,
        stepIndex: true,
        status: true,
        subject: true,
        error: true,
        providerResponse: true,
        claimedAt: true,
        sentAt: true,
      },
    }),
  ]);
  const rows: ActivityRow[] = messages.map((m) => ({
    id: m.id,
    email: m.email ?? "(erased)",
    flowName: flowName(m.flowKey),
    step: m.stepIndex + 1,
    status: m.status,
    subject: m.subject ?? "",
    reason:
      m.error ??
      (m.status === "unknown"
        ? "Handed to the mail server but not confirmed: never re-sent automatically"
        : ""),
    at: (m.sentAt ?? m.claimedAt).toISOString(),
  }));
  return { rows, total, page: q.page, pageCount: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)) };
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string; // enrolled, exited, deferred, suppressed, skipped, sent, failed, ...
  flowName: string | null;
  reason: string;
}

/** Everything Tend knows happened to one customer, newest first (capped at 200 entries). */
export async function loadCustomerTimeline(db: Db, shop: string, emailLower: string) {
  const [customer, events, messages, runs, suppression] = await Promise.all([
    db.customer.findFirst({
      where: { shop, emailLower },
      select: { firstName: true, lastName: true, marketingState: true, ordersCount: true },
    }),
    db.customerEvent.findMany({ where: { shop, email: emailLower }, orderBy: { at: "desc" }, take: 200 }),
    db.message.findMany({
      where: { shop, email: emailLower },
      orderBy: { claimedAt: "desc" },
      take: 100,
      select: {
        id: true,
        flowKey: true,
        stepIndex: true,
        status: true,
        subject: true,
        error: true,
        claimedAt: true,
        sentAt: true,
      },
    }),
    db.flowRun.findMany({
      where: { shop, email: emailLower },
      orderBy: { startedAt: "desc" },
      take: 50,
      select: {
        id: true,
        flowKey: true,
        status: true,
        currentStep: true,
        nextStepAt: true,
        exitReason: true,
        startedAt: true,
      },
    }),
    db.suppression.findUnique({ where: { shop_emailLower: { shop, emailLower } } }),
  ]);
  // Sends come from Message rows (the source of truth, with failures); the log's "sent" lines
  // would only repeat them.
  const entries: TimelineEntry[] = events
    .filter((e) => e.kind !== "sent")
    .map((e) => ({
      id: `e-${e.id}`,
      at: e.at.toISOString(),
      kind: e.kind,
      flowName: e.flowKey ? flowName(e.flowKey) : null,
      reason: e.reason,
    }));
  for (const m of messages) {
    entries.push({
      id: `m-${m.id}`,
      at: (m.sentAt ?? m.claimedAt).toISOString(),
      kind: m.status === "sent" ? "sent" : `message ${m.status}`,
      flowName: flowName(m.flowKey),
      reason: [
        m.subject ? `Step ${m.stepIndex + 1}: “${m.subject}”` : `Step ${m.stepIndex + 1}`,
        m.error ?? "",
      ]
        .filter(Boolean)
        .join(" — "),
    });
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return {
    email: emailLower,
    customer,
    suppressed: suppression ? { reason: suppression.reason, at: suppression.createdAt.toISOString() } : null,
    runs: runs.map((r) => ({
      id: r.id,
      flowName: flowName(r.flowKey),
      status: r.status,
      step: r.currentStep + 1,
      nextStepAt: r.nextStepAt?.toISOString() ?? null,
      exitReason: r.exitReason,
      startedAt: r.startedAt.toISOString(),
    })),
    entries,
  };
}
