// Merge values for runs the Web Pixel started. A pixel event carries ids only, while approved cart
// copy says {{items}} and links {{recovery_url}}: before a step of such a run is sent, its context
// gets the cart's lines (titles and prices from the store's Product rows, quantities from the
// pixel's add-to-cart events) and the shop's cart permalink (/cart/<variant>:<qty>,...), which
// rebuilds the cart in any browser. Runs that already carry items (checkout webhooks) are untouched.
import type { Db } from "../db/client.server";
import { sqlFragments } from "../db/sql.server";
import type { RunContext, RunItem } from "../flows/actions";
import { cartLines, cartPermalink, readVariants } from "./cart-lines";
import { asDate } from "./sql.server";

const DAY_MS = 24 * 60 * 60_000;
const PIXEL_FLOWS = new Set(["cart_abandonment"]);

export interface PixelRun {
  id: string;
  flowKey: string;
  startedAt: Date;
  customerShopifyId: string | null;
  context: RunContext;
}

/** Fills `items`, `recoveryUrl` and `productShopifyIds` of the shop's pixel cart runs in place. */
export async function fillPixelCartContext(db: Db, shop: string, runs: PixelRun[], now: Date): Promise<void> {
  const wanted = runs.filter(
    (r) =>
      PIXEL_FLOWS.has(r.flowKey) &&
      r.customerShopifyId &&
      !(r.context.items?.length && r.context.recoveryUrl),
  );
  if (wanted.length === 0) return;
  const Prisma = sqlFragments();
  const since = new Date(Math.min(...wanted.map((r) => r.startedAt.getTime())) - DAY_MS);
  const ids = [...new Set(wanted.map((r) => r.customerShopifyId as string))];
  const events = await db.$queryRaw<
    Array<{
      customerShopifyId: string;
      productShopifyId: string | null;
      variantShopifyId: string | null;
      quantity: number | null;
      occurredAt: unknown;
    }>
  >(Prisma.sql`
    SELECT "customerShopifyId", "productShopifyId", "variantShopifyId", "quantity", "occurredAt" FROM "PixelEvent"
    WHERE "shop" = ${shop} AND "name" = 'product_added_to_cart' AND "customerShopifyId" IN (${Prisma.join(ids)})
      AND "occurredAt" >= ${since} AND "occurredAt" <= ${now}
    ORDER BY "occurredAt", "createdAt", "id"`);
  const productIds = [
    ...new Set(events.map((e) => e.productShopifyId).filter((x): x is string => Boolean(x))),
  ];
  const products = productIds.length
    ? await db.product.findMany({
        where: { shop, shopifyId: { in: productIds }, deletedAt: null },
        select: { shopifyId: true, title: true, imageUrl: true, variants: true, minPriceMinor: true },
      })
    : [];
  const byId = new Map(products.map((p) => [p.shopifyId, p]));
  for (const run of wanted) {
    const start = run.startedAt.getTime() - DAY_MS;
    const mine = events.filter(
      (e) => e.customerShopifyId === run.customerShopifyId && (asDate(e.occurredAt)?.getTime() ?? 0) >= start,
    );
    // Only lines of products the store knows: a title and a price are what the copy shows.
    const lines = cartLines(mine).filter((l) => byId.has(l.productId));
    if (lines.length === 0) continue;
    const items = lines.map((l): RunItem & { productId: string; imageUrl: string | null } => {
      const product = byId.get(l.productId)!;
      const variant = readVariants(product.variants).find((v) => v.id === l.variantId);
      return {
        productShopifyId: l.productId,
        variantShopifyId: l.variantId,
        productId: l.productId,
        title: product.title,
        variantTitle: variant?.title && variant.title !== "Default Title" ? variant.title : null,
        quantity: l.quantity,
        priceMinor: variant?.priceMinor ?? product.minPriceMinor,
        imageUrl: product.imageUrl,
      };
    });
    run.context = {
      ...run.context,
      items,
      recoveryUrl: cartPermalink(shop, lines),
      productShopifyIds: [
        ...new Set([...(run.context.productShopifyIds ?? []), ...lines.map((l) => l.productId)]),
      ],
    };
  }
}
