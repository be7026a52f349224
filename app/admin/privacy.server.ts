// The merchant's side of the privacy webhooks: every data request and redaction Tend received,
// and the download of a data request's export (Shopify asks the app to give the data to the
// merchant, who sends it to the customer).
import type { Db } from "../db/client.server";

export interface ComplianceRow {
  id: string;
  kind: string;
  customerShopifyId: string | null;
  email: string | null;
  receivedAt: string;
  completedAt: string | null;
  downloadedAt: string | null;
  /** False once the customer was redacted: the export was erased with the rest. */
  downloadable: boolean;
}

export async function listComplianceRecords(db: Db, shop: string, take = 100): Promise<ComplianceRow[]> {
  const rows = await db.complianceRecord.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      customerShopifyId: true,
      email: true,
      createdAt: true,
      completedAt: true,
      downloadedAt: true,
      export: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    customerShopifyId: r.customerShopifyId,
    email: r.email,
    receivedAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    downloadedAt: r.downloadedAt?.toISOString() ?? null,
    downloadable: r.kind === "data_request" && r.export !== null,
  }));
}

/** Data requests whose export the merchant has not downloaded yet (the dashboard's notice). */
export function undeliveredDataRequests(db: Db, shop: string): Promise<number> {
  return db.complianceRecord.count({
    where: { shop, kind: "data_request", downloadedAt: null, export: { not: null } },
  });
}

/** The export as a JSON file; the first download is recorded. Null: not this shop's, or erased. */
export async function downloadExport(
  db: Db,
  shop: string,
  id: string,
  now: Date,
): Promise<{ filename: string; json: string } | null> {
  const row = await db.complianceRecord.findFirst({
    where: { id, shop, kind: "data_request" },
    select: { export: true, customerShopifyId: true, downloadedAt: true, createdAt: true },
  });
  if (!row?.export) return null;
  if (!row.downloadedAt)
    await db.complianceRecord.updateMany({ where: { id, shop }, data: { downloadedAt: now } });
  const day = row.createdAt.toISOString().slice(0, 10);
  const who = (row.customerShopifyId ?? "customer").replace(/[^0-9A-Za-z_-]/g, "");
  const pretty = JSON.stringify(JSON.parse(row.export), null, 2);
  return { filename: `tend-data-request-${who}-${day}.json`, json: pretty };
}
