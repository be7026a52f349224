// Public unsubscribe: GET shows a confirmation page (mail scanners prefetch links, so GET never acts);
// POST unsubscribes. The POST is RFC 8058 one-click (body "List-Unsubscribe=One-Click", urlencoded or
// multipart, no cookies, no session): the signed token in the URL is the only credential, which also
// makes it CSRF-safe.
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  data,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { deliveryConfig } from "../delivery/config.server";
import { readOneClickBody } from "../delivery/one-click-body.server";
import { checkUnsubscribeToken, unsubscribeWithToken } from "../delivery/unsubscribe.server";
import { unsubscribeDeps } from "../delivery/wiring.server";

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };
export const headers: HeadersFunction = () => HEADERS;

type PageState = "confirm" | "done" | "preview";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  // Test sends link here: the merchant sees the page without unsubscribing anyone.
  if (token === "preview") return data({ state: "preview" as PageState }, { headers: HEADERS });
  const check = await checkUnsubscribeToken(getDb(), deliveryConfig().signingSecret, token);
  if (!check) throw new Response("This unsubscribe link is not valid.", { status: 400, headers: HEADERS });
  return data({ state: (check.alreadyUnsubscribed ? "done" : "confirm") as PageState }, { headers: HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") throw new Response("Method not allowed", { status: 405, headers: HEADERS });
  const body = await readOneClickBody(request);
  if (!body.ok) throw new Response(body.reason, { status: 400, headers: HEADERS });
  const source = body.fromPage ? "link" : "one_click";
  const result = await unsubscribeWithToken(unsubscribeDeps(), params.token ?? "", source);
  if (!result.ok) throw new Response(result.reason, { status: result.httpStatus, headers: HEADERS });
  return data({ state: "done" as PageState, result: result.status }, { headers: HEADERS });
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted?.state ?? loaded.state;
  return (
    <main
      style={{
        maxWidth: 480,
        margin: "64px auto",
        fontFamily: "Helvetica, Arial, sans-serif",
        lineHeight: 1.5,
      }}
    >
      {state === "done" ? (
        <>
          <h1>You are unsubscribed</h1>
          <p>You will not receive marketing emails from this shop any more.</p>
        </>
      ) : state === "preview" ? (
        <>
          <h1>Unsubscribe page</h1>
          <p>This was a test email. In real emails this link unsubscribes the recipient in one click.</p>
        </>
      ) : (
        <>
          <h1>Unsubscribe?</h1>
          <p>Stop receiving marketing emails from this shop.</p>
          <Form method="post" reloadDocument>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="from" value="page" />
            <button type="submit">Unsubscribe</button>
          </Form>
        </>
      )}
    </main>
  );
}
