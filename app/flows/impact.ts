// Plain words for the admin before a merchant saves a flow edit: what changes, and what happens to
// customers already in the flow (they keep the version they started with). Pure.
import type { FlowDefinition } from "./catalog";
import { formatMinutes } from "./config";

export interface EditImpact {
  changes: string[];
  activeRuns: number;
  summary: string;
}

function stepName(key: string): string {
  return key.split(".")[1]?.replaceAll("_", " ") ?? key;
}

export function describeImpact(
  before: FlowDefinition,
  after: FlowDefinition,
  activeRuns: number,
): EditImpact {
  const changes: string[] = [];
  after.steps.forEach((step, i) => {
    const old = before.steps[i];
    if (!old) return;
    if (old.delayMinutes !== step.delayMinutes)
      changes.push(
        `"${stepName(step.key)}" waits ${formatMinutes(step.delayMinutes)} instead of ${formatMinutes(old.delayMinutes)}`,
      );
    if (old.discountPercent !== step.discountPercent)
      changes.push(
        `"${stepName(step.key)}" ${step.discountPercent ? `offers ${step.discountPercent}% off` : "offers no discount"} (was ${old.discountPercent ? `${old.discountPercent}%` : "none"})`,
      );
  });
  if (
    before.trigger.kind === "lapsed" &&
    after.trigger.kind === "lapsed" &&
    before.trigger.lapseDays !== after.trigger.lapseDays
  )
    changes.push(
      `customers count as lapsed after ${after.trigger.lapseDays} days without an order (was ${before.trigger.lapseDays})`,
    );
  if (
    before.trigger.kind === "pixel" &&
    after.trigger.kind === "pixel" &&
    before.trigger.oncePerDays !== after.trigger.oncePerDays
  )
    changes.push(
      `at most one follow-up per customer every ${after.trigger.oncePerDays} days (was ${before.trigger.oncePerDays})`,
    );
  if (before.cooldownDays !== after.cooldownDays)
    changes.push(
      `a customer can re-enter ${after.cooldownDays} days after leaving (was ${before.cooldownDays})`,
    );
  const who = activeRuns === 1 ? "1 customer is" : `${activeRuns} customers are`;
  const summary =
    changes.length === 0
      ? "Nothing changes."
      : activeRuns === 0
        ? "No one is in this flow right now; the new settings apply to everyone who enters from now on."
        : `${who} already in ${after.name}: they finish with the settings they started with. Customers who enter from now on get the new settings.`;
  return { changes, activeRuns, summary };
}
