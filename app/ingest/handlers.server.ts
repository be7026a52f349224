// Topic → handler. Each handler parses its payload (zod), applies it to the store idempotently, then
// publishes the matching domain event. A PayloadError sends the delivery to the dead-letter table;
// any other error (a subscriber's included) is retried by the processor.
import type { Handler } from "./handler-kit.server";
import { commerceHandlers } from "./handlers-commerce.server";
import { shopHandlers } from "./handlers-shop.server";

export { type Handler, type HandlerContext, PayloadError } from "./handler-kit.server";

export const handlers: Record<string, Handler> = {
  ...commerceHandlers,
  ...shopHandlers,
};
