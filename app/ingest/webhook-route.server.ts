// The two doors webhooks come in by, sharing one group-commit writer: the Remix action of the thin
// webhooks.* routes (dev server, tests on the Remix handler) and a Node handler that the production
// server mounts ahead of Remix (app/cli/run.mjs), so the hottest request skips the Fetch Request
// conversion and route matching. Both verify the raw bytes the same way and record the same row.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActionFunctionArgs } from "@remix-run/node";
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { createAdmitter } from "./admission.server";
import { createDeliveryWriter } from "./delivery-writer.server";
import { intakePace } from "./intake-pace";
import { webhookProcessor } from "./processor.server";
import { acceptWebhook, receiveWebhook } from "./receive.server";
import { verifyShopifyWebhook, verifyWebhook, type WebhookPolicy, WebhookRefused } from "./verify.server";

/** Shopify's payloads are far smaller; anything larger is not a webhook we accept. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const writer = createDeliveryWriter(getDb);
const recordDeps = {
  admit: createAdmitter(getDb),
  record: writer.write,
  kick: () => {
    intakePace.noteIntake(); // an inline processor gives way while deliveries keep arriving
    webhookProcessor.kick();
  },
};

function policy(): WebhookPolicy {
  const e = env();
  return { secret: e.SHOPIFY_API_SECRET ?? "", customShopDomain: e.SHOP_CUSTOM_DOMAIN, now };
}

export function webhookAction({ request }: ActionFunctionArgs): Promise<Response> {
  return receiveWebhook(request, {
    verify: (req) => verifyShopifyWebhook(req, policy()),
    ...recordDeps,
  });
}

function headerOf(req: IncomingMessage) {
  return (name: string): string | null => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  try {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const hook = verifyWebhook({ method: req.method ?? "", path, header: headerOf(req), body }, policy());
    const answer = await acceptWebhook(hook, recordDeps);
    if (!answer.message) res.writeHead(answer.status).end();
    else res.writeHead(answer.status, { "Content-Type": "text/plain; charset=utf-8" }).end(answer.message);
  } catch (error) {
    if (!(error instanceof WebhookRefused)) throw error;
    res.writeHead(error.status, { "Content-Type": "text/plain; charset=utf-8" }).end(error.message);
  }
}

/** Node (req, res) handler for POST /webhooks/*: read the body, verify, record, answer. */
export function handleWebhookRequest(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on("end", () => {
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8" }).end("Payload too large");
      return;
    }
    respond(req, res, Buffer.concat(chunks, size)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}
