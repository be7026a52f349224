import { describe, expect, it } from "vitest";
import { applyEdits, copyEditsSchema, toPlainText } from "../../../app/drafting/sanitize";
import { draftFromTemplate } from "../../../app/drafting/template-drafter";
import { input } from "./fixtures";

describe("edit sanitizing", () => {
  it.each([
    ["<b>Bold</b> move", "Bold move"],
    ["Hi<script>alert(1)</script> there", "Hi there"],
    ['<a href="https://evil.example">Shop</a>', "Shop"],
    ["Tom &amp; Jerry", "Tom & Jerry"],
    ["<p>One</p><p>Two</p>", "One\n\nTwo"],
    ['<img src=x onerror="alert(1)">Nice', "Nice"],
  ])("%s → %s", (html, text) => {
    expect(toPlainText(html).text).toBe(text);
  });

  it("applies only the fields edited and reports what changed and what was stripped", () => {
    const base = draftFromTemplate(input("checkout_abandonment.reminder"));
    const r = applyEdits(base, { headline: "<i>Your tent</i> is saved", cta: base.cta });
    expect(r.content.headline).toBe("Your tent is saved");
    expect(r.changedFields).toEqual(["headline"]);
    expect(r.stripped).toEqual(["headline"]);
    expect(r.content.paragraphs).toEqual(base.paragraphs);
  });

  it("refuses unknown fields and malformed arrays", () => {
    expect(copyEditsSchema.safeParse({ html: "<p>x</p>" }).success).toBe(false);
    expect(copyEditsSchema.safeParse({ subjects: ["only one"] }).success).toBe(false);
  });
});
