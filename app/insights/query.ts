// The reports' query string, shared by the page and the CSV export.
import { z } from "zod";

export const REPORT_PERIODS = [7, 30, 90, 365] as const;

const schema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((d) => (REPORT_PERIODS as readonly number[]).includes(d))
    .default(90),
});

export function parseReportQuery(params: URLSearchParams) {
  return schema.safeParse({ days: params.get("days") ?? undefined });
}
