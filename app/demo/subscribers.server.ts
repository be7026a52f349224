// New subscribers for the demo's welcome series: each replay round, shoppers who sign up for the
// newsletter without buying arrive as Shopify's customers/create (email consent SUBSCRIBED), posted
// signed to the real webhook route, so the welcome flow enrolls them the way a live shop would.
import { now } from "../clock.server";
import type { Db } from "../db.server";
import { isHoldout } from "../flows/holdout";
import { loadShopPolicy } from "../flows/versions.server";
import { FIRST_NAMES, LAST_NAMES } from "./generate";
import { postSignedWebhook, type ReplayedEvent } from "./replay.server";

/**
 * Clear of every seeded customer range (generate.ts 7,100,000,001+, history.ts 7,200,000,001+,
 * repeat-history.ts 7,300,000,001+): a sign-up who matched a seeded buyer would rightly get no welcome.
 */
const FIRST_SUBSCRIBER_ID = 7_900_000_000;
const PER_ROUND = 2;

/** Shopify's customers/create body for a newsletter sign-up (REST shape, API 2026-10). */
export function subscriberPayload(input: { id: string; firstName: string; lastName: string; at: Date }) {
  const at = input.at.toISOString();
  return {
    id: Number(input.id),
    admin_graphql_api_id: `gid://shopify/Customer/${input.id}`,
    email: `${input.firstName}.${input.lastName}.${input.id}@example.com`.toLowerCase(),
    first_name: input.firstName,
    last_name: input.lastName,
    state: "disabled",
    verified_email: true,
    tags: "newsletter",
    currency: "USD",
    created_at: at,
    updated_at: at,
    addresses: [],
    default_address: null,
    email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: at },
  };
}

/**
 * Signs up PER_ROUND new subscribers for this round. Candidates in the welcome flow's holdout group
 * are passed over (they would get nothing, by design), so each round has someone to welcome.
 */
export async function replayNewSubscribers(
  db: Db,
  shop: string,
  appUrl: string,
  round: number,
): Promise<ReplayedEvent[]> {
  const { holdoutPercent } = await loadShopPolicy(db, shop);
  const events: ReplayedEvent[] = [];
  for (let k = 0; events.length < PER_ROUND && k < 20; k++) {
    const id = String(FIRST_SUBSCRIBER_ID + round * 20 + k);
    if (isHoldout(shop, "welcome", id, holdoutPercent)) continue;
    const body = subscriberPayload({
      id,
      firstName: FIRST_NAMES[(round * 7 + k) % FIRST_NAMES.length],
      lastName: LAST_NAMES[(round * 3 + k) % LAST_NAMES.length],
      at: now(),
    });
    const status = await postSignedWebhook(appUrl, shop, "customers/create", body);
    events.push({
      topic: "customers/create",
      status,
      email: body.email,
      detail: "subscribed to the newsletter",
    });
  }
  return events;
}
