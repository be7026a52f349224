// The background tasks of Tend, registered in background-tasks.ts. Import order is start order.
import "./ingest/processor.server";
import "./shopify/reconcile.server"; // reconciliation + backfill ingestion runner
import "./delivery/background.server";
import "./scheduler/task.server";
import "./drafting/background.server"; // queued catalog drafting
