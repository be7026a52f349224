// The approval queue's read model: drafts filtered by flow, product, status and staleness, one
// page at a time (offset pages of PAGE_SIZE over the (shop, status, createdAt) index). Drafts are
// ordered by segment first (default copy for everyone, then each segment) so the queue groups them.
import { z } from "zod";
import type { Db } from "../db.server";
import { isSegmentKey, SEGMENT_KEYS } from "../domain/segments";
import { FLOW_CATALOG, FLOW_KEYS, isFlowKey } from "../flows/catalog";
import { parseCopy, parseFindings } from "./copy";

export const PAGE_SIZE = 25;
export const DRAFT_STATUSES = ["pending", "approved", "rejected", "stale", "parked"] as const;
export const STALENESS = ["any", "stale", "fresh", "waiting_7d"] as const;

export const queueFilterSchema = z.object({
  flow: z
    .string()
    .optional()
    .transform((v) => (v && isFlowKey(v) ? v : undefined)),
  product: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  /** A segment key, "default" for the copy for everyone, or absent for every segment. */
  segment: z
    .string()
    .optional()
    .transform((v) => (v === "default" || isSegmentKey(v) ? v : undefined)),
  status: z.enum(["all", ...DRAFT_STATUSES]).catch("pending"),
  staleness: z.enum(STALENESS).catch("any"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type QueueFilters = z.infer<typeof queueFilterSchema>;

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  return queueFilterSchema.parse(Object.fromEntries(params));
}

export interface QueueRow {
  id: string;
  flowName: string;
  stepLabel: string;
  productTitle: string;
  /** The segment the copy is for; null = the default copy for everyone. */
  segment: string | null;
  subject: string;
  status: string;
  errorCount: number;
  warningCount: number;
  voiceScore: number | null;
  author: string;
  createdAt: string;
}

export interface QueueModel {
  rows: QueueRow[];
  total: number;
  page: number;
  pageCount: number;
  products: { id: string; title: string }[];
  flows: { key: string; name: string }[];
  /** Drafts matching the other filters, per segment group (null = default copy), default first. */
  segments: { segment: string | null; count: number }[];
}

function whereFor(shop: string, f: QueueFilters, now: Date) {
  const where: Record<string, unknown> = { shop };
  if (f.flow) where.flowKey = f.flow;
  if (f.product) where.productShopifyId = f.product === "generic" ? null : f.product;
  if (f.segment) where.segment = f.segment === "default" ? null : f.segment;
  if (f.status !== "all") where.status = f.status;
  // Staleness: "stale" means the product changed after drafting (the lifecycle marks it).
  if (f.staleness === "stale") where.status = "stale";
  if (f.staleness === "fresh" && f.status === "all") where.status = { not: "stale" };
  if (f.staleness === "waiting_7d") where.createdAt = { lt: new Date(now.getTime() - 7 * 86_400_000) };
  return where;
}

export function stepLabel(stepKey: string): string {
  const tail = stepKey.split(".").pop() ?? stepKey;
  return tail.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

export async function loadQueue(db: Db, shop: string, f: QueueFilters, now: Date): Promise<QueueModel> {
  const where = whereFor(shop, f, now);
  const { segment: _segment, ...allSegments } = where;
  const [total, drafts, productIds, bySegment] = await Promise.all([
    db.draft.count({ where }),
    db.draft.findMany({
      where,
      orderBy: [{ segment: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
      skip: (f.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        flowKey: true,
        stepKey: true,
        productShopifyId: true,
        segment: true,
        status: true,
        content: true,
        findings: true,
        voiceScore: true,
        author: true,
        createdAt: true,
      },
    }),
    db.draft.groupBy({
      by: ["productShopifyId"],
      where: { shop },
      orderBy: { productShopifyId: "asc" },
      take: 300,
    }),
    db.draft.groupBy({ by: ["segment"], where: allSegments, _count: { _all: true } }),
  ]);
  const ids = new Set<string>();
  for (const p of productIds) if (p.productShopifyId) ids.add(p.productShopifyId);
  for (const d of drafts) if (d.productShopifyId) ids.add(d.productShopifyId);
  const products = await db.product.findMany({
    where: { shop, shopifyId: { in: [...ids] } },
    select: { shopifyId: true, title: true },
    orderBy: { title: "asc" },
  });
  const titles = new Map(products.map((p) => [p.shopifyId, p.title]));
  const rows = drafts.map((d) => {
    const findings = parseFindings(d.findings);
    return {
      id: d.id,
      flowName: isFlowKey(d.flowKey) ? FLOW_CATALOG[d.flowKey].name : d.flowKey,
      stepLabel: stepLabel(d.stepKey),
      productTitle: d.productShopifyId
        ? (titles.get(d.productShopifyId) ?? `Product ${d.productShopifyId}`)
        : "Generic",
      segment: d.segment,
      subject: parseCopy(d.content).subjects[0] ?? "(no subject)",
      status: d.status,
      errorCount: findings.filter((x) => x.severity === "block").length,
      warningCount: findings.filter((x) => x.severity !== "block").length,
      voiceScore: d.voiceScore,
      author: d.author,
      createdAt: d.createdAt.toISOString(),
    };
  });
  return {
    rows,
    total,
    page: f.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    products: products.map((p) => ({ id: p.shopifyId, title: p.title })),
    flows: FLOW_KEYS.map((k) => ({ key: k, name: FLOW_CATALOG[k].name })),
    segments: [null, ...SEGMENT_KEYS]
      .map((key) => ({
        segment: key,
        count: bySegment.find((g) => g.segment === key)?._count._all ?? 0,
      }))
      .filter((g) => g.count > 0),
  };
}

export async function loadDraft(db: Db, shop: string, id: string) {
  const d = await db.draft.findFirst({ where: { shop, id } });
  if (!d) return null;
  const [product, audit] = await Promise.all([
    d.productShopifyId
      ? db.product.findUnique({
          where: { shop_shopifyId: { shop, shopifyId: d.productShopifyId } },
          select: {
            shopifyId: true,
            title: true,
            minPriceMinor: true,
            imageUrl: true,
            imageAlt: true,
            handle: true,
          },
        })
      : null,
    db.draftAudit.findMany({ where: { shop, draftId: id }, orderBy: { at: "desc" }, take: 20 }),
  ]);
  return {
    id: d.id,
    flowKey: d.flowKey,
    flowName: isFlowKey(d.flowKey) ? FLOW_CATALOG[d.flowKey].name : d.flowKey,
    stepKey: d.stepKey,
    stepLabel: stepLabel(d.stepKey),
    segment: d.segment,
    status: d.status,
    version: d.version,
    author: d.author,
    voiceScore: d.voiceScore,
    businessContextVersion: d.businessContextVersion,
    rejectionReason: d.rejectionReason,
    approvedBy: d.approvedBy,
    approvedAt: d.approvedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    copy: parseCopy(d.content),
    findings: parseFindings(d.findings),
    product,
    audit: audit.map((a) => ({
      id: a.id,
      action: a.action,
      actor: a.actor,
      reason: a.reason,
      at: a.at.toISOString(),
    })),
  };
}

export type DraftView = NonNullable<Awaited<ReturnType<typeof loadDraft>>>;
