// CSV export of the reports page (a resource route: GET /app/reports.csv?days=90).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin.server";
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { FLOW_CATALOG, isFlowKey } from "../flows/catalog";
import { reportToCsv } from "../insights/csv";
import { parseReportQuery } from "../insights/query";
import { buildReport } from "../insights/report.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const query = parseReportQuery(new URL(request.url).searchParams);
  if (!query.success) return new Response("days must be one of 7, 30, 90, 365", { status: 400 });
  const report = await buildReport(getDb(), shop, { now: now(), days: query.data.days });
  const csv = reportToCsv(report, (key) => (isFlowKey(key) ? FLOW_CATALOG[key].name : key));
  const day = report.until.slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tend-report-${day}-${query.data.days}d.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
