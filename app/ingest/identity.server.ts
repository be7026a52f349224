// Before any handler runs: the body must have its topic's documented shape (shapes.ts), and every
// shop identity it carries must be the shop the delivery claims (the header, which the HMAC does
// not cover). Destructive topics must also name the Shopify shop id Tend stored at install.
import { type HandlerContext, PayloadError, parsePayload } from "./handler-kit.server";
import { SHOP_BODY_TOPICS, topicShapes } from "./shapes";
import { DESTRUCTIVE_TOPICS } from "./topics";

interface BodyIdentity {
  domains: string[];
  shopId: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

/** Shop ids arrive as numbers, exact digits or gids ("gid://shopify/Shop/1"). */
function numericId(value: unknown): string | null {
  const raw = text(value);
  return raw === null ? null : (raw.split("/").pop() ?? null);
}

/** The identities a body names: shop_domain, domain, myshopify_domain and shop_id (or a shop's id). */
export function bodyIdentity(topic: string, body: Record<string, unknown>): BodyIdentity {
  const domains = ["shop_domain", "myshopify_domain"]
    .map((k) => text(body[k])?.toLowerCase())
    .filter((d): d is string => Boolean(d));
  return {
    domains,
    shopId: numericId(SHOP_BODY_TOPICS.has(topic) ? body.id : body.shop_id),
  };
}

export async function checkDelivery(ctx: HandlerContext): Promise<void> {
  const shape = topicShapes[ctx.topic];
  if (!shape) throw new PayloadError(`${ctx.topic}: no documented shape`);
  const body = parsePayload(shape, ctx.payload, ctx.topic) as Record<string, unknown>;
  const identity = bodyIdentity(ctx.topic, body);
  const foreign = identity.domains.find((d) => d !== ctx.shop);
  if (foreign) throw new PayloadError(`${ctx.topic} names shop ${foreign}, delivered for ${ctx.shop}`);
  const destructive = DESTRUCTIVE_TOPICS.has(ctx.topic);
  const primary = text(body.domain)?.toLowerCase() ?? null;
  if (!identity.shopId && !primary && !destructive) return;
  const stored = await ctx.db.shop.findUnique({
    where: { shop: ctx.shop },
    select: { shopifyShopId: true, primaryDomain: true },
  });
  const known = stored?.shopifyShopId ?? null;
  // A storefront domain must be the shop's own: its myshopify name, the primary domain on file, or
  // (no primary domain on file yet) any domain of a body whose shop id is the stored one.
  const onFile = stored?.primaryDomain?.toLowerCase() ?? null;
  const vouched = onFile === null && known !== null && identity.shopId === known;
  if (primary && primary !== ctx.shop && primary !== onFile && !vouched) {
    throw new PayloadError(`${ctx.topic} names domain ${primary}, delivered for ${ctx.shop}`);
  }
  if (destructive && (!known || identity.shopId !== known)) {
    throw new PayloadError(`${ctx.topic} shop_id does not match the shop Tend installed`);
  }
  if (known && identity.shopId && identity.shopId !== known) {
    throw new PayloadError(`${ctx.topic} shop_id ${identity.shopId} is not ${ctx.shop}'s`);
  }
}
