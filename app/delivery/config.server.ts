// Delivery's view of the environment: where public links point, which secret signs them, which
// domain sends. Read once from the validated env (app/env.server.ts), injectable for tests.
import { env } from "../env.server";

export interface DeliveryConfig {
  appUrl: string;
  signingSecret: string;
  mailFromDomain: string;
}

export function deliveryConfig(): DeliveryConfig {
  const e = env();
  const signingSecret = e.TEND_SIGNING_SECRET ?? e.SHOPIFY_API_SECRET;
  if (!signingSecret)
    throw new Error("TEND_SIGNING_SECRET or SHOPIFY_API_SECRET is needed to sign email links");
  return {
    appUrl: e.SHOPIFY_APP_URL ?? `http://${e.HOST}:${e.PORT}`,
    signingSecret,
    mailFromDomain: e.MAIL_FROM_DOMAIN,
  };
}
