// Turns one claimed message into the email to hand over: tracked links, merge values, rendering and
// the envelope (sender, Message-ID, one-click unsubscribe headers). No I/O.
import type { CopyContent } from "../domain/copy";
import type { StepSendRequest } from "../domain/delivery";
import type { DeliveryConfig } from "./config.server";
import { buildMergeValues } from "./content";
import { marketingHeaders, senderIdentity } from "./headers";
import { appLink, isSafeHttpUrl, type LinkContext, productUrl, shopUrl, trackedLink } from "./links";
import { formatMoney } from "./merge";
import { type EmailProduct, type RenderedEmail, renderEmail, safeImageUrl } from "./render";
import type { SendFacts } from "./send-facts.server";
import { signUnsubscribeToken } from "./tokens";
import type { OutgoingEmail } from "./transport.server";

export interface ComposeInput {
  req: StepSendRequest;
  facts: SendFacts;
  copy: CopyContent;
  variant: number;
  messageRowId: string;
  messageIdHeader: string;
  discount: { code: string; percent: number } | null;
  config: DeliveryConfig;
}

export function unsubscribeUrl(
  config: DeliveryConfig,
  shop: string,
  email: string,
  messageId: string,
): string {
  return appLink(
    config.appUrl,
    `/u/${signUnsubscribeToken(config.signingSecret, { shop, email, messageId })}`,
  );
}

export async function buildOutgoing(
  input: ComposeInput,
): Promise<{ email: OutgoingEmail; rendered: RenderedEmail }> {
  const { req, facts, config } = input;
  const links: LinkContext = {
    appUrl: config.appUrl,
    secret: config.signingSecret,
    shop: req.shop,
    messageId: input.messageRowId,
    flowKey: req.flowKey,
    stepKey: req.stepKey,
  };
  const shopLink = trackedLink(links, shopUrl(req.shop));
  const mainId = req.productShopifyIds[0] ?? facts.items.find((i) => i.productId)?.productId ?? null;
  const main = mainId ? facts.products.get(mainId) : undefined;
  const mainItem = facts.items[0];
  const productLink = main ? trackedLink(links, productUrl(req.shop, main.handle)) : null;
  const recoveryLink =
    facts.recoveryUrl && isSafeHttpUrl(facts.recoveryUrl) ? trackedLink(links, facts.recoveryUrl) : null;

  const products: EmailProduct[] = facts.items.length
    ? facts.items.map((item) => {
        const product = item.productId ? facts.products.get(item.productId) : undefined;
        return {
          title: item.title,
          variantTitle: item.variantTitle ?? null,
          quantity: item.quantity,
          price: formatMoney(item.priceMinor, facts.currency),
          imageUrl: safeImageUrl(item.imageUrl ?? product?.imageUrl),
          link: recoveryLink ?? trackedLink(links, productUrl(req.shop, product?.handle)),
        };
      })
    : req.productShopifyIds.flatMap((id) => {
        const product = facts.products.get(id);
        if (!product) return [];
        return [
          {
            title: product.title,
            variantTitle: null,
            quantity: 1,
            price: formatMoney(product.minPriceMinor, facts.currency),
            imageUrl: safeImageUrl(product.imageUrl),
            link: trackedLink(links, productUrl(req.shop, product.handle)),
          },
        ];
      });

  const values = buildMergeValues({
    firstName: facts.customer?.firstName ?? null,
    shopName: facts.shopName,
    mainProduct: main
      ? {
          title: main.title,
          priceMinor: mainItem?.productId === mainId ? mainItem.priceMinor : main.minPriceMinor,
        }
      : mainItem
        ? { title: mainItem.title, priceMinor: mainItem.priceMinor }
        : null,
    items: facts.items,
    currency: facts.currency,
    recoveryLink,
    productLink,
    shopLink,
    discount: input.discount,
    orderName: facts.context.orderName ?? null,
    firstProductTitle: facts.context.firstProductTitle ?? null,
  });

  const unsubscribe = unsubscribeUrl(config, req.shop, req.email, input.messageRowId);
  const rendered = await renderEmail({
    copy: input.copy,
    variant: input.variant,
    values,
    brand: {
      shopName: facts.shopName,
      logoUrl: facts.settings.logoUrl,
      brandColor: facts.settings.brandColor,
      postalAddress: facts.settings.postalAddress ?? "",
      shopLink,
    },
    products,
    ctaLink: recoveryLink ?? productLink ?? shopLink,
    unsubscribeUrl: unsubscribe,
  });

  const sender = senderIdentity({
    shop: req.shop,
    senderName: facts.settings.senderName,
    shopName: facts.shopName,
    replyTo: facts.settings.replyTo,
    mailFromDomain: config.mailFromDomain,
  });
  const email: OutgoingEmail = {
    from: { name: sender.name, address: sender.address },
    to: req.email,
    replyTo: sender.replyTo,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId: input.messageIdHeader,
    headers: marketingHeaders({
      shop: req.shop,
      runId: req.runId,
      stepIndex: req.stepIndex,
      unsubscribeUrl: unsubscribe,
      flowKey: req.flowKey,
    }),
  };
  return { email, rendered };
}
