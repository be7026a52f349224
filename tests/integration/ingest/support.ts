// Helpers for ingestion tests: deliver a signed webhook through the real route, drain the processor,
// and capture the domain events published along the way.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../app/db.server";
import { subscribe } from "../../../app/domain/bus.server";
import type { DomainEvent, DomainEventType } from "../../../app/domain/events";
import type { Handler } from "../../../app/ingest/handlers.server";
import { processBatch } from "../../../app/ingest/processor.server";
import { action as app } from "../../../app/routes/webhooks.app";
import { action as bulk } from "../../../app/routes/webhooks.bulk";
import { action as checkouts } from "../../../app/routes/webhooks.checkouts";
import { action as compliance } from "../../../app/routes/webhooks.compliance";
import { action as customers } from "../../../app/routes/webhooks.customers";
import { action as orders } from "../../../app/routes/webhooks.orders";
import { action as products } from "../../../app/routes/webhooks.products";
import {
  routeGroup,
  type SignedWebhookInput,
  shopsOwnBody,
  signedWebhookRequest,
} from "../../support/webhooks";

const routes: Record<string, (args: ActionFunctionArgs) => Promise<Response>> = {
  app,
  bulk,
  checkouts,
  compliance,
  customers,
  orders,
  products,
};

export async function deliver(input: SignedWebhookInput): Promise<Response> {
  const route = routes[routeGroup(input.topic)];
  return route({ request: signedWebhookRequest(shopsOwnBody(input)), params: {}, context: {} }).catch(
    (r: unknown) => r as Response,
  );
}

/** Processes every recorded delivery (all shops of this worker's database). */
export async function drain(handlers?: Record<string, Handler>): Promise<void> {
  for (;;) {
    const r = await processBatch(getDb(), 200, handlers);
    if (r.processed + r.dead + r.failed === 0) return;
  }
}

const captured: DomainEvent[] = [];
const TYPES: DomainEventType[] = [
  "checkout_updated",
  "order_created",
  "order_updated",
  "order_cancelled",
  "customer_updated",
  "consent_changed",
  "customer_redacted",
  "product_updated",
  "product_deleted",
  "shop_uninstalled",
  "shop_redacted",
];
for (const type of TYPES) {
  subscribe("ingest-test-capture", type, async (_db, event) => {
    captured.push(event);
  });
}

export function eventsFor(shop: string): DomainEvent[] {
  return captured.filter((e) => e.shop === shop);
}
