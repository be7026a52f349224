// While Remix loads the next page (or submits a form), App Bridge shows Shopify admin's own
// loading bar, so the merchant sees progress the same way as everywhere else in the admin.
import { useNavigation } from "@remix-run/react";
import { useEffect } from "react";

export function NavigationLoading() {
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    const bridge = (window as { shopify?: typeof shopify }).shopify;
    bridge?.loading?.(busy);
  }, [busy]);
  return null;
}
