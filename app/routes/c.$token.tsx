// Signed click redirect: records the click for attribution, then redirects to exactly the URL inside
// the signed token (UTM parameters included when the email was built). No open redirect.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { followClick } from "../delivery/clicks.server";
import { deliveryConfig } from "../delivery/config.server";

const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export async function loader({ params }: LoaderFunctionArgs) {
  const claim = await followClick(getDb(), deliveryConfig().signingSecret, params.token ?? "", now());
  if (!claim) throw new Response("This link is not valid.", { status: 400, headers: NO_STORE });
  return redirect(claim.url, { status: 302, headers: NO_STORE });
}
