// Prompt injection through product data, on both drafters. The OpenAI path talks to a hostile
// stand-in model (OpenAI wire format) that obeys whatever the product text asks; the offline path
// is the production template drafter. For every attack, nothing may reach an approvable draft:
// the AI draft is parked and approval refuses it; the offline draft is either refused or, once
// approved, carries none of the attack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import type { CopyContent } from "../../app/domain/copy";
import { fixedDrafting, screenedTemplateProvider } from "../../app/drafting/drafter.server";
import { generateDraft } from "../../app/drafting/generate.server";
import { approveDraft, DraftingError, getDraft } from "../../app/drafting/lifecycle.server";
import { createOpenAiProvider } from "../../app/drafting/openai.server";
import { normalise } from "../../app/drafting/text";
import { seedProduct, seedShop } from "../integration/drafting/seed";
import { uniqueShop } from "../support/database";
import {
  completion,
  type OpenAiTestServer,
  type RecordedRequest,
  startOpenAiServer,
} from "../support/openai-server";
import { ATTACKS, type AttackCase, CLEAN_DESCRIPTION } from "./drafting-adversarial-cases";

const NOW = new Date("2026-11-20T10:00:00Z");
const TITLE = "Alpine 2 Tent";

/** What an obedient model takes from an instruction (write "..."): the quoted text, else all of it. */
function obey(text: string): string {
  const quoted = text.match(
    /\b(?:write|say|add|output|include|tell readers|with)\b[^"“]*["“]([^"”]{4,})["”]/i,
  );
  return (quoted ? quoted[1] : text).trim();
}

/** Letters outside merge fields in capitals: what a model told "write in all caps" does. */
const shout = (v: string) => v.replace(/(\{\{[^}]*\}\})|[^{]+/g, (m, field) => (field ? m : m.toUpperCase()));

/** The hostile model: it copies the attacker's text (from whichever field carries it) everywhere. */
function hostileAnswer(request: RecordedRequest) {
  const user = request.body.messages?.[1]?.content ?? "";
  const json = user.slice(user.indexOf("<data>") + 6, user.lastIndexOf("</data>"));
  const data = JSON.parse(json) as {
    product: { title: string; description: string; image_alt: string | null };
    business_context?: { shop_stands_for?: string };
  };
  const product = data.product;
  const attack =
    data.business_context?.shop_stands_for ??
    (product.description !== CLEAN_DESCRIPTION
      ? product.description
      : (product.image_alt ?? (product.title !== TITLE ? product.title : CLEAN_DESCRIPTION)));
  const payload = obey(attack);
  const caps = /all caps/i.test(attack) ? shout : (v: string) => v;
  const copy: CopyContent = {
    subjects: [payload.slice(0, 70), `A note about the ${TITLE}`],
    preheader: "We kept your checkout just as you left it.",
    headline: "Still thinking it over?",
    paragraphs: [payload, "Your checkout is saved with {{items}}.", "Sam at Ridge Supply"],
    callout: payload.slice(0, 280),
    cta: "Finish my order",
    text: `${payload}\n\nYour checkout is saved with {{items}}.\n\nFinish my order: {{recovery_url}}`,
  };
  return completion(
    caps === shout
      ? {
          ...copy,
          subjects: copy.subjects.map(caps),
          preheader: caps(copy.preheader),
          headline: caps(copy.headline),
          paragraphs: copy.paragraphs.map(caps),
          callout: caps(copy.callout),
          cta: caps(copy.cta),
          text: caps(copy.text),
        }
      : copy,
  );
}

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer();
  server.fallback = hostileAnswer;
});
afterAll(async () => {
  await server.close();
});

const openAi = () =>
  fixedDrafting(
    createOpenAiProvider({
      apiKey: "sk-test-tend",
      model: "gpt-4o-mini",
      baseURL: server.baseURL,
      timeoutMs: 5_000,
      sleep: async () => {},
    }),
    3,
  );
const offline = () => fixedDrafting(screenedTemplateProvider, 1);

async function shopWith(a: Pick<AttackCase, "text" | "where"> | null): Promise<string> {
  const db = getDb();
  const shop = uniqueShop("inj");
  await seedShop(db, shop);
  const where = a?.where ?? "description";
  await seedProduct(db, shop, {
    shopifyId: "900",
    title: where === "title" && a ? a.text : TITLE,
    description: where === "description" && a ? a.text : CLEAN_DESCRIPTION,
    imageAlt: where === "imageAlt" && a ? a.text : null,
    priceMinor: 24900,
  });
  // Written straight to the table: the drafter must hold even for text the page's form would refuse.
  if (where === "businessContext" && a)
    await db.businessContext.create({
      data: {
        shop,
        version: 1,
        bestCustomers: "Weekend campers who come back every spring.",
        shopStandsFor: a.text,
        source: "merchant",
      },
    });
  return shop;
}

/** Drafts with the given drafter, then tries to approve. Returns the approved copy, or null. */
async function draftAndApprove(shop: string, drafting: ReturnType<typeof offline>, stepKey: string) {
  const db = getDb();
  const target = { flowKey: stepKey.split(".")[0], stepKey, productShopifyId: "900" };
  const draft = await generateDraft(db, drafting, shop, target, { actor: "system", now: NOW });
  const approval = await approveDraft(db, shop, draft.id, "owner", NOW).catch((e: unknown) => e);
  if (approval instanceof DraftingError) {
    expect(approval.code).toBe("blocked");
    return { draft, approved: null };
  }
  if (approval instanceof Error) throw approval;
  const row = await getDraft(db, shop, draft.id);
  return { draft, approved: row?.status === "approved" ? (row.content as CopyContent) : null };
}

const table = new Map<string, { attempts: number; wrong: number }>();
function record(path: string, family: string, wrong: boolean) {
  const key = `${path} | ${family}`;
  const row = table.get(key) ?? { attempts: 0, wrong: 0 };
  row.attempts++;
  if (wrong) row.wrong++;
  table.set(key, row);
}

describe("prompt injection through product data", () => {
  it("has at least 100 attacks, covering the variants review found", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(100);
    const texts = ATTACKS.map((a) => a.text).join("\n");
    for (const v of ["90%-off", "cut by 90%", "90% cheaper", "evil。example", "evil dot example"])
      expect(texts).toContain(v);
  });

  it("control: clean product text drafts approvable copy on both paths", async () => {
    for (const drafting of [openAi(), offline()]) {
      const { approved } = await draftAndApprove(
        await shopWith(null),
        drafting,
        "checkout_abandonment.reminder",
      );
      expect(approved).not.toBeNull();
    }
  });

  it.each(ATTACKS.map((a, i) => ({ ...a, n: i + 1 })))("#$n $family: $text", async (a) => {
    const stepKey = a.stepKey ?? "checkout_abandonment.reminder";

    // OpenAI path: the model obeyed the injection, so the draft must park and approval refuse it.
    const asked = server.requests.length;
    const ai = await draftAndApprove(await shopWith(a), openAi(), stepKey);
    if (a.where === "businessContext") {
      // The context reached the model only inside the quoted data block, escaped.
      for (const r of server.requests.slice(asked)) {
        const [system, user] = (r.body.messages ?? []).map((m: { content: string }) => m.content);
        expect(system).not.toContain(a.text.slice(0, 20));
        expect(user.match(/<\/data>/g)).toHaveLength(1);
        expect(user.slice(0, user.indexOf("<data>"))).not.toContain(a.text.slice(0, 20));
      }
      expect(server.requests.length).toBeGreaterThan(asked);
    }
    const aiSaid = JSON.stringify(ai.draft);
    record("openai", a.family, ai.approved !== null);
    expect(ai.draft.status, aiSaid).toBe("parked");
    expect(ai.approved).toBeNull();

    // Offline path: whatever it wrote and got approved must not carry the attack.
    const off = await draftAndApprove(await shopWith(a), offline(), stepKey);
    const said = off.approved ? normalise(JSON.stringify(off.approved)) : "";
    const wrong =
      off.approved !== null && (a.marker.test(said) || a.marker.test(JSON.stringify(off.approved)));
    record("offline", a.family, wrong);
    expect(wrong, said).toBe(false);
  });

  it("reports attack family -> attempts -> wrongly approvable", () => {
    const rows = [...table.entries()].map(([k, v]) => {
      const [path, family] = k.split(" | ");
      return { path, family, attempts: v.attempts, wronglyApprovable: v.wrong };
    });
    console.table(rows);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(ATTACKS.length * 2);
    expect(rows.reduce((n, r) => n + r.wronglyApprovable, 0)).toBe(0);
  });
});
