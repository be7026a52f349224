// Topic → handler. Each handler parses its payload (zod), applies it to the store idempotently, then
// publishes the matching domain event. A PayloadError sends the delivery to the dead-letter table;
// any other error (a subscriber's included) is retried by the processor. Every handler first checks
// the body's documented shape and shop identity (identity.server.ts).
import type { Handler } from "./handler-kit.server";
import { commerceHandlers } from "./handlers-commerce.server";
import { shopHandlers } from "./handlers-shop.server";
import { checkDelivery } from "./identity.server";

export { type Handler, type HandlerContext, PayloadError } from "./handler-kit.server";

function guarded(handler: Handler): Handler {
  return async (ctx) => {
    await checkDelivery(ctx);
    await handler(ctx);
  };
}

export const handlers: Record<string, Handler> = Object.fromEntries(
  Object.entries({ ...commerceHandlers, ...shopHandlers }).map(([topic, h]) => [topic, guarded(h)]),
);
