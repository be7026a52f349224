// DEMO SEED DATA. When the demo's past checkout-abandonment emails went out: each step at its
// planned time, moved out of quiet hours, held back by the frequency cap and skipped once expired,
// with the same pure policy functions the flows engine applies at send time. Pure.
import type { FlowDefinition } from "../flows/catalog";
import { stepOffsets } from "../flows/config";
import { frequencyCap, isExpired, outsideQuietHours, type QuietHours } from "../flows/policies";

const MINUTE_MS = 60_000;

export interface SendPolicy {
  quiet: QuietHours;
  capCount: number;
  capDays: number;
}

export interface PlannedSend {
  stepIndex: number;
  plannedAt: Date;
  at: Date;
}

/** Sends of one treated run, oldest first; a step whose slot came too late is left out (expired). */
export function scheduleSends(
  definition: FlowDefinition,
  startedAt: Date,
  policy: SendPolicy,
): PlannedSend[] {
  const offsets = stepOffsets(definition);
  const sent: PlannedSend[] = [];
  for (const [stepIndex, step] of definition.steps.entries()) {
    const plannedAt = new Date(startedAt.getTime() + offsets[stepIndex] * MINUTE_MS);
    let at = outsideQuietHours(plannedAt, policy.quiet);
    const cap = frequencyCap({
      now: at,
      flowKey: definition.key,
      capCount: policy.capCount,
      capDays: policy.capDays,
      recentSends: sent.map((s) => ({ flowKey: definition.key, sentAt: s.at })),
      pendingOthers: [],
    });
    if (cap) at = outsideQuietHours(cap.until, policy.quiet);
    if (isExpired(at, plannedAt, step.expiresAfterMinutes)) continue;
    sent.push({ stepIndex, plannedAt, at });
  }
  return sent;
}
