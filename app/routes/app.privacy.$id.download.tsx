// A data request's export as a JSON file (the privacy page fetches it with the session token).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "../admin.server";
import { downloadExport } from "../admin/privacy.server";
import { now } from "../clock.server";
import { getDb } from "../db.server";

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw new Response("Bad request id", { status: 400 });
  const file = await downloadExport(getDb(), shop, id.data, now());
  if (!file) throw new Response("No export for this request", { status: 404 });
  return new Response(file.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
