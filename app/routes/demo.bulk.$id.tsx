// Serves a demo bulk operation's JSONL (the local stand-in for Shopify's signed storage URL).
// Only in demo mode and only to loopback callers, like the rest of the demo store.
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { demoBypassAllowed } from "../admin.server";
import { bulkFilePath } from "../demo/bulk.server";
import { DEMO_SHOP } from "../demo/local-admin.server";

export function loader({ params, context }: LoaderFunctionArgs) {
  if (!demoBypassAllowed(context)) throw new Response("Not found", { status: 404 });
  const file = bulkFilePath(DEMO_SHOP, params.id ?? "");
  if (!/^\d+$/.test(params.id ?? "") || !existsSync(file)) throw new Response("Not found", { status: 404 });
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
    headers: { "Content-Type": "application/jsonl", "Cache-Control": "no-store" },
  });
}
