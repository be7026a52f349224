// The collector as the app runs it: the process's database, the domain event bus, the signing
// secret shared with pixel activation, the process clock, and limits counted in the database so
// they hold across every web process.
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { publish } from "../domain/bus.server";
import { env } from "../env.server";
import { clientAddress } from "./client-address";
import { createCollector } from "./collector.server";
import { createSharedLimiter } from "./limits.server";

export function pixelSigningSecret(): string {
  const e = env();
  return e.TEND_SIGNING_SECRET ?? e.SHOPIFY_API_SECRET ?? "";
}

let collector: ReturnType<typeof createCollector> | undefined;

export function pixelCollector() {
  collector ??= createCollector({
    db: getDb(),
    secret: pixelSigningSecret(),
    publish,
    limiter: createSharedLimiter(getDb(), { now }),
    now,
    originPolicy: { allowLoopbackHttp: env().TEND_MODE === "demo" },
  });
  return collector;
}

/** The shopper's address: the socket peer, or X-Forwarded-For through `TRUST_PROXY` proxies. */
export function requestAddress(request: Request, socketAddress: string | undefined): string {
  return clientAddress(socketAddress ?? "", request.headers.get("x-forwarded-for"), env().TRUST_PROXY);
}
