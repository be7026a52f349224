import { describe, expect, it } from "vitest";
import { assignVariant } from "../../../app/insights/ab";
import {
  AUTO_DECIDE_ALPHA,
  AUTO_DECIDE_MIN_SENT_PER_ARM,
  AUTO_DECIDE_RULES,
  activeKeyOf,
  chooseSubjectVariant,
  decideAbTest,
} from "../../../app/insights/ab-decision";
import { armFor, armInForce, draftSegmentFor } from "../../../app/insights/personalisation-test";
import { twoProportionTest } from "../../../app/insights/stats";

const arm = (name: string, sent: number, clicks: number, orders = 0) => ({ arm: name, sent, clicks, orders });

describe("decideAbTest", () => {
  it("crowns the arm with the clearly higher click rate", () => {
    const v = decideAbTest([arm("0", 1000, 30), arm("1", 1000, 70)]);
    expect(v.decided).toBe(true);
    if (v.decided) {
      expect(v.winner).toBe("1");
      expect(v.pValue).toBeLessThan(AUTO_DECIDE_ALPHA);
      expect(v.results.map((r) => r.clickRate)).toEqual([0.03, 0.07]);
    }
  });

  it("needs the minimum sample in every arm: one send short is not enough", () => {
    const n = AUTO_DECIDE_MIN_SENT_PER_ARM;
    const short = decideAbTest([arm("0", n - 1, 10), arm("1", n, 80)]);
    expect(short.decided).toBe(false);
    if (!short.decided) expect(short.reason).toContain(`0 has ${n - 1}`);
    expect(decideAbTest([arm("0", n, 10), arm("1", n, 80)]).decided).toBe(true);
  });

  it("decides only below alpha, strictly (the boundary p itself does not decide)", () => {
    const a = arm("0", 800, 40);
    const b = arm("1", 800, 62);
    const { pValue } = twoProportionTest(62, 800, 40, 800);
    const at = (alpha: number) => decideAbTest([a, b], { ...AUTO_DECIDE_RULES, alpha });
    expect(at(pValue * 1.001).decided).toBe(true);
    expect(at(pValue).decided).toBe(false);
    expect(at(pValue * 0.999).decided).toBe(false);
  });

  it("refuses when clicks are too few for the z-test, however large the ratio", () => {
    const v = decideAbTest([arm("0", 5000, 0), arm("1", 5000, 4)]);
    expect(v.decided).toBe(false);
    if (!v.decided) expect(v.reason).toMatch(/too few clicks/);
  });

  it("does not act on a difference chance explains", () => {
    const v = decideAbTest([arm("generic", 2000, 100), arm("personalised", 2000, 112)]);
    expect(v.decided).toBe(false);
    expect(v.pValue).toBeGreaterThan(AUTO_DECIDE_ALPHA);
  });

  it("is no test with one arm", () => {
    expect(decideAbTest([arm("0", 5000, 500)]).decided).toBe(false);
  });

  it("names arms by their own labels (personalisation)", () => {
    const v = decideAbTest([arm("generic", 1000, 90), arm("personalised", 1000, 40)]);
    expect(v.decided && v.winner).toBe("generic");
  });
});

describe("chooseSubjectVariant", () => {
  it("uses the split while no winner is in force, the same for the same key", () => {
    for (const key of ["s:r1:0", "s:r2:0", "s:r3:1"]) {
      expect(chooseSubjectVariant(key, 2, null)).toBe(assignVariant(key, 2));
    }
  });

  it("sends the winner to everyone once decided", () => {
    const picks = Array.from({ length: 200 }, (_, i) => chooseSubjectVariant(`s:run${i}:0`, 2, 1));
    expect(new Set(picks)).toEqual(new Set([1]));
  });

  it("falls back to the split when the copy has no such subject line", () => {
    expect(chooseSubjectVariant("s:r:0", 1, 1)).toBe(0);
    expect(chooseSubjectVariant("k", 2, 2)).toBe(assignVariant("k", 2));
  });
});

describe("personalised vs generic split", () => {
  it("is deterministic by customer and roughly half and half", () => {
    const arms = Array.from({ length: 4000 }, (_, i) => armFor("a.myshopify.com", "checkout", `c${i}`));
    expect(arms.every((a, i) => a === armFor("a.myshopify.com", "checkout", `c${i}`))).toBe(true);
    const generic = arms.filter((a) => a === "generic").length;
    expect(generic).toBeGreaterThan(1800);
    expect(generic).toBeLessThan(2200);
  });

  it("splits each flow independently", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `c${i}`);
    const same = ids.filter((c) => armFor("s", "checkout", c) === armFor("s", "winback", c)).length;
    expect(same).toBeGreaterThan(120);
    expect(same).toBeLessThan(280);
  });

  it("is off without the switch and the winner's once decided", () => {
    const base = { shop: "s", flowKey: "checkout", customerKey: "c1" };
    expect(armInForce({ ...base, enabled: false, winner: null })).toBeNull();
    expect(armInForce({ ...base, enabled: true, winner: null })).toBe(armFor("s", "checkout", "c1"));
    for (let i = 0; i < 50; i++)
      expect(armInForce({ ...base, customerKey: `c${i}`, enabled: true, winner: "generic" })).toBe("generic");
  });

  it("forces the default draft for the generic arm only", () => {
    expect(draftSegmentFor("generic", "vip")).toBeNull();
    expect(draftSegmentFor("personalised", "vip")).toBe("vip");
    expect(draftSegmentFor(null, "vip")).toBe("vip");
  });

  it("keys one live decision per test", () => {
    expect(activeKeyOf("s", "checkout", 0, "subject")).not.toBe(activeKeyOf("s", "checkout", 1, "subject"));
    expect(activeKeyOf("s", "checkout", null, "personalisation")).toBe("s|checkout|flow|personalisation");
  });
});
