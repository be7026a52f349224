// Handlers for the app, bulk and compliance topics: install lifecycle, scopes, backfill completion,
// data requests and redaction.
import type { AdminGraphql } from "../admin.server";
import { now } from "../clock.server";
import { publish } from "../domain/bus.server";
import { shopLogger } from "../logger.server";
import { adminFor } from "../shopify/admin-client.server";
import { onBulkOperationFinished } from "../shopify/backfill.server";
import { recomputeShopStats } from "../shopify/backfill-ingest.server";
import { exportCustomerData, redactCustomer, redactShop } from "../store/compliance.server";
import { applyShopUpdate, markUninstalled, updateScope, updateShopDetails } from "../store/shops.server";
import { dateOrNull, shopifyId } from "../store/values";
import { eventTime, type Handler, parsePayload } from "./handler-kit.server";
import {
  bulkFinishSchema,
  customerRedactSchema,
  dataRequestSchema,
  scopesUpdateSchema,
  shopPayloadSchema,
  shopRedactSchema,
  shopUpdatePayloadSchema,
} from "./payloads";

export interface ShopHandlerDeps {
  adminFor(shop: string): Promise<AdminGraphql>;
  /** Wakes the backfill runner when a result file is ready. */
  kickBackfill(): void;
}

export function createShopHandlers(deps: ShopHandlerDeps): Record<string, Handler> {
  const appUninstalled: Handler = async (ctx) => {
    const details = shopPayloadSchema.safeParse(ctx.payload);
    const at = eventTime(ctx);
    await markUninstalled(ctx.db, ctx.shop, at);
    if (details.success) {
      await updateShopDetails(ctx.db, ctx.shop, {
        name: details.data.name,
        email: details.data.email,
        timeZone: details.data.iana_timezone,
        currency: details.data.currency,
      });
    }
    await publish(ctx.db, { type: "shop_uninstalled", shop: ctx.shop, at });
  };

  // shop/update: the merchant renamed the shop, moved its time zone or changed currency. Applied
  // only when newer than the last profile change applied (deliveries arrive in any order).
  const shopUpdate: Handler = async (ctx) => {
    const p = parsePayload(shopUpdatePayloadSchema, ctx.payload, ctx.topic);
    const result = await applyShopUpdate(ctx.db, ctx.shop, p, dateOrNull(p.updated_at) ?? eventTime(ctx));
    // Anniversary days are stored as the shop's local dates: a new zone means new dates.
    if (result.zoneChanged) await recomputeShopStats(ctx.db, ctx.shop);
  };

  const scopesUpdate: Handler = async (ctx) => {
    const p = parsePayload(scopesUpdateSchema, ctx.payload, ctx.topic);
    await updateScope(ctx.db, ctx.shop, p.current.join(","));
  };

  const bulkFinish: Handler = async (ctx) => {
    const p = parsePayload(bulkFinishSchema, ctx.payload, ctx.topic);
    await onBulkOperationFinished(ctx.db, ctx.shop, p, {
      adminFor: deps.adminFor,
      now,
      kick: deps.kickBackfill,
    });
  };

  const dataRequest: Handler = async (ctx) => {
    const p = parsePayload(dataRequestSchema, ctx.payload, ctx.topic);
    const subject = {
      customerShopifyId: shopifyId(p.customer.id),
      email: p.customer.email ?? null,
      orderShopifyIds: p.orders_requested.map((o) => String(o)),
    };
    const data = await exportCustomerData(ctx.db, ctx.shop, subject);
    const record = await ctx.db.complianceRecord.create({
      data: {
        shop: ctx.shop,
        kind: "data_request",
        customerShopifyId: subject.customerShopifyId,
        email: subject.email,
        export: JSON.stringify({
          requestId: p.data_request?.id ?? null,
          requestedAt: eventTime(ctx),
          ...data,
        }),
        completedAt: now(),
      },
      select: { id: true },
    });
    shopLogger(ctx.shop, { webhookId: ctx.webhookId }).info(
      { complianceRecordId: record.id, customerShopifyId: subject.customerShopifyId },
      "customer data request exported",
    );
  };

  const customersRedact: Handler = async (ctx) => {
    const p = parsePayload(customerRedactSchema, ctx.payload, ctx.topic);
    const subject = {
      customerShopifyId: shopifyId(p.customer.id),
      email: p.customer.email ?? null,
      orderShopifyIds: p.orders_to_redact.map((o) => String(o)),
    };
    const at = eventTime(ctx);
    const counts = await ctx.db.$transaction((tx) => redactCustomer(tx, ctx.shop, subject, at), {
      timeout: 60_000,
    });
    await ctx.db.complianceRecord.create({
      data: {
        shop: ctx.shop,
        kind: "customers_redact",
        customerShopifyId: subject.customerShopifyId,
        completedAt: now(),
      },
    });
    shopLogger(ctx.shop, { webhookId: ctx.webhookId }).info({ counts }, "customer redacted");
    if (subject.customerShopifyId) {
      await publish(ctx.db, {
        type: "customer_redacted",
        shop: ctx.shop,
        customerShopifyId: subject.customerShopifyId,
        at,
      });
    }
  };

  const shopRedact: Handler = async (ctx) => {
    parsePayload(shopRedactSchema, ctx.payload, ctx.topic);
    const deleted = await redactShop(ctx.db, ctx.shop);
    // Nothing of the shop is kept, not even an audit row: the log line is the record.
    shopLogger(ctx.shop, { webhookId: ctx.webhookId }).info({ deleted }, "shop redacted");
    await publish(ctx.db, { type: "shop_redacted", shop: ctx.shop, at: eventTime(ctx) });
  };

  return {
    "app/uninstalled": appUninstalled,
    "app/scopes_update": scopesUpdate,
    "shop/update": shopUpdate,
    "bulk_operations/finish": bulkFinish,
    "customers/data_request": dataRequest,
    "customers/redact": customersRedact,
    "shop/redact": shopRedact,
  };
}

export const shopHandlers = createShopHandlers({
  adminFor,
  kickBackfill: () => {
    // Imported lazily: the runner registers a background task, which only worker processes start.
    void import("../shopify/backfill-runner.server").then((m) => m.backfillRunner.kick());
  },
});
