// The embedded admin's frame: App Bridge provider, navigation menu, Polaris styles, error boundary.
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { requireAdmin } from "../admin.server";
import { AdminErrorBanner } from "../components/AdminErrorBanner";
import appBridgeStandIn from "../components/app-bridge-standin.js?url";
import { NavigationLoading } from "../components/NavigationLoading";
import { env } from "../env.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  return { apiKey: env().SHOPIFY_API_KEY ?? "", shop: admin.shop, demo: admin.demo };
}

// Outside Shopify admin (the local demo) App Bridge never loads, so <ui-nav-menu> stays an unknown
// element and its links would run together: give them a plain top bar instead.
const DEMO_NAV_STYLE = `ui-nav-menu:not(:defined){display:flex;flex-wrap:wrap;gap:4px 20px;padding:10px 20px;background:#fff;border-bottom:1px solid #e3e3e3;font:500 14px/20px system-ui,sans-serif}ui-nav-menu:not(:defined) a{color:#303030;text-decoration:none}ui-nav-menu:not(:defined) a:hover{text-decoration:underline}`;

// In live mode AppProvider puts App Bridge's script in the page, as Shopify requires. In demo mode
// (a plain browser, perhaps offline) that script is left out and a local stand-in for the parts
// the pages use loads instead, before their markup so its elements exist when React hydrates.
export default function App() {
  const { apiKey, shop, demo } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp={!demo} apiKey={apiKey}>
      {demo ? <script src={appBridgeStandIn} data-api-key={apiKey} data-shop={shop} /> : null}
      <NavMenu>
        <Link to="/app" rel="home">
          Dashboard
        </Link>
        <Link to="/app/drafts">Approvals</Link>
        <Link to="/app/voice">Brand voice</Link>
        <Link to="/app/context">Business context</Link>
        <Link to="/app/activity">Activity</Link>
        <Link to="/app/segments">Segments</Link>
        <Link to="/app/reports">Reports</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/privacy">Privacy</Link>
        {demo ? <Link to="/app/outbox">Outbox</Link> : null}
        {demo ? <Link to="/app/demo">Demo clock</Link> : null}
      </NavMenu>
      {demo ? <style>{DEMO_NAV_STYLE}</style> : null}
      <NavigationLoading />
      <Outlet />
    </AppProvider>
  );
}

// Shopify's boundary handles the auth redirects it throws; anything else gets a Polaris banner.
export function ErrorBoundary() {
  const error = useRouteError();
  if (
    error instanceof Response ||
    (error && typeof error === "object" && "headers" in error && !("message" in error))
  ) {
    return boundary.error(error);
  }
  return <AdminErrorBanner error={error} />;
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
