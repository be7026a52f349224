import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";

// Browser tab and home-screen icons (public/): the admin itself shows the app icon set in the Partner dashboard.
export const links = () => [
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
];

export default function App() {
  // The demo in a plain browser never loads App Bridge from Shopify's CDN: no connection to open.
  const demo = useRouteLoaderData<{ demo?: boolean }>("routes/app")?.demo === true;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        {demo ? null : <link rel="preconnect" href="https://cdn.shopify.com/" />}
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** The page for anything no route answers (404) or that fails: plain words, no developer hints. */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = status === 404 ? "This page does not exist." : "Something went wrong. Please try again.";
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{status === 404 ? "Not found" : "Error"} · Tend</title>
        <Meta />
        <Links />
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>{status === 404 ? "Page not found" : "Error"}</h1>
        <p>{message}</p>
        <Scripts />
      </body>
    </html>
  );
}
