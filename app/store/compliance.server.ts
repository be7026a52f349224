// GDPR/CCPA obligations over everything Tend stores: export one customer's data, erase one
// customer's personal data (keeping anonymous aggregates), and delete a whole shop.
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Db } from "../db/client.server";
import type { Tx } from "./customers.server";

export interface CustomerSubject {
  customerShopifyId: string | null;
  email: string | null;
  orderShopifyIds: string[];
}

async function subjectEmails(db: Tx, shop: string, s: CustomerSubject): Promise<string[]> {
  const emails = new Set<string>();
  if (s.email) emails.add(s.email.toLowerCase());
  if (s.customerShopifyId) {
    const c = await db.customer.findUnique({
      where: { shop_shopifyId: { shop, shopifyId: s.customerShopifyId } },
      select: { emailLower: true },
    });
    if (c?.emailLower) emails.add(c.emailLower);
  }
  return [...emails];
}

function who(s: CustomerSubject, emails: string[], emailField: string, idField: string) {
  const or: Record<string, unknown>[] = [];
  if (s.customerShopifyId) or.push({ [idField]: s.customerShopifyId });
  for (const e of emails) or.push({ [emailField]: e });
  return or;
}

/** Everything Tend holds on one customer, as plain JSON (customers/data_request). */
export async function exportCustomerData(
  db: Tx,
  shop: string,
  s: CustomerSubject,
): Promise<Record<string, unknown>> {
  const emails = await subjectEmails(db, shop, s);
  const none = [{ id: "__none__" }];
  const orWho = (emailField: string, idField: string) => {
    const or = who(s, emails, emailField, idField);
    return or.length ? or : none;
  };
  const customer = s.customerShopifyId
    ? await db.customer.findUnique({ where: { shop_shopifyId: { shop, shopifyId: s.customerShopifyId } } })
    : null;
  const orders = await db.order.findMany({
    where: { shop, OR: [...orWho("email", "customerShopifyId"), { shopifyId: { in: s.orderShopifyIds } }] },
    include: { lines: true },
    orderBy: { processedAt: "asc" },
  });
  const checkouts = await db.checkout.findMany({
    where: { shop, OR: orWho("emailLower", "customerShopifyId") },
  });
  const messages = await db.message.findMany({ where: { shop, OR: orWho("email", "customerShopifyId") } });
  const events = await db.customerEvent.findMany({
    where: { shop, OR: orWho("email", "customerShopifyId") },
  });
  const flowRuns = await db.flowRun.findMany({ where: { shop, OR: orWho("email", "customerShopifyId") } });
  const suppressions = emails.length
    ? await db.suppression.findMany({ where: { shop, emailLower: { in: emails } } })
    : [];
  const pixelEvents = s.customerShopifyId
    ? await db.pixelEvent.findMany({ where: { shop, customerShopifyId: s.customerShopifyId } })
    : [];
  const clicks = messages.length
    ? await db.click.findMany({ where: { shop, messageId: { in: messages.map((m) => m.id) } } })
    : [];
  return { shop, customer, orders, checkouts, messages, clicks, events, flowRuns, suppressions, pixelEvents };
}

export interface RedactionCounts {
  customers: number;
  orders: number;
  checkouts: number;
  messages: number;
  events: number;
  flowRuns: number;
  suppressions: number;
  deliveries: number;
  pixelEvents: number;
  clicks: number;
}

function pseudonym(email: string): string {
  return `redacted:${createHash("sha256").update(email).digest("hex").slice(0, 24)}`;
}

/**
 * Erases one customer's personal data. Order totals, message counts and suppression counts stay
 * (anonymous aggregates for reports); the customer row stays as a tombstone so a late webhook
 * cannot bring the data back.
 */
export async function redactCustomer(
  db: Tx,
  shop: string,
  s: CustomerSubject,
  at: Date,
): Promise<RedactionCounts> {
  const emails = await subjectEmails(db, shop, s);
  const orWho = (emailField: string, idField: string) => who(s, emails, emailField, idField);
  const counts: RedactionCounts = {
    customers: 0,
    orders: 0,
    checkouts: 0,
    messages: 0,
    events: 0,
    flowRuns: 0,
    suppressions: 0,
    deliveries: 0,
    pixelEvents: 0,
    clicks: 0,
  };
  if (s.customerShopifyId) {
    const erased = {
      email: null,
      emailLower: null,
      firstName: null,
      lastName: null,
      locale: null,
      tags: "",
      countryCode: null,
      timeZone: null,
      marketingState: "REDACTED",
      marketingOptInLevel: null,
      // What Tend inferred about them goes too (segments skip redacted customers from here on).
      segment: null,
      categoryAffinity: null,
      engaged: false,
      lastClickAt: null,
      segmentUpdatedAt: null,
      redactedAt: at,
    };
    await db.customer.upsert({
      where: { shop_shopifyId: { shop, shopifyId: s.customerShopifyId } },
      create: { shop, shopifyId: s.customerShopifyId, ...erased },
      update: erased,
    });
    counts.customers = 1;
  }
  const people = orWho("email", "customerShopifyId");
  const orderWhere = { shop, OR: [...people, { shopifyId: { in: s.orderShopifyIds } }] };
  counts.orders = (
    await db.order.updateMany({ where: orderWhere, data: { email: null, landingSite: null } })
  ).count;
  if (people.length) {
    counts.checkouts = (
      await db.checkout.updateMany({
        where: { shop, OR: orWho("emailLower", "customerShopifyId") },
        data: { email: null, emailLower: null, abandonedCheckoutUrl: null },
      })
    ).count;
    // What they browsed and clicked goes entirely (found before the rows naming them are erased).
    const tokens = (
      await db.checkout.findMany({
        where: { shop, OR: orWho("emailLower", "customerShopifyId") },
        select: { token: true },
      })
    ).map((c) => c.token);
    counts.pixelEvents = (
      await db.pixelEvent.deleteMany({
        where: {
          shop,
          OR: [
            ...(s.customerShopifyId ? [{ customerShopifyId: s.customerShopifyId }] : []),
            ...(tokens.length ? [{ checkoutToken: { in: tokens } }] : []),
          ],
        },
      })
    ).count;
    counts.pixelEvents += (
      await db.pixelClient.deleteMany({
        where: {
          shop,
          OR: [
            ...(s.customerShopifyId ? [{ customerShopifyId: s.customerShopifyId }] : []),
            ...(tokens.length ? [{ checkoutToken: { in: tokens } }] : []),
          ],
        },
      })
    ).count;
    if (s.customerShopifyId)
      await db.rateCounter.deleteMany({ where: { key: `customer|${shop}|${s.customerShopifyId}` } });
    const messageIds = (await db.message.findMany({ where: { shop, OR: people }, select: { id: true } })).map(
      (m) => m.id,
    );
    counts.clicks = messageIds.length
      ? (await db.click.deleteMany({ where: { shop, messageId: { in: messageIds } } })).count
      : 0;
    counts.messages = (
      await db.message.updateMany({
        where: { shop, OR: people },
        data: { email: null, html: null, text: null, subject: null },
      })
    ).count;
    counts.events = (
      await db.customerEvent.updateMany({ where: { shop, OR: people }, data: { email: null, detail: "{}" } })
    ).count;
    counts.flowRuns = (
      await db.flowRun.updateMany({ where: { shop, OR: people }, data: { email: null, context: "{}" } })
    ).count;
  }
  for (const email of emails) {
    const row = await db.suppression.findUnique({ where: { shop_emailLower: { shop, emailLower: email } } });
    if (row) {
      await db.suppression.update({ where: { id: row.id }, data: { emailLower: pseudonym(email) } });
      counts.suppressions++;
    }
  }
  // Raw deliveries and earlier exports hold the same data: erase them too.
  const needles = [...emails, ...(s.customerShopifyId ? [s.customerShopifyId] : [])];
  for (const needle of needles) {
    counts.deliveries += (
      await db.webhookEvent.updateMany({
        where: { shop, status: { not: "received" }, payload: { contains: needle } },
        data: { payload: "{}" },
      })
    ).count;
    // Unpublished events about a redacted customer are dropped: no flow may start for them now.
    await db.webhookEvent.updateMany({
      where: { shop, announcements: { contains: needle } },
      data: { announcements: null },
    });
    await db.deadLetter.updateMany({
      where: { shop, payload: { contains: needle } },
      data: { payload: "{}" },
    });
  }
  if (s.customerShopifyId || emails.length) {
    await db.complianceRecord.updateMany({
      where: {
        shop,
        kind: "data_request",
        OR: [
          ...(s.customerShopifyId ? [{ customerShopifyId: s.customerShopifyId }] : []),
          ...emails.map((e) => ({ email: e })),
        ],
      },
      data: { export: null, email: null },
    });
  }
  return counts;
}

/** Every table Tend has carries `shop`; a model without it would escape shop/redact. */
export function shopScopedModels(): string[] {
  return Prisma.dmmf.datamodel.models
    .filter((m) => m.fields.some((f) => f.name === "shop"))
    .map((m) => m.name);
}

export function unscopedModels(): string[] {
  return Prisma.dmmf.datamodel.models
    .filter((m) => !m.fields.some((f) => f.name === "shop"))
    .map((m) => m.name);
}

/** shop/redact: deletes every row of the shop in every table. Returns rows deleted per model. */
export async function redactShop(db: Db, shop: string): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  // Children first where a relation exists (OrderLine → Order), so no foreign key objects.
  const models = shopScopedModels().sort((a, b) => (a === "OrderLine" ? -1 : b === "OrderLine" ? 1 : 0));
  for (const model of models) {
    const delegate = (
      db as unknown as Record<string, { deleteMany(args: unknown): Promise<{ count: number }> }>
    )[model[0].toLowerCase() + model.slice(1)];
    deleted[model] = (await delegate.deleteMany({ where: { shop } })).count;
  }
  // Limit counters carry the shop inside their key, not in a column.
  deleted.RateCounter = (
    await db.rateCounter.deleteMany({
      where: { OR: [{ key: { contains: `|${shop}|` } }, { key: { endsWith: `|${shop}` } }] },
    })
  ).count;
  return deleted;
}
