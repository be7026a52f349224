// Shared action for the thin webhooks.* routes.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { authenticate } from "../shopify.server";
import { webhookProcessor } from "./processor.server";
import { receiveWebhook, type VerifiedWebhook } from "./receive.server";

export function webhookAction({ request }: ActionFunctionArgs): Promise<Response> {
  return receiveWebhook(request, {
    db: getDb(),
    verify: (req) => authenticate.webhook(req) as Promise<VerifiedWebhook>,
    kick: webhookProcessor.kick,
  });
}
