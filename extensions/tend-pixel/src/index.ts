// Tend's Web Pixel (strict sandbox). Sends product views, add-to-carts and checkout starts to the
// app's collector with the shop's signed token from the pixel settings. Only the ids Tend needs
// travel: Shopify's browser id (clientId), the customer id when logged in (a hint the collector
// checks against signed checkouts, never proof), product, variant, quantity and checkout token;
// no names or addresses.
import { register } from "@shopify/web-pixels-extension";

interface Settings {
  collectorUrl: string;
  shopDomain: string;
  shopToken: string;
}

interface TendEvent {
  id: string;
  name: "product_viewed" | "product_added_to_cart" | "checkout_started";
  timestamp: string;
  customerId: string | null;
  productId: string | null;
  variantId: string | null;
  checkoutToken: string | null;
  clientId: string | null;
  quantity: number | null;
}

register(({ analytics, init, settings }) => {
  const config = settings as Settings;
  if (!config.collectorUrl || !config.shopToken || !config.shopDomain) return;
  const customerId = init.data?.customer?.id ?? null;

  const send = (event: TendEvent) => {
    // keepalive lets the request finish when the shopper navigates away (sendBeacon is deprecated).
    fetch(config.collectorUrl, {
      method: "POST",
      keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ shop: config.shopDomain, token: config.shopToken, event }),
    }).catch(() => {
      // Analytics must never break the storefront; a lost event only means one less reminder.
    });
  };

  analytics.subscribe("product_viewed", (event) => {
    const variant = event.data?.productVariant;
    send({
      id: event.id,
      name: "product_viewed",
      timestamp: event.timestamp,
      customerId,
      productId: variant?.product?.id ?? null,
      variantId: variant?.id ?? null,
      checkoutToken: null,
      clientId: event.clientId ?? null,
      quantity: null,
    });
  });

  analytics.subscribe("product_added_to_cart", (event) => {
    const line = event.data?.cartLine;
    const merchandise = line?.merchandise;
    send({
      id: event.id,
      name: "product_added_to_cart",
      timestamp: event.timestamp,
      customerId,
      productId: merchandise?.product?.id ?? null,
      variantId: merchandise?.id ?? null,
      checkoutToken: null,
      clientId: event.clientId ?? null,
      quantity: line?.quantity ?? 1,
    });
  });

  analytics.subscribe("checkout_started", (event) => {
    const checkout = event.data?.checkout;
    const first = checkout?.lineItems?.[0]?.variant;
    send({
      id: event.id,
      name: "checkout_started",
      timestamp: event.timestamp,
      customerId,
      productId: first?.product?.id ?? null,
      variantId: first?.id ?? null,
      checkoutToken: checkout?.token ?? null,
      clientId: event.clientId ?? null,
      quantity: null,
    });
  });
});
