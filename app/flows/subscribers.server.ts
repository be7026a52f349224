// Registers the flows module's domain-event subscribers (imported by app/domain/subscribers.server.ts).
import { now } from "../clock.server";
import { subscribe } from "../domain/bus.server";
import type { DomainEventType } from "../domain/events";
import { handleFlowEvent } from "./triggers.server";

const TYPES: DomainEventType[] = [
  "checkout_updated",
  "order_created",
  "order_updated",
  "order_cancelled",
  "consent_changed",
  "customer_redacted",
  "shop_uninstalled",
  "pixel_event",
];

for (const type of TYPES) {
  subscribe("flows", type, async (db, event) => {
    await handleFlowEvent(db, event, now());
  });
}
