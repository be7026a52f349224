// Delivery's domain-event subscribers (registered from app/domain/subscribers.server.ts).
import { subscribe } from "../domain/bus.server";
import { honourResubscribe } from "./unsubscribe.server";

subscribe("delivery.honour-resubscribe", "consent_changed", async (db, event) => {
  await honourResubscribe(db, event);
});
