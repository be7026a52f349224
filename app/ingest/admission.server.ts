// Before a verified delivery is recorded: it must be for a shop Tend has installed (after an
// uninstall only the uninstall and compliance topics still come), and its body must not already be
// recorded for another shop (a captured delivery re-sent under someone else's domain). Deliveries
// arriving together are admitted together: two reads per batch, straight to the driver, so intake
// under a burst costs what the group-committed insert after it costs.
import type { Db } from "../db/client.server";
import { queryRows } from "../db/direct.server";
import type { Admission } from "./receive.server";
import { acceptedAfterUninstall } from "./topics";
import type { RawWebhook } from "./verify.server";

interface Known {
  /** Shop → uninstalled? (absent: not installed). */
  shops: Map<string, boolean>;
  /** Recorded deliveries that match any hook of the batch. */
  seen: Array<{
    shop: string;
    contentKey: string | null;
    webhookId: string;
    topic: string;
    eventId: string | null;
  }>;
}

async function lookUp(db: Db, hooks: RawWebhook[]): Promise<Known> {
  const shops = [...new Set(hooks.map((h) => h.shop))];
  const keys = [...new Set(hooks.flatMap((h) => [h.contentKey, ...h.shadowKeys]))];
  const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  const byId = hooks.map(() => `("shop" = ? AND "webhookId" = ?)`);
  const byEvent = hooks.filter((h) => h.eventId).map(() => `("shop" = ? AND "topic" = ? AND "eventId" = ?)`);
  const [shopRows, seenRows] = await Promise.all([
    queryRows(
      db,
      `SELECT "shop", "uninstalledAt" FROM "Shop" WHERE "shop" IN (${marks(shops.length)})`,
      shops,
    ),
    queryRows(
      db,
      `SELECT "shop", "contentKey", "webhookId", "topic", "eventId" FROM "WebhookEvent"
       WHERE "contentKey" IN (${marks(keys.length)}) OR ${[...byId, ...byEvent].join(" OR ")}`,
      [
        ...keys,
        ...hooks.flatMap((h) => [h.shop, h.webhookId]),
        ...hooks.filter((h) => h.eventId).flatMap((h) => [h.shop, h.topic, h.eventId]),
      ],
    ),
  ]);
  return {
    shops: new Map(shopRows.map((r) => [String(r.shop), r.uninstalledAt != null])),
    seen: seenRows.map((r) => ({
      shop: String(r.shop),
      contentKey: r.contentKey == null ? null : String(r.contentKey),
      webhookId: String(r.webhookId),
      topic: String(r.topic),
      eventId: r.eventId == null ? null : String(r.eventId),
    })),
  };
}

/** The rules, given what the store knows about the batch. */
export function decide(hook: RawWebhook, known: Known): Admission {
  const uninstalled = known.shops.get(hook.shop);
  const shop = uninstalled === undefined ? null : { uninstalledAt: uninstalled };
  const keys = new Set([hook.contentKey, ...hook.shadowKeys]);
  const seen =
    known.seen.find(
      (r) =>
        (r.contentKey !== null && keys.has(r.contentKey)) ||
        (r.shop === hook.shop && r.webhookId === hook.webhookId) ||
        (Boolean(hook.eventId) &&
          r.shop === hook.shop &&
          r.topic === hook.topic &&
          r.eventId === hook.eventId),
    ) ?? null;
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

/** Admits one delivery (a batch of one). */
export async function admitDelivery(db: Db, hook: RawWebhook): Promise<Admission> {
  return decide(hook, await lookUp(db, [hook]));
}

/** Admits deliveries arriving in the same turn of the event loop with one look-up. */
export function createAdmitter(db: () => Db, options: { maxBatch?: number } = {}) {
  const maxBatch = options.maxBatch ?? 100;
  let queue: Array<{ hook: RawWebhook; resolve(a: Admission): void; reject(e: unknown): void }> = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        const known = await lookUp(
          db(),
          batch.map((w) => w.hook),
        );
        for (const w of batch) w.resolve(decide(w.hook, known));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    scheduled = false;
  }

  return (hook: RawWebhook): Promise<Admission> =>
    new Promise((resolve, reject) => {
      queue.push({ hook, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
