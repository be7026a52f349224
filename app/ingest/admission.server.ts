// Before a verified delivery is recorded: it must be for a shop Tend has installed (after an
// uninstall only the uninstall and compliance topics still come), and its body must not already be
// recorded for another shop (a captured delivery re-sent under someone else's domain).
import type { Db } from "../db/client.server";
import { queryRows } from "../db/direct.server";
import type { Admission } from "./receive.server";
import { acceptedAfterUninstall } from "./topics";
import type { RawWebhook } from "./verify.server";

export async function admitDelivery(db: Db, hook: RawWebhook): Promise<Admission> {
  // One round trip straight to the driver: this runs for every delivery, before the 200.
  const keys = [hook.contentKey, ...hook.shadowKeys];
  const eventClause = hook.eventId ? ` OR ("shop" = ? AND "topic" = ? AND "eventId" = ?)` : "";
  const [row] = await queryRows(
    db,
    `SELECT (SELECT COUNT(*) FROM "Shop" WHERE "shop" = ?) AS "installed",
       (SELECT COUNT(*) FROM "Shop" WHERE "shop" = ? AND "uninstalledAt" IS NOT NULL) AS "uninstalled",
       (SELECT "shop" FROM "WebhookEvent" WHERE "contentKey" IN (${keys.map(() => "?").join(", ")})
          OR ("shop" = ? AND "webhookId" = ?)${eventClause} LIMIT 1) AS "seenBy"`,
    [
      hook.shop,
      hook.shop,
      ...keys,
      hook.shop,
      hook.webhookId,
      ...(hook.eventId ? [hook.shop, hook.topic, hook.eventId] : []),
    ],
  );
  const shop = Number(row?.installed ?? 0) > 0 ? { uninstalledAt: Number(row?.uninstalled ?? 0) > 0 } : null;
  const seen = row?.seenBy == null ? null : { shop: String(row.seenBy) };
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
