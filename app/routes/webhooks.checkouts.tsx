// Webhook deliveries for the checkouts topics (see shopify.app.toml); verified and recorded by ingest.
import { webhookAction } from "../ingest/webhook-route.server";

export const action = webhookAction;
