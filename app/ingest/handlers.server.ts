// Topic → handler. Each handler parses its payload (zod) and applies it to the store, idempotently.
// A handler throwing PayloadError sends the delivery to the dead-letter table; any other error is
// retried by the processor.
import type { Db } from "../db/client.server";

export interface HandlerContext {
  db: Db;
  shop: string;
  topic: string;
  webhookId: string;
  triggeredAt: Date | null;
  payload: unknown;
}

export type Handler = (ctx: HandlerContext) => Promise<void>;

/** The payload is authentic but cannot be understood: keep it for inspection, do not retry. */
export class PayloadError extends Error {
  override name = "PayloadError";
}

async function appUninstalled({ db, shop }: HandlerContext): Promise<void> {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.updateMany({ where: { shop }, data: { uninstalledAt: new Date() } }),
  ]);
}

export const handlers: Record<string, Handler> = {
  "app/uninstalled": appUninstalled,
};
