// The approval lifecycle on a real database: drafting a catalog offline, listing, approving,
// editing (a new immutable version), rejecting with a reason that comes back calmer, bulk approve,
// stale marking on product_updated, and the audit trail with actors.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { publish } from "../../../app/domain/bus.server";
import "../../../app/drafting/subscribers.server";
import { draftCatalog } from "../../../app/drafting/catalog.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import {
  approveDraft,
  bulkApprove,
  DraftingError,
  editAndApproveDraft,
  getDraft,
  listDrafts,
  regenerateDraft,
  rejectDraft,
} from "../../../app/drafting/lifecycle.server";
import { templateProvider } from "../../../app/drafting/provider";
import { uniqueShop } from "../../support/database";
import { seedProduct, seedSales, seedShop } from "./seed";

const NOW = new Date("2026-11-20T10:00:00Z");
const drafting = fixedDrafting(templateProvider);
let shop: string;

beforeEach(async () => {
  shop = uniqueShop("draft");
  const db = getDb();
  await seedShop(db, shop, { flows: ["checkout_abandonment"] });
  await seedProduct(db, shop, { shopifyId: "101", title: "Alpine 2 Tent", priceMinor: 24900 });
  await seedProduct(db, shop, { shopifyId: "102", title: "Trail Mug", priceMinor: 1800 });
  await seedProduct(db, shop, { shopifyId: "103", title: "Camp Stove", priceMinor: 6500 });
  await seedSales(db, shop, { "102": 9, "101": 4 });
});

async function productDraft(stepKey: string, productShopifyId: string) {
  const page = await listDrafts(getDb(), shop, {
    flowKey: "checkout_abandonment",
    productShopifyId,
    pageSize: 50,
  });
  const d = page.items.find((x) => x.stepKey === stepKey);
  if (!d) throw new Error("draft missing");
  return d;
}

describe("drafting a catalog", () => {
  it("drafts every step of enabled flows for the best sellers plus a generic per step", async () => {
    const db = getDb();
    const r = await draftCatalog(db, shop, { limit: 2, drafting, now: NOW });
    expect(r.flows).toEqual(["checkout_abandonment"]);
    expect(r.created).toBe(3 * 3); // 3 steps × (2 products + generic)
    expect(r.pending).toBe(9);
    const page = await listDrafts(db, shop, { pageSize: 4 });
    expect(page.total).toBe(9);
    expect(page.items).toHaveLength(4);
    expect(page.pageCount).toBe(3);
    expect(page.counts.pending).toBe(9);
    const products = new Set(
      page.items
        .concat((await listDrafts(db, shop, { page: 2, pageSize: 4 })).items)
        .map((d) => d.productShopifyId),
    );
    expect(products.has("103")).toBe(false); // not a best seller within the limit
    const generic = await listDrafts(db, shop, { productShopifyId: null });
    expect(generic.total).toBe(3);
    const mug = await productDraft("checkout_abandonment.reminder", "102");
    expect(mug.author).toBe("template");
    expect(mug.promptVersion).toBe("template-v1");
    expect(JSON.stringify(mug.content)).toContain("Trail Mug");
    // Running again skips what already has live copy.
    const again = await draftCatalog(db, shop, { limit: 2, drafting, now: NOW });
    expect(again.created).toBe(0);
    expect(again.skipped).toBe(9);
  });
});

describe("approval", () => {
  beforeEach(async () => {
    await draftCatalog(getDb(), shop, { limit: 2, drafting, now: NOW });
  });

  it("approves a pending draft, records who and when, and audits it", async () => {
    const db = getDb();
    const d = await productDraft("checkout_abandonment.reminder", "101");
    await approveDraft(db, shop, d.id, "merchant@ridge.example", NOW);
    const after = await getDraft(db, shop, d.id);
    expect(after?.status).toBe("approved");
    expect(after?.approvedBy).toBe("merchant@ridge.example");
    expect(after?.approvedAt?.toISOString()).toBe(NOW.toISOString());
    expect(after?.audit.map((a) => [a.action, a.actor])).toContainEqual([
      "approved",
      "merchant@ridge.example",
    ]);
    await expect(approveDraft(db, shop, d.id, "x", NOW)).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("does not let another shop read or approve a draft", async () => {
    const d = await productDraft("checkout_abandonment.reminder", "101");
    await expect(approveDraft(getDb(), uniqueShop("other"), d.id, "x", NOW)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await getDraft(getDb(), uniqueShop("other"), d.id)).toBeNull();
  });

  it("edit-and-approve writes a new immutable version and strips markup", async () => {
    const db = getDb();
    const d = await productDraft("checkout_abandonment.reminder", "101");
    await approveDraft(db, shop, d.id, "owner", NOW);
    const edited = await editAndApproveDraft(
      db,
      shop,
      d.id,
      { headline: "<b>Your tent</b> is saved" },
      "owner",
      NOW,
    );
    expect(edited.id).not.toBe(d.id);
    const v2 = await getDraft(db, shop, edited.id);
    expect(v2?.status).toBe("approved");
    expect(v2?.previousId).toBe(d.id);
    expect(v2?.version).toBe(d.version + 1);
    expect(v2?.content?.headline).toBe("Your tent is saved");
    expect(v2?.findings.some((f) => f.rule === "formatting_removed")).toBe(true);
    const v1 = await getDraft(db, shop, d.id);
    expect(v1?.status).toBe("superseded");
    expect(v1?.content?.headline).toBe(d.content?.headline); // the approved version never changed
    expect(v2?.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["edited", "approved", "superseded"]),
    );
  });

  it("refuses edits that break a rule, and leaves the draft as it was", async () => {
    const db = getDb();
    const d = await productDraft("checkout_abandonment.reminder", "101");
    const attempt = editAndApproveDraft(db, shop, d.id, { cta: "Get 50% off at evil.example" }, "owner", NOW);
    await expect(attempt).rejects.toBeInstanceOf(DraftingError);
    const err = (await attempt.catch((e: unknown) => e)) as DraftingError;
    expect(err.code).toBe("blocked");
    expect(err.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["link", "discount_above_cap"]));
    expect((await getDraft(db, shop, d.id))?.status).toBe("pending");
  });

  it("a 'too pushy' rejection comes back calmer, linked to the rejected draft", async () => {
    const db = getDb();
    const d = await productDraft("checkout_abandonment.last_call", "101");
    expect(d.content?.subjects.join(" ")).toMatch(/last call|closes soon|goes back/i);
    const r = await rejectDraft(db, shop, d.id, "too pushy", "owner", NOW, { drafting });
    expect(r.replacement?.status).toBe("pending");
    const next = await getDraft(db, shop, r.replacement!.id);
    expect(next?.previousId).toBe(d.id);
    expect(next?.content?.subjects.join(" ")).not.toMatch(/last call|closes soon|goes back/i);
    expect(next?.content?.cta).not.toBe(d.content?.cta);
    const old = await getDraft(db, shop, d.id);
    expect(old?.status).toBe("rejected");
    expect(old?.rejectionReason).toBe("too pushy");
    expect(old?.audit.find((a) => a.action === "rejected")).toMatchObject({
      actor: "owner",
      reason: "too pushy",
    });
    // Regenerating later still honours the merchant's last word.
    const again = await regenerateDraft(db, shop, r.replacement!.id, "owner", NOW, { drafting });
    expect((await getDraft(db, shop, again.id))?.content?.subjects).toEqual(next?.content?.subjects);
    expect((await getDraft(db, shop, r.replacement!.id))?.status).toBe("superseded");
  });

  it("needs a reason to reject", async () => {
    const d = await productDraft("checkout_abandonment.reminder", "101");
    await expect(rejectDraft(getDb(), shop, d.id, "  ", "owner", NOW, { drafting })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("bulk-approves the clean drafts and reports the ones it refused", async () => {
    const db = getDb();
    const page = await listDrafts(db, shop, { status: "pending", pageSize: 50 });
    const bad = page.items[0];
    // A draft whose stored copy breaks a rule (as if an older, looser check had let it through).
    const content = { ...bad.content!, cta: "Visit cheap-deals.example now" };
    await db.draft.update({ where: { id: bad.id }, data: { content: JSON.stringify(content) } });
    const r = await bulkApprove(
      db,
      shop,
      page.items.map((d) => d.id),
      "owner",
      NOW,
    );
    expect(r.approved).toHaveLength(page.items.length - 1);
    expect(r.refused).toEqual([expect.objectContaining({ id: bad.id })]);
    expect(r.refused[0].findings.map((f) => f.rule)).toContain("link");
    const counts = (await listDrafts(db, shop)).counts;
    expect(counts.approved).toBe(page.items.length - 1);
    expect(counts.pending).toBe(1);
  });
});

describe("product updates", () => {
  it("marks the product's drafts stale when its content hash changes, and only then", async () => {
    const db = getDb();
    await draftCatalog(db, shop, { limit: 2, drafting, now: NOW });
    const d = await productDraft("checkout_abandonment.reminder", "101");
    await approveDraft(db, shop, d.id, "owner", NOW);

    await publish(db, { type: "product_updated", shop, productShopifyId: "101", at: NOW });
    expect((await listDrafts(db, shop, { stale: true })).total).toBe(0); // same hash: nothing changed

    await db.product.update({
      where: { shop_shopifyId: { shop, shopifyId: "101" } },
      data: {
        contentHash: "h-101-2",
        variants: JSON.stringify([{ title: "Default Title", priceMinor: 19900 }]),
        minPriceMinor: 19900,
      },
    });
    await publish(db, { type: "product_updated", shop, productShopifyId: "101", at: NOW });
    const stale = await listDrafts(db, shop, { stale: true });
    expect(stale.total).toBe(3);
    expect(stale.items.every((x) => x.productShopifyId === "101")).toBe(true);
    expect((await listDrafts(db, shop, { productShopifyId: "102", stale: true })).total).toBe(0);
    const audit = await getDraft(db, shop, d.id);
    expect(audit?.audit.find((a) => a.action === "stale")).toMatchObject({
      actor: "system",
      reason: "product changed since drafting",
    });
  });
});
