// The real wiring for delivery's public endpoints and background work (tests build their own).
import { now } from "../clock.server";
import { publish } from "../domain/bus.server";
import { getDb } from "../db.server";
import { adminFor } from "../shopify/admin-client.server";
import { deliveryConfig } from "./config.server";
import type { UnsubscribeDeps } from "./unsubscribe.server";

export function unsubscribeDeps(): UnsubscribeDeps {
  return { db: getDb(), clock: now, publish, admin: adminFor, secret: deliveryConfig().signingSecret };
}
