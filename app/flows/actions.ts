// What the engine decides and the I/O layer carries out. Every action carries a human reason that
// ends up in the customer's why-log.
import type { FlowKey } from "./catalog";

export interface CustomerRef {
  customerShopifyId: string | null;
  email: string | null;
}

export interface RunItem {
  productShopifyId: string | null;
  variantShopifyId: string | null;
  title: string;
  variantTitle?: string | null;
  quantity: number;
  priceMinor: number;
}

/** Trigger data a run keeps for its steps and merge fields (FlowRun.context, JSON). */
export interface RunContext {
  trigger?: string;
  checkoutToken?: string;
  itemsKey?: string;
  items?: RunItem[];
  recoveryUrl?: string | null;
  currency?: string;
  totalMinor?: number;
  acceptsMarketing?: boolean;
  orderShopifyId?: string;
  orderName?: string | null;
  productShopifyIds?: string[];
  lastOrderAt?: string;
  lapseDays?: number;
}

/** Why-log kinds the flows module writes. */
export type WhyKind =
  | "enrolled"
  | "not_enrolled"
  | "restarted"
  | "exited"
  | "suppressed"
  | "deferred"
  | "capped"
  | "skipped"
  | "expired"
  | "holdout"
  | "completed"
  | "sent"
  | "failed"
  | "unknown"
  | "retry"
  | "parked";

export type TriggerAction =
  | {
      type: "enroll";
      flowKey: FlowKey;
      version: number;
      enrollKey: string;
      customer: CustomerRef;
      context: RunContext;
      holdout: boolean;
      startedAt: Date;
      firstDueAt: Date;
      reason: string;
    }
  | {
      /** Ends `runId` and enrolls a fresh run (new enrollKey): steps already sent keep their messages. */
      type: "restart";
      runId: string;
      flowKey: FlowKey;
      version: number;
      enrollKey: string;
      customer: CustomerRef;
      context: RunContext;
      holdout: boolean;
      startedAt: Date;
      firstDueAt: Date;
      reason: string;
    }
  | {
      type: "exit";
      runId: string;
      flowKey: FlowKey;
      customer: CustomerRef;
      reason: string;
      kind: "exited" | "suppressed";
    }
  | { type: "ignore"; flowKey: FlowKey; customer: CustomerRef; reason: string }
  | { type: "cancel_all"; reason: string };

/** What to do with a due step; for send and skip, nextStep() says what follows. */
export type StepDecision =
  | { type: "send"; productShopifyIds: string[]; discountPercent: number | null; reason: string }
  | { type: "defer"; until: Date; reason: string; kind: "deferred" | "capped" }
  | { type: "skip"; reason: string; kind: "skipped" | "holdout" | "expired" }
  | { type: "exit"; reason: string; kind: "exited" | "suppressed" }
  | { type: "drop"; reason: string }; // the run is no longer active: nothing to record

export type NextStep =
  | { type: "schedule"; stepIndex: number; dueAt: Date }
  | { type: "complete"; reason: string };
