// Shared by the attack tests: every table's rows as data (to prove an attack changed nothing), the
// topics Tend subscribes to (from shopify.app.toml), and signed deliveries through the real routes.
import { readFileSync } from "node:fs";
import { Prisma } from "@prisma/client";
import { parse } from "smol-toml";
import type { Db } from "../../app/db/client.server";
import { getDb } from "../../app/db.server";
import { processBatch } from "../../app/ingest/processor.server";
import { action as app } from "../../app/routes/webhooks.app";
import { action as bulk } from "../../app/routes/webhooks.bulk";
import { action as checkouts } from "../../app/routes/webhooks.checkouts";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { action as customers } from "../../app/routes/webhooks.customers";
import { action as orders } from "../../app/routes/webhooks.orders";
import { action as products } from "../../app/routes/webhooks.products";
import { TEST_APP_URL } from "../support/env";
import { routeGroup, type SignedWebhookInput, signedWebhookRequest } from "../support/webhooks";

type Rows = Record<string, string[]>;

/** Every row of every Prisma model, each as JSON, sorted: equal snapshots mean nothing changed. */
export async function tableSnapshot(db: Db = getDb()): Promise<Rows> {
  const out: Rows = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ];
    out[model] = (await delegate.findMany()).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** Rows of `after` that `before` does not have, per model (only models with some). */
export function addedRows(before: Rows, after: Rows): Record<string, unknown[]> {
  const added: Record<string, unknown[]> = {};
  for (const [model, rows] of Object.entries(after)) {
    const had = new Set(before[model]);
    const extra = rows.filter((r) => !had.has(r)).map((r) => JSON.parse(r));
    if (extra.length) added[model] = extra;
  }
  return added;
}

interface Subscription {
  topics?: string[];
  compliance_topics?: string[];
  uri: string;
}

/** Every topic shopify.app.toml subscribes Tend to, with the route it is delivered to. */
export function subscribedTopics(): { topic: string; uri: string }[] {
  const toml = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as {
    webhooks: { subscriptions: Subscription[] };
  };
  return toml.webhooks.subscriptions.flatMap((s) =>
    [...(s.topics ?? []), ...(s.compliance_topics ?? [])].map((topic) => ({ topic, uri: s.uri })),
  );
}

const routes: Record<string, typeof orders> = {
  app,
  bulk,
  checkouts,
  compliance,
  customers,
  orders,
  products,
};

/** A signed delivery through the Remix route of `uri` (default: the topic's own route). */
export async function send(input: SignedWebhookInput & { uri?: string }): Promise<Response> {
  const uri = input.uri ?? `/webhooks/${routeGroup(input.topic)}`;
  const route = routes[uri.replace("/webhooks/", "")];
  const request = signedWebhookRequest({ ...input, url: `${TEST_APP_URL}${uri}` });
  return route({ request, params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

/** Runs every recorded delivery through the real handlers. */
export async function drainAll(): Promise<void> {
  for (;;) {
    const r = await processBatch(getDb(), 200);
    if (r.processed + r.dead + r.failed === 0) return;
  }
}
