import { describe, expect, it } from "vitest";
import { topicName } from "../../../app/ingest/receive.server";

describe("topicName", () => {
  it.each([
    ["ORDERS_CREATE", "orders/create"],
    ["CUSTOMERS_EMAIL_MARKETING_CONSENT_UPDATE", "customers_email_marketing_consent/update"],
    ["BULK_OPERATIONS_FINISH", "bulk_operations/finish"],
    ["APP_SCOPES_UPDATE", "app/scopes_update"],
    ["CUSTOMERS_DATA_REQUEST", "customers/data_request"],
    ["SHOP_REDACT", "shop/redact"],
    ["orders/paid", "orders/paid"],
  ])("%s → %s", (input, expected) => {
    expect(topicName(input)).toBe(expected);
  });
});
