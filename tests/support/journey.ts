// A whole Tend wired together for journey tests: signed webhooks through the real routes, the real
// ingest processor, flows subscribers, drafting (template drafter + approval), the scheduler and
// delivery's sendStep to a real SMTP server, and the public click/unsubscribe routes.
// Time is simulated by moving the process clock (app/clock.server.ts) forward: the webhook
// subscribers, the click route and the unsubscribe route read that clock, and the scheduler and
// sender are given it, so every module sees the same "now".
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { AdminGraphql } from "../../app/admin.server";
import { clockOffsetMs, now, setClockOffsetMs } from "../../app/clock.server";
import type { Db } from "../../app/db/client.server";
import { getDb } from "../../app/db.server";
import { deliveryConfig } from "../../app/delivery/config.server";
import { createSender } from "../../app/delivery/send-step.server";
import { createSmtpTransport, type Transport } from "../../app/delivery/transport.server";
import { draftCatalog } from "../../app/drafting/catalog.server";
import { fixedDrafting } from "../../app/drafting/drafter.server";
import { bulkApprove } from "../../app/drafting/lifecycle.server";
import { templateProvider } from "../../app/drafting/provider";
import type { FlowKey } from "../../app/flows/catalog";
import { setFlowEnabled } from "../../app/flows/settings.server";
import { processBatch } from "../../app/ingest/processor.server";
import { action as appRoute } from "../../app/routes/webhooks.app";
import { action as bulkRoute } from "../../app/routes/webhooks.bulk";
import { action as checkoutsRoute } from "../../app/routes/webhooks.checkouts";
import { action as complianceRoute } from "../../app/routes/webhooks.compliance";
import { action as customersRoute } from "../../app/routes/webhooks.customers";
import { action as ordersRoute } from "../../app/routes/webhooks.orders";
import { action as productsRoute } from "../../app/routes/webhooks.products";
import { loader as clickRoute } from "../../app/routes/c.$token";
import { action as unsubscribeRoute } from "../../app/routes/u.$token";
import { createScheduler, type Scheduler } from "../../app/scheduler/scheduler.server";
import { uniqueShop } from "./database";
import type { ReceivedMail, TestSmtpServer } from "./smtp-server";
import {
  examplePayload,
  routeGroup,
  type SignedWebhookInput,
  shopsOwnBody,
  signedWebhookRequest,
} from "./webhooks";

const HOUR = 60 * 60_000;
export const MINUTES = 60_000;
export const HOURS = HOUR;

type Route = (args: ActionFunctionArgs) => Promise<Response>;
const routes: Record<string, Route> = {
  app: appRoute,
  bulk: bulkRoute,
  compliance: complianceRoute,
  checkouts: checkoutsRoute,
  customers: customersRoute,
  orders: ordersRoute,
  products: productsRoute,
};

/** The simulated clock every module reads: only ever moves forward. */
export const clock = {
  now,
  advance(ms: number): Date {
    setClockOffsetMs(clockOffsetMs() + ms);
    return now();
  },
};

export function iso(at: Date): string {
  return at.toISOString();
}

/** Sends a request through the route's action; thrown Responses (401, 400...) are returned. */
export async function callRoute(route: Route, request: Request): Promise<Response> {
  return route({ request, params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

/** Delivers a signed webhook as Shopify would, stamped with the simulated time unless given. */
export function deliverWebhook(input: SignedWebhookInput): Promise<Response> {
  const route = routes[routeGroup(input.topic)];
  if (!route) throw new Error(`no route wired for ${input.topic}`);
  return callRoute(route, signedWebhookRequest(shopsOwnBody({ triggeredAt: iso(now()), ...input })));
}

/** Runs the ingest processor until every recorded delivery is handled. */
export async function processWebhooks(db: Db = getDb()): Promise<void> {
  for (;;) {
    const r = await processBatch(db, 200);
    if (r.processed + r.dead + r.failed === 0) return;
    if (r.failed > 0) throw new Error(`${r.failed} webhook deliveries failed in their handlers`);
  }
}

/** Delivers and processes in one go, failing loudly when the route did not accept it. */
export async function webhook(input: SignedWebhookInput): Promise<void> {
  const response = await deliverWebhook(input);
  if (response.status !== 200) throw new Error(`${input.topic} answered ${response.status}`);
  await processWebhooks();
}

export interface LineItem {
  productId: string;
  variantId: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
  price: string; // "249.00"
}

export interface Shopper {
  customerId: string;
  email: string;
  firstName: string;
}

export function consentPayload(state: "subscribed" | "unsubscribed", at: Date) {
  return { state, opt_in_level: "single_opt_in", consent_updated_at: iso(at) };
}

function customerRef(shopper: Shopper, consent?: { state: "subscribed" | "unsubscribed"; at: Date }) {
  return {
    id: Number(shopper.customerId),
    admin_graphql_api_id: `gid://shopify/Customer/${shopper.customerId}`,
    email: shopper.email,
    first_name: shopper.firstName,
    last_name: "Walker",
    state: "enabled",
    verified_email: true,
    currency: "USD",
    ...(consent ? { email_marketing_consent: consentPayload(consent.state, consent.at) } : {}),
  };
}

function totalOf(lines: LineItem[]): string {
  return (lines.reduce((sum, l) => sum + Math.round(Number(l.price) * 100) * l.quantity, 0) / 100).toFixed(2);
}

/** Shopify's example checkout payload with this shopper, these lines and these times. */
export function checkoutPayload(
  shop: string,
  input: {
    token: string;
    shopper: Shopper;
    lines: LineItem[];
    createdAt: Date;
    updatedAt: Date;
    consentAt?: Date;
    completedAt?: Date | null;
  },
): Record<string, unknown> {
  const example = examplePayload("checkouts/create");
  const exampleLine = (example.line_items as Array<Record<string, unknown>>)[0];
  const total = totalOf(input.lines);
  return {
    ...example,
    token: input.token,
    cart_token: `cart-${input.token}`,
    email: input.shopper.email,
    buyer_accepts_marketing: true,
    created_at: iso(input.createdAt),
    updated_at: iso(input.updatedAt),
    completed_at: input.completedAt ? iso(input.completedAt) : null,
    abandoned_checkout_url: `https://${shop}/checkouts/ac/${input.token}/recover?key=k${input.token}`,
    currency: "USD",
    presentment_currency: "USD",
    subtotal_price: total,
    total_line_items_price: total,
    total_price: total,
    line_items: input.lines.map((l) => ({
      ...exampleLine,
      product_id: Number(l.productId),
      variant_id: Number(l.variantId),
      title: l.title,
      presentment_title: l.title,
      variant_title: l.variantTitle,
      presentment_variant_title: l.variantTitle,
      quantity: l.quantity,
      price: l.price,
      line_price: (Number(l.price) * l.quantity).toFixed(2),
      sku: `SKU-${l.variantId}`,
    })),
    customer: customerRef(input.shopper, {
      state: "subscribed",
      at: input.consentAt ?? input.createdAt,
    }),
  };
}

/** Shopify's example order payload: this shopper bought these lines through `checkoutToken`. */
export function orderPayload(input: {
  orderId: string;
  name: string;
  checkoutToken: string | null;
  shopper: Shopper;
  lines: LineItem[];
  processedAt: Date;
}): Record<string, unknown> {
  const example = examplePayload("orders/create");
  const exampleLine = (example.line_items as Array<Record<string, unknown>>)[0];
  const total = totalOf(input.lines);
  return {
    ...example,
    id: Number(input.orderId),
    admin_graphql_api_id: `gid://shopify/Order/${input.orderId}`,
    name: input.name,
    email: input.shopper.email,
    contact_email: input.shopper.email,
    checkout_token: input.checkoutToken,
    currency: "USD",
    presentment_currency: "USD",
    subtotal_price: total,
    total_price: total,
    financial_status: "paid",
    discount_codes: [],
    cancelled_at: null,
    refunds: [],
    created_at: iso(input.processedAt),
    processed_at: iso(input.processedAt),
    updated_at: iso(input.processedAt),
    line_items: input.lines.map((l, i) => ({
      ...exampleLine,
      id: Number(`${input.orderId}${i + 1}`),
      admin_graphql_api_id: `gid://shopify/LineItem/${input.orderId}${i + 1}`,
      product_id: Number(l.productId),
      variant_id: Number(l.variantId),
      title: l.title,
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      variant_title: l.variantTitle,
      quantity: l.quantity,
      price: l.price,
    })),
    customer: customerRef(input.shopper),
  };
}

/** Shopify's example customers/update payload carrying the shopper's current consent. */
export function customerPayload(
  shopper: Shopper,
  consent: { state: "subscribed" | "unsubscribed"; at: Date },
  updatedAt: Date,
): Record<string, unknown> {
  const example = examplePayload("customers/update");
  return {
    ...example,
    ...customerRef(shopper, consent),
    created_at: iso(new Date(updatedAt.getTime() - 30 * 24 * HOUR)),
    updated_at: iso(updatedAt),
    addresses: [],
    default_address: null,
  };
}

export function productPayload(p: { id: string; variantId: string; title: string; price: string }) {
  const example = examplePayload("products/create");
  return {
    ...example,
    id: Number(p.id),
    admin_graphql_api_id: `gid://shopify/Product/${p.id}`,
    title: p.title,
    handle: p.title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    body_html: `<p>${p.title}. Sturdy, light and made to last.</p>`,
    status: "active",
    product_type: "Camping",
    vendor: "Ridge Supply",
    tags: "camping",
    image: null,
    images: [],
    variants: [
      {
        id: Number(p.variantId),
        admin_graphql_api_id: `gid://shopify/ProductVariant/${p.variantId}`,
        title: "Default Title",
        price: p.price,
        inventory_quantity: 25,
        inventory_policy: "deny",
        inventory_management: "shopify",
      },
    ],
    updated_at: iso(now()),
  };
}

export interface JourneyShop {
  shop: string;
  db: Db;
}

let seq = 0;
/** Distinct numeric ids per call (Shopify ids are numbers; tests must not collide). */
export function nextId(): string {
  seq++;
  return `${Date.now() % 1_000_000_000}${String(seq).padStart(3, "0")}`;
}

/**
 * A shop as a merchant leaves it after setup: settings (sender, postal address; quiet hours off,
 * no holdout so the story is deterministic), products arrived by webhook, the flows switched on
 * through the settings API and their template drafts approved through the lifecycle API.
 */
export async function setUpShop(options: {
  flows: FlowKey[];
  products: Array<{ id: string; variantId: string; title: string; price: string }>;
}): Promise<JourneyShop> {
  const db = getDb();
  const shop = uniqueShop("journey");
  await db.shop.create({ data: { shop, name: "Ridge Supply", currency: "USD", timeZone: "UTC" } });
  await db.shopSettings.create({
    data: {
      shop,
      senderName: "Ridge Supply",
      replyTo: "hello@ridgesupply.example",
      postalAddress: "48 Cedar Lane, Bend, OR 97701, USA",
      quietHoursStart: 0,
      quietHoursEnd: 0,
      holdoutPercent: 0,
      frequencyCapCount: 5,
      aiProvider: "template",
    },
  });
  for (const p of options.products) {
    await webhook({ topic: "products/create", shop, body: productPayload(p) });
  }
  for (const flowKey of options.flows) await setFlowEnabled(db, shop, flowKey, true, now());
  const drafted = await draftCatalog(db, shop, {
    flowKeys: options.flows,
    productIds: options.products.map((p) => p.id),
    drafting: fixedDrafting(templateProvider),
    now: now(),
    actor: "merchant@ridgesupply.example",
  });
  if (drafted.failed.length) throw new Error(`drafting failed: ${JSON.stringify(drafted.failed)}`);
  const pending = await db.draft.findMany({ where: { shop, status: "pending" }, select: { id: true } });
  const approved = await bulkApprove(
    db,
    shop,
    pending.map((d) => d.id),
    "merchant@ridgesupply.example",
    now(),
  );
  if (approved.refused.length)
    throw new Error(`drafts refused at approval: ${JSON.stringify(approved.refused)}`);
  return { shop, db };
}

/** The Admin API calls delivery makes (discount codes, consent write-back), answered like Shopify. */
export function recordingAdmin() {
  const calls: Array<{ query: string; variables: Record<string, unknown> | undefined }> = [];
  const admin =
    async (_shop: string): Promise<AdminGraphql> =>
    async (query, options) => {
      calls.push({ query, variables: options?.variables });
      if (query.includes("discountCodeBasicCreate"))
        return Response.json({
          data: {
            discountCodeBasicCreate: {
              codeDiscountNode: { id: "gid://shopify/DiscountCodeNode/1" },
              userErrors: [],
            },
          },
        });
      return Response.json({ errors: [{ message: "operation not expected in a journey test" }] });
    };
  return { admin, calls };
}

export interface Pipeline {
  scheduler: Scheduler;
  transport: Transport;
  /** Runs every due step (all shops of this worker's database) at the simulated now. */
  tick(): ReturnType<Scheduler["drain"]>;
  close(): Promise<void>;
}

/** The scheduler with delivery's real sendStep (real copy resolution) over SMTP to `smtp`. */
export function startPipeline(smtp: TestSmtpServer): Pipeline {
  const db = getDb();
  const transport = createSmtpTransport({ url: smtp.url, maxConnections: 2 });
  const sender = createSender({
    db,
    transport,
    admin: recordingAdmin().admin,
    clock: now,
    config: deliveryConfig(),
  });
  const scheduler = createScheduler({ db, send: sender.sendStep, clock: now, workerId: "journey" });
  return {
    scheduler,
    transport,
    tick: () => scheduler.drain(),
    close: () => transport.close(),
  };
}

export function mailsTo(smtp: TestSmtpServer, email: string): ReceivedMail[] {
  return smtp.received.filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === email.toLowerCase()));
}

/** Unfolded header block of a raw message. */
export function headerBlock(raw: string): string {
  return raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
}

/** The https one-click unsubscribe URL from List-Unsubscribe. */
export function oneClickUrl(mail: ReceivedMail): string {
  const header = /^List-Unsubscribe: (.*)$/im.exec(headerBlock(mail.raw))?.[1] ?? "";
  const url = /<(https:\/\/[^>]+)>/.exec(header)?.[1];
  if (!url) throw new Error(`no https List-Unsubscribe in: ${header}`);
  return url;
}

/** A tracked link (/c/TOKEN) of the message's plain-text part whose line mentions `near`. */
export function trackedLinks(text: string): string[] {
  return [...text.matchAll(/https:\/\/tend\.test\/c\/[A-Za-z0-9._~-]+/g)].map((m) => m[0]);
}

/** The shopper clicks: the real click route, a GET with no cookies. */
export async function click(url: string): Promise<Response> {
  const token = new URL(url).pathname.replace(/^\/c\//, "");
  const request = new Request(url, { method: "GET" });
  const args = { request, params: { token }, context: {} } as LoaderFunctionArgs;
  return clickRoute(args).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

/** Gmail's one-click unsubscribe: an RFC 8058 POST with no cookies and no session. */
export async function oneClickUnsubscribe(url: string): Promise<{ status: number }> {
  const token = new URL(url).pathname.replace(/^\/u\//, "");
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  try {
    // The action answers with Remix's data() (status in its init) or throws a Response.
    const result = (await unsubscribeRoute({ request, params: { token }, context: {} })) as unknown as {
      init?: { status?: number } | null;
    };
    return { status: result.init?.status ?? 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}
