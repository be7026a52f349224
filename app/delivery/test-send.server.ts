// Test send: the merchant mails an approved draft to their own address, filled with sample data.
// No Message row, no run, no discount code: links point at the shop and the unsubscribe preview.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.server";
import type { CopyContent } from "../domain/copy";
import type { DeliveryConfig } from "./config.server";
import { buildMergeValues } from "./content";
import { senderIdentity, unsubscribeHeaders, isPlausibleEmail } from "./headers";
import { appLink, productUrl, shopUrl } from "./links";
import { formatMoney } from "./merge";
import { renderEmail, safeImageUrl } from "./render";
import type { Transport } from "./transport.server";

export type TestSendResult = { ok: true; messageId: string } | { ok: false; reason: string };

export async function sendTestEmail(
  db: Db,
  shop: string,
  draftId: string,
  toAddress: string,
  deps: { transport: Transport; config: DeliveryConfig },
): Promise<TestSendResult> {
  if (!isPlausibleEmail(toAddress)) return { ok: false, reason: "enter a valid email address" };
  const draft = await db.draft.findFirst({
    where: { id: draftId, shop },
    select: { status: true, content: true, productShopifyId: true, stepKey: true },
  });
  if (!draft) return { ok: false, reason: "draft not found" };
  if (draft.status !== "approved") return { ok: false, reason: "only approved drafts can be test-sent" };
  const [settings, shopRow, product] = await Promise.all([
    db.shopSettings.findUnique({ where: { shop } }),
    db.shop.findUnique({ where: { shop }, select: { name: true, currency: true } }),
    draft.productShopifyId
      ? db.product.findUnique({
          where: { shop_shopifyId: { shop, shopifyId: draft.productShopifyId } },
          select: { title: true, handle: true, imageUrl: true, minPriceMinor: true },
        })
      : null,
  ]);
  const shopName = shopRow?.name || settings?.senderName || shop.replace(/\.myshopify\.com$/, "");
  const currency = shopRow?.currency ?? "USD";
  const sample = product ?? { title: "Sample product", handle: null, imageUrl: null, minPriceMinor: 4900 };
  const link = productUrl(shop, sample.handle);
  const values = buildMergeValues({
    firstName: "Alex",
    shopName,
    mainProduct: { title: sample.title, priceMinor: sample.minPriceMinor },
    items: [
      {
        title: sample.title,
        quantity: 1,
        priceMinor: sample.minPriceMinor,
        productId: null,
        variantTitle: null,
        imageUrl: sample.imageUrl,
      },
    ],
    currency,
    recoveryLink: shopUrl(shop),
    productLink: link,
    shopLink: shopUrl(shop),
    discount: { code: "TEST-CODE", percent: 10 },
    orderName: "#1001",
    firstProductTitle: sample.title,
  });
  const unsubscribeUrl = appLink(deps.config.appUrl, "/u/preview");
  let rendered: Awaited<ReturnType<typeof renderEmail>>;
  try {
    rendered = await renderEmail({
      copy: JSON.parse(draft.content) as CopyContent,
      variant: 0,
      values,
      brand: {
        shopName,
        logoUrl: settings?.logoUrl ?? null,
        brandColor: settings?.brandColor ?? "#1f5132",
        postalAddress: settings?.postalAddress ?? "",
        shopLink: shopUrl(shop),
      },
      products: [
        {
          title: sample.title,
          variantTitle: null,
          quantity: 1,
          price: formatMoney(sample.minPriceMinor, currency),
          imageUrl: safeImageUrl(sample.imageUrl),
          link,
        },
      ],
      ctaLink: link,
      unsubscribeUrl,
    });
  } catch (error) {
    return { ok: false, reason: `cannot render this draft: ${(error as Error).message}` };
  }
  const sender = senderIdentity({
    shop,
    senderName: settings?.senderName,
    shopName,
    replyTo: settings?.replyTo,
    mailFromDomain: deps.config.mailFromDomain,
  });
  const messageId = `<test.${randomUUID()}@${deps.config.mailFromDomain}>`;
  const outcome = await deps.transport.send({
    from: { name: sender.name, address: sender.address },
    to: toAddress.trim(),
    replyTo: sender.replyTo,
    subject: `[Test] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
    messageId,
    headers: { ...unsubscribeHeaders({ unsubscribeUrl }), "X-Tend-Test": "1" },
  });
  if (outcome.kind === "accepted") return { ok: true, messageId };
  return { ok: false, reason: `the mail server did not accept it: ${outcome.error}` };
}
