// When a consent fact counts from: an opt-in needs its own date; other states may borrow one.
import { describe, expect, it } from "vitest";
import { consentFromPayload } from "../../../app/ingest/map";
import { customerFromNode } from "../../../app/shopify/graphql-map";

const RECORD_AT = new Date("2026-05-03T09:00:00Z");

describe("consent time", () => {
  it("gives an undated webhook opt-in no time, and keeps a dated one's own", () => {
    const undated = { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: null };
    expect(consentFromPayload(undated, RECORD_AT)).toEqual({
      state: "SUBSCRIBED",
      optInLevel: "SINGLE_OPT_IN",
      updatedAt: null,
    });
    const dated = { ...undated, consent_updated_at: "2026-04-01T08:00:00Z" };
    expect(consentFromPayload(dated, RECORD_AT)?.updatedAt).toEqual(new Date("2026-04-01T08:00:00Z"));
  });

  it("lets an undated opt-out borrow the record's time (erring towards not mailing)", () => {
    const undated = { state: "unsubscribed", consent_updated_at: null };
    expect(consentFromPayload(undated, RECORD_AT)?.updatedAt).toEqual(RECORD_AT);
  });

  it("applies the same rule to Admin API customers (reconciliation)", () => {
    const node = (marketingState: string) =>
      customerFromNode({
        id: "gid://shopify/Customer/42",
        updatedAt: RECORD_AT.toISOString(),
        defaultEmailAddress: { emailAddress: "a@b.example", marketingState, marketingUpdatedAt: null },
      } as Parameters<typeof customerFromNode>[0]);
    expect(node("SUBSCRIBED").consent?.updatedAt).toBeNull();
    expect(node("UNSUBSCRIBED").consent?.updatedAt).toEqual(RECORD_AT);
  });
});
