// Before a verified delivery is recorded: it must be for a shop Tend has installed (after an
// uninstall only the uninstall and compliance topics still come), and its body must not already be
// recorded for another shop (a captured delivery re-sent under someone else's domain).
import type { Db } from "../db/client.server";
import type { Admission } from "./receive.server";
import { acceptedAfterUninstall } from "./topics";
import type { RawWebhook } from "./verify.server";

export async function admitDelivery(db: Db, hook: RawWebhook): Promise<Admission> {
  const [shop, seen] = await Promise.all([
    db.shop.findUnique({ where: { shop: hook.shop }, select: { uninstalledAt: true } }),
    db.webhookEvent.findFirst({
      where: {
        OR: [
          { contentKey: { in: [hook.contentKey, ...hook.shadowKeys] } },
          { shop: hook.shop, webhookId: hook.webhookId },
          ...(hook.eventId ? [{ shop: hook.shop, topic: hook.topic, eventId: hook.eventId }] : []),
        ],
      },
      select: { shop: true },
    }),
  ]);
  if (!shop) return { kind: "refuse", reason: "Shop is not installed" };
  if (shop.uninstalledAt && !acceptedAfterUninstall(hook.topic)) {
    return { kind: "refuse", reason: "Shop is uninstalled" };
  }
  // Shopify sends shop/redact only after an uninstall. For an installed shop it can only be an old
  // delivery replayed after a reinstall (its replay key went with the first redaction): refuse it.
  if (hook.topic === "shop/redact" && !shop.uninstalledAt) {
    return { kind: "refuse", reason: "shop/redact for a shop that is installed" };
  }
  if (seen && seen.shop !== hook.shop)
    return { kind: "refuse", reason: "Delivery replayed for another shop" };
  // A redelivery, the same event's topic again, or the same body under a sibling topic: nothing new.
  return seen ? { kind: "duplicate" } : { kind: "record" };
}
