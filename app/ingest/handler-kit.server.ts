// What every topic handler shares: its context, the dead-letter error, and payload parsing.
import type { z } from "zod";
import { now } from "../clock.server";
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

/** zod parse that turns a validation failure into a PayloadError naming the fields. */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown, topic: string): z.output<T> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new PayloadError(`${topic} payload invalid: ${where}`);
  }
  return result.data;
}

/** Mapping can still refuse (e.g. a timestamp that is not one): that is a payload problem too. */
export function mapPayload<T>(topic: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new PayloadError(
      `${topic} payload invalid: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** When the change happened as far as Shopify says; the process clock otherwise. */
export function eventTime(ctx: HandlerContext): Date {
  return ctx.triggeredAt ?? now();
}
