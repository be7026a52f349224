// Outside Shopify admin: send shop-bearing requests into the app, otherwise say what Tend is.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
}

export default function Landing() {
  return (
    <main
      style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}
    >
      <h1>Tend</h1>
      <p>
        Lifecycle email for Shopify stores, written in your voice and approved by you. Install Tend from your
        Shopify admin.
      </p>
    </main>
  );
}
