// Time zones (pinned instants across zones and DST), policies, config bounds and reorder cycles.
import { describe, expect, it } from "vitest";
import { resolveDefinition, validateFlowConfig } from "../../../app/flows/config";
import { isHoldout } from "../../../app/flows/holdout";
import { engagedHour, frequencyCap, productAvailable, sendTimeOptimised } from "../../../app/flows/policies";
import { lapseThresholds } from "../../../app/flows/reorder-cycle";
import {
  isQuietMinute,
  monthDay,
  nextLocalTime,
  quietHoursRelease,
  startOfLocalDay,
} from "../../../app/flows/time";

describe("time zones", () => {
  it("quiet hours wrap midnight and end at 08:00 local in each zone", () => {
    expect(isQuietMinute(22 * 60, 21 * 60, 8 * 60)).toBe(true);
    expect(isQuietMinute(7 * 60 + 59, 21 * 60, 8 * 60)).toBe(true);
    expect(isQuietMinute(8 * 60, 21 * 60, 8 * 60)).toBe(false);
    const at = new Date("2026-06-15T03:00:00.000Z");
    // Tokyo: 12:00 local, allowed. Los Angeles: 20:00 PDT, allowed. Berlin: 05:00 CEST, quiet.
    expect(quietHoursRelease(at, "Asia/Tokyo", 1260, 480)).toBeNull();
    expect(quietHoursRelease(at, "America/Los_Angeles", 1260, 480)).toBeNull();
    expect(quietHoursRelease(at, "Europe/Berlin", 1260, 480)?.toISOString()).toBe("2026-06-15T06:00:00.000Z");
    expect(
      quietHoursRelease(
        new Date("2026-06-15T04:30:00.000Z"),
        "America/Los_Angeles",
        1260,
        480,
      )?.toISOString(),
    ).toBe("2026-06-15T15:00:00.000Z");
  });

  it("crosses a daylight-saving change without drifting an hour", () => {
    // New York springs forward on 2026-03-08 at 02:00. 22:00 EST on the 7th = 03:00Z on the 8th.
    expect(nextLocalTime(new Date("2026-03-08T03:00:00.000Z"), "America/New_York", 480).toISOString()).toBe(
      "2026-03-08T12:00:00.000Z", // 08:00 EDT
    );
    // Falls back on 2026-11-01: 08:00 EST = 13:00Z.
    expect(nextLocalTime(new Date("2026-11-01T03:00:00.000Z"), "America/New_York", 480).toISOString()).toBe(
      "2026-11-01T13:00:00.000Z",
    );
    expect(startOfLocalDay(new Date("2026-03-08T15:00:00.000Z"), "America/New_York").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
  });

  it("anniversaries are local dates", () => {
    expect(monthDay(new Date("2026-03-02T02:00:00.000Z"), "America/Toronto")).toBe("03-01");
    expect(monthDay(new Date("2026-03-02T02:00:00.000Z"), "Asia/Tokyo")).toBe("03-02");
  });
});

describe("policies", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  const day = 86_400_000;

  it("frequency cap frees the slot when the oldest send in the window ages out", () => {
    const cap = frequencyCap({
      now,
      flowKey: "win_back",
      capCount: 2,
      capDays: 7,
      recentSends: [
        { flowKey: "post_purchase", sentAt: new Date(now.getTime() - 6 * day) },
        { flowKey: "anniversary", sentAt: new Date(now.getTime() - 1 * day) },
        { flowKey: "anniversary", sentAt: new Date(now.getTime() - 9 * day) },
      ],
      pendingOthers: [],
    });
    expect(cap?.until.toISOString()).toBe("2026-03-11T12:01:00.000Z");
  });

  it("lower priority yields to higher priority pending steps; higher priority does not yield to lower", () => {
    const base = {
      now,
      capCount: 2,
      capDays: 7,
      recentSends: [{ flowKey: "anniversary", sentAt: new Date(now.getTime() - day) }],
    };
    const pending = [{ flowKey: "checkout_abandonment", dueAt: new Date(now.getTime() + 3_600_000) }];
    expect(frequencyCap({ ...base, flowKey: "post_purchase", pendingOthers: pending })?.reason).toContain(
      "yields to Checkout abandonment",
    );
    expect(
      frequencyCap({
        ...base,
        flowKey: "checkout_abandonment",
        pendingOthers: [{ flowKey: "win_back", dueAt: now }],
      }),
    ).toBeNull();
  });

  it("send-time optimisation waits for the customer's hour within a day, else sends", () => {
    const planned = new Date("2026-03-10T09:00:00.000Z");
    expect(sendTimeOptimised(planned, planned, 19, "UTC")?.until.toISOString()).toBe(
      "2026-03-10T19:00:00.000Z",
    );
    expect(sendTimeOptimised(new Date("2026-03-10T19:00:00.000Z"), planned, 19, "UTC")).toBeNull();
    expect(sendTimeOptimised(planned, planned, null, "UTC")).toBeNull();
    const moments = ["2026-01-01T19:10:00Z", "2026-01-05T19:40:00Z", "2026-01-09T08:00:00Z"].map(
      (s) => new Date(s),
    );
    expect(engagedHour(moments, "UTC")).toBe(19);
    expect(engagedHour(moments, "Asia/Tokyo")).toBe(4);
  });

  it("stock comes from variants: available or inventory left", () => {
    expect(
      productAvailable(JSON.stringify([{ available: false, inventoryQuantity: 0 }]), "ACTIVE", false),
    ).toBe(false);
    expect(
      productAvailable(
        JSON.stringify([{ available: false }, { available: true, inventoryQuantity: 3 }]),
        "ACTIVE",
        false,
      ),
    ).toBe(true);
    expect(productAvailable("[]", "ARCHIVED", false)).toBe(false);
    expect(productAvailable("[]", "ACTIVE", true)).toBe(false);
  });

  it("holdout is deterministic and close to the configured share", () => {
    const picks = Array.from({ length: 10_000 }, (_, i) =>
      isHoldout("s.myshopify.com", "win_back", `c${i}`, 10),
    );
    const share = picks.filter(Boolean).length / picks.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
    expect(isHoldout("s.myshopify.com", "win_back", "c42", 10)).toBe(picks[42]);
  });
});

describe("flow config", () => {
  it("accepts overrides within bounds and applies them to a new definition", () => {
    const v = validateFlowConfig(
      "win_back",
      { lapseDays: 120, steps: { "win_back.second_touch": { discountPercent: 12 } } },
      { maxDiscountPercent: 15 },
    );
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const def = resolveDefinition("win_back", v.overrides, { maxDiscountPercent: 15 });
    expect(def.trigger).toEqual({ kind: "lapsed", lapseDays: 120 });
    expect(def.steps[1].discountPercent).toBe(12);
  });

  it("returns field errors for out-of-bounds input", () => {
    const v = validateFlowConfig(
      "win_back",
      {
        lapseDays: 30,
        steps: { "win_back.second_touch": { discountPercent: 25, delayMinutes: 10 }, "nope.step": {} },
        oncePerDays: 3,
      },
      { maxDiscountPercent: 15 },
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.fieldErrors).toEqual({
      lapseDays: "must be between 60 and 365 days",
      "steps.win_back.second_touch.discountPercent": "must be between 1% and 15% (the shop's discount cap)",
      "steps.win_back.second_touch.delayMinutes": "must be between 1 day and 60 days",
      "steps.nope.step": "Win-back has no step called nope.step",
      oncePerDays: "Win-back is not triggered by storefront activity",
    });
    const bad = validateFlowConfig("anniversary", { lapseDays: "ninety" }, { maxDiscountPercent: 15 });
    expect(bad.ok).toBe(false);
  });

  it("a shop cap below the catalog default lowers the discount", () => {
    expect(
      resolveDefinition("checkout_abandonment", {}, { maxDiscountPercent: 5 }).steps[2].discountPercent,
    ).toBe(5);
    expect(
      resolveDefinition("checkout_abandonment", {}, { maxDiscountPercent: 0 }).steps[2].discountPercent,
    ).toBeNull();
  });
});

describe("win-back threshold from the reorder cycle", () => {
  it("uses 1.5 × the median gap with enough repeat purchases, else the default, within 60-365", () => {
    const gaps = new Map<string, number[]>([
      ["Coffee", Array.from({ length: 40 }, (_, i) => 40 + (i % 5) * 10)], // median 60 → 90
      ["Tents", Array.from({ length: 40 }, () => 400)], // 600 → clamped 365
      ["Socks", [30, 40]], // too few
    ]);
    expect(lapseThresholds(gaps, 90)).toEqual([
      { productType: "Coffee", days: 90, basis: "observed", samples: 40 },
      { productType: "Socks", days: 90, basis: "default", samples: 2 },
      { productType: "Tents", days: 365, basis: "observed", samples: 40 },
    ]);
  });
});
