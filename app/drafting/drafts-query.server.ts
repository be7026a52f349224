// Reading drafts for the approval queue: filters, server-side pages with counts per status, and
// one draft with its versions and audit trail. Superseded versions only show in a draft's history.
import { z } from "zod";
import type { Db } from "../db/client.server";
import type { CopyContent } from "../domain/copy";
import type { Finding } from "./findings";
import { parseStoredContent } from "./recheck.server";
import { parseCopy } from "./schema";

export const LISTED_STATUSES = ["pending", "approved", "rejected", "stale", "parked"] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];

export const listDraftsSchema = z.object({
  flowKey: z.string().max(64).optional(),
  /** A product id, or null for generic drafts only. */
  productShopifyId: z.string().max(64).nullable().optional(),
  /** A segment key, or null for the default copy only. */
  segment: z.string().max(32).nullable().optional(),
  status: z.enum(LISTED_STATUSES).optional(),
  stale: z.boolean().optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type ListDraftsQuery = z.input<typeof listDraftsSchema>;

export interface DraftSummary {
  id: string;
  flowKey: string;
  stepKey: string;
  productShopifyId: string | null;
  productTitle: string | null;
  segment: string | null;
  status: string;
  version: number;
  author: string;
  promptVersion: string;
  voiceScore: number | null;
  content: CopyContent | null;
  findings: Finding[];
  blockingCount: number;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  rejectionReason: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  previousId: string | null;
  createdAt: Date;
}

export interface DraftPage {
  items: DraftSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  counts: Record<ListedStatus, number>;
}

function findingsOf(text: string): Finding[] {
  const value = parseStoredContent(text);
  return Array.isArray(value) ? (value as Finding[]) : [];
}

type DraftRow = Awaited<ReturnType<Db["draft"]["findFirstOrThrow"]>>;

function summary(d: DraftRow, titles: Map<string, string>): DraftSummary {
  const copy = parseCopy(parseStoredContent(d.content));
  const findings = findingsOf(d.findings);
  return {
    id: d.id,
    flowKey: d.flowKey,
    stepKey: d.stepKey,
    productShopifyId: d.productShopifyId,
    productTitle: d.productShopifyId ? (titles.get(d.productShopifyId) ?? null) : null,
    segment: d.segment,
    status: d.status,
    version: d.version,
    author: d.author,
    promptVersion: d.promptVersion,
    voiceScore: d.voiceScore,
    content: copy.ok ? copy.content : null,
    findings,
    blockingCount: findings.filter((f) => f.severity === "block").length,
    attempts: d.attempts,
    inputTokens: d.inputTokens,
    outputTokens: d.outputTokens,
    rejectionReason: d.rejectionReason,
    approvedBy: d.approvedBy,
    approvedAt: d.approvedAt,
    previousId: d.previousId,
    createdAt: d.createdAt,
  };
}

async function titlesFor(db: Db, shop: string, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db.product.findMany({
    where: { shop, shopifyId: { in: wanted } },
    select: { shopifyId: true, title: true },
  });
  return new Map(rows.map((r) => [r.shopifyId, r.title]));
}

export async function listDrafts(db: Db, shop: string, query: ListDraftsQuery = {}): Promise<DraftPage> {
  const q = listDraftsSchema.parse(query);
  const scope: Record<string, unknown> = { shop };
  if (q.flowKey) scope.flowKey = q.flowKey;
  if (q.productShopifyId !== undefined) scope.productShopifyId = q.productShopifyId;
  if (q.segment !== undefined) scope.segment = q.segment;
  const where: Record<string, unknown> = { ...scope, status: { in: [...LISTED_STATUSES] } };
  if (q.status) where.status = q.status;
  if (q.stale === true) where.status = "stale";
  if (q.stale === false && !q.status) where.status = { in: LISTED_STATUSES.filter((s) => s !== "stale") };

  const [total, rows, grouped] = await Promise.all([
    db.draft.count({ where }),
    db.draft.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db.draft.groupBy({
      by: ["status"],
      where: { ...scope, status: { in: [...LISTED_STATUSES] } },
      _count: { _all: true },
    }),
  ]);
  const titles = await titlesFor(
    db,
    shop,
    rows.map((r) => r.productShopifyId),
  );
  const counts = Object.fromEntries(LISTED_STATUSES.map((s) => [s, 0])) as Record<ListedStatus, number>;
  for (const g of grouped) counts[g.status as ListedStatus] = g._count._all;
  return {
    items: rows.map((r) => summary(r, titles)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    counts,
  };
}

export interface DraftDetail extends DraftSummary {
  history: DraftSummary[]; // every version for this step, product and segment, newest first
  audit: Array<{
    id: string;
    draftId: string;
    action: string;
    actor: string;
    reason: string | null;
    at: Date;
  }>;
}

export async function getDraft(db: Db, shop: string, draftId: string): Promise<DraftDetail | null> {
  const d = await db.draft.findFirst({ where: { shop, id: draftId } });
  if (!d) return null;
  const versions = await db.draft.findMany({
    where: {
      shop,
      flowKey: d.flowKey,
      stepKey: d.stepKey,
      productShopifyId: d.productShopifyId,
      segment: d.segment,
    },
    orderBy: { version: "desc" },
    take: 50,
  });
  const [titles, audit] = await Promise.all([
    titlesFor(db, shop, [d.productShopifyId]),
    db.draftAudit.findMany({
      where: { shop, draftId: { in: versions.map((v) => v.id) } },
      orderBy: { at: "desc" },
      take: 200,
    }),
  ]);
  return {
    ...summary(d, titles),
    history: versions.map((v) => summary(v, titles)),
    audit: audit.map((a) => ({
      id: a.id,
      draftId: a.draftId,
      action: a.action,
      actor: a.actor,
      reason: a.reason,
      at: a.at,
    })),
  };
}

/** Tokens spent by a shop's drafts (cache hits cost nothing), optionally since a date. */
export async function tokenUsage(db: Db, shop: string, since?: Date) {
  const agg = await db.draft.aggregate({
    where: { shop, ...(since ? { createdAt: { gte: since } } : {}) },
    _sum: { inputTokens: true, outputTokens: true },
    _count: { _all: true },
  });
  return {
    drafts: agg._count._all,
    inputTokens: agg._sum.inputTokens ?? 0,
    outputTokens: agg._sum.outputTokens ?? 0,
  };
}
