// resolveCopy, the send-time contract: only approved copy, product first, then the shop's fallback.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { draftCatalog } from "../../../app/drafting/catalog.server";
import { resolveCopy } from "../../../app/drafting/copy.server";
import { fixedDrafting } from "../../../app/drafting/drafter.server";
import { approveDraft, listDrafts } from "../../../app/drafting/lifecycle.server";
import { templateProvider } from "../../../app/drafting/provider";
import type { CopyRequest } from "../../../app/domain/copy";
import { uniqueShop } from "../../support/database";
import { seedProduct, seedShop } from "./seed";

const DUE = new Date("2026-11-20T10:00:00Z");
const minutes = (n: number) => new Date(DUE.getTime() + n * 60_000);
let shop: string;

function req(stepKey: string, productShopifyId: string | null, now = DUE): CopyRequest {
  return { shop, flowKey: stepKey.split(".")[0], stepKey, productShopifyId, dueAt: DUE, now };
}

async function draftId(stepKey: string, productShopifyId: string | null): Promise<string> {
  const page = await listDrafts(getDb(), shop, { productShopifyId, pageSize: 100 });
  const d = page.items.find((x) => x.stepKey === stepKey);
  if (!d) throw new Error(`no draft for ${stepKey}`);
  return d.id;
}

async function settings(unapprovedFallback: "generic" | "hold", approvalGraceMinutes = 60) {
  await getDb().shopSettings.create({ data: { shop, unapprovedFallback, approvalGraceMinutes } });
}

beforeEach(async () => {
  shop = uniqueShop("copy");
  const db = getDb();
  await seedShop(db, shop, { flows: ["checkout_abandonment", "browse_abandonment"] });
  await seedProduct(db, shop, { shopifyId: "201", title: "Alpine 2 Tent", priceMinor: 24900 });
  await draftCatalog(db, shop, { productIds: ["201"], drafting: fixedDrafting(templateProvider), now: DUE });
});

describe("resolveCopy", () => {
  it("holds when nothing is approved, never returning pending copy", async () => {
    const r = await resolveCopy(getDb(), req("checkout_abandonment.reminder", "201"));
    expect(r).toMatchObject({ kind: "hold" });
    if (r.kind === "hold") expect(r.reason).toMatch(/no approved copy/);
  });

  it("returns the approved product draft first", async () => {
    const db = getDb();
    const id = await draftId("checkout_abandonment.reminder", "201");
    await approveDraft(db, shop, id, "owner", DUE);
    await approveDraft(db, shop, await draftId("checkout_abandonment.reminder", null), "owner", DUE);
    const r = await resolveCopy(db, req("checkout_abandonment.reminder", "201"));
    expect(r).toMatchObject({ kind: "copy", draftId: id, generic: false });
    if (r.kind === "copy") expect(r.content.callout).toContain("Alpine 2 Tent");
  });

  it("falls back to approved generic copy when the shop chose 'generic'", async () => {
    const db = getDb();
    const generic = await draftId("checkout_abandonment.reminder", null);
    await approveDraft(db, shop, generic, "owner", DUE);
    const r = await resolveCopy(db, req("checkout_abandonment.reminder", "201"));
    expect(r).toMatchObject({ kind: "copy", draftId: generic, generic: true });
  });

  it("holds under 'hold' until the grace period passes for a time-sensitive step, then uses generic", async () => {
    const db = getDb();
    await settings("hold", 60);
    const generic = await draftId("checkout_abandonment.reminder", null);
    await approveDraft(db, shop, generic, "owner", DUE);
    const early = await resolveCopy(db, req("checkout_abandonment.reminder", "201", minutes(59)));
    expect(early).toMatchObject({ kind: "hold" });
    const late = await resolveCopy(db, req("checkout_abandonment.reminder", "201", minutes(60)));
    expect(late).toMatchObject({ kind: "copy", draftId: generic, generic: true });
  });

  it("keeps holding a step that is not time-sensitive under 'hold'", async () => {
    const db = getDb();
    await settings("hold", 60);
    await approveDraft(db, shop, await draftId("browse_abandonment.reminder", null), "owner", DUE);
    const r = await resolveCopy(db, req("browse_abandonment.reminder", "201", minutes(24 * 60)));
    expect(r).toMatchObject({ kind: "hold" });
  });

  it("holds with a reason when even the grace fallback finds nothing approved", async () => {
    await settings("hold", 0);
    const r = await resolveCopy(getDb(), req("checkout_abandonment.reminder", "201", minutes(5)));
    expect(r.kind).toBe("hold");
    if (r.kind === "hold") expect(r.reason).toMatch(/no generic copy is approved/);
  });

  it("stops using product copy once it is stale, and never mixes shops", async () => {
    const db = getDb();
    const own = await draftId("checkout_abandonment.reminder", "201");
    await approveDraft(db, shop, own, "owner", DUE);
    await db.draft.update({ where: { id: own }, data: { status: "stale" } });
    expect(await resolveCopy(db, req("checkout_abandonment.reminder", "201"))).toMatchObject({
      kind: "hold",
    });
    const other = { ...req("checkout_abandonment.reminder", "201"), shop: uniqueShop("x") };
    expect(await resolveCopy(db, other)).toMatchObject({ kind: "hold" });
  });

  it("holds for a step the catalog does not know", async () => {
    const r = await resolveCopy(getDb(), {
      ...req("checkout_abandonment.reminder", null),
      stepKey: "checkout_abandonment.nope",
    });
    expect(r).toMatchObject({ kind: "hold" });
  });
});
