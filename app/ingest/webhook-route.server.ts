// Shared action for the thin webhooks.* routes.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { createDeliveryWriter } from "./delivery-writer.server";
import { webhookProcessor } from "./processor.server";
import { receiveWebhook } from "./receive.server";
import { verifyShopifyWebhook } from "./verify.server";

const writer = createDeliveryWriter(getDb);

export function webhookAction({ request }: ActionFunctionArgs): Promise<Response> {
  return receiveWebhook(request, {
    verify: (req) => verifyShopifyWebhook(req, env().SHOPIFY_API_SECRET ?? ""),
    record: writer.write,
    kick: webhookProcessor.kick,
  });
}
