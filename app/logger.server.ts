// Structured logs (pino). Every line about a shop or a request carries `shop` / `requestId`.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { app: "tend" },
  redact: { paths: ["email", "*.email", "accessToken", "*.accessToken"], censor: "[redacted]" },
});

export function shopLogger(shop: string, extra: Record<string, unknown> = {}) {
  return logger.child({ shop, ...extra });
}

/** The logger for one HTTP request: the express server puts `requestId` in the load context. */
export function requestLogger(context: unknown, shop?: string) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId;
  return logger.child({ requestId, ...(shop ? { shop } : {}) });
}
