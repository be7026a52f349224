// The welcome and check-in steps tell the writer who the reader is (owns nothing yet / owns the
// product); the other steps' prompts are unchanged by it.
import { describe, expect, it } from "vitest";
import { buildPrompt } from "../../../app/drafting/prompt";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { input } from "./fixtures";

const task = (stepKey: string) => buildPrompt(input(stepKey)).messages[1].content;

describe("step guidance in the prompt", () => {
  it("a welcome email is written for someone who has never ordered", () => {
    const t = task("welcome.hello");
    expect(t).toContain("Email type: welcome");
    expect(t).toMatch(/never ordered/);
    // The guidance sits in the task, outside the quoted data block.
    expect(t.indexOf("Email type: welcome")).toBeLessThan(t.indexOf("<data>"));
  });

  it("the post-purchase check-in asks how it is going with the product bought", () => {
    const t = task("post_purchase.check_in");
    expect(t).toContain("Email type: check-in");
    expect(t).toMatch(/bought this product about two weeks ago/);
    expect(JSON.parse(t.slice(t.indexOf("<data>") + 6, t.indexOf("</data>"))).product.title).toBe(
      "Alpine 2 Tent",
    );
  });

  it("other steps get no extra line", () => {
    expect(task("post_purchase.tips")).not.toContain("Email type:");
    expect(task("checkout_abandonment.reminder")).not.toContain("Email type:");
  });
});

describe("offline drafts for the new steps", () => {
  it("welcome copy never thanks the reader for an order; the check-in names the product bought", () => {
    for (const key of ["welcome.hello", "welcome.best_sellers", "welcome.first_order"]) {
      const copy = JSON.stringify(draftFromTemplate(input(key)));
      expect(copy, key).not.toMatch(/your order|thank you for your order|order_name/i);
      expect(copy, key).toContain("Alpine 2 Tent");
    }
    const checkIn = draftFromTemplate(input("post_purchase.check_in"));
    expect(checkIn.subjects.join(" ")).toMatch(/Alpine 2 Tent/);
    expect(checkIn.headline).toBe("How's it going?");
  });
});
