// Inbound bounces and complaints from the email provider (or a relay translating its webhooks):
// provider-neutral JSON, or a DSN / ARF report mail as message/rfc822, signed with TEND_EMAIL_EVENTS_SECRET (README, "Bounces and complaints").
// No session: the signature is the only credential. Unsigned or forged requests get 401.
import { type ActionFunctionArgs, data } from "@remix-run/node";
import { getDb } from "../db.server";
import { handleEmailEvents } from "../delivery/email-events.server";
import { env } from "../env.server";
import { BodyTooLarge, readLimitedText } from "../http/body-limit.server";

const MAX_BODY = 1_000_000;

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") throw new Response("Method not allowed", { status: 405 });
  // Counted while it streams: a 20 MB body is cut off at the first megabyte, not buffered.
  const body = await readLimitedText(request, MAX_BODY).catch((error: unknown) => {
    if (error instanceof BodyTooLarge) throw new Response("Body too large", { status: 413 });
    throw error;
  });
  const result = await handleEmailEvents(
    getDb(),
    env().TEND_EMAIL_EVENTS_SECRET,
    {
      body,
      signature: request.headers.get("Tend-Signature"),
      contentType: request.headers.get("Content-Type"),
    },
    // Wall time, not the demo clock: the provider signs with its own real clock.
    new Date(),
  );
  if (!result.ok) throw new Response(result.reason, { status: result.httpStatus });
  return data({ results: result.results });
}
