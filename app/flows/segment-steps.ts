// Steps a merchant marked "write per segment": for each marked step, the segments that get their
// own copy. Stored as JSON on FlowSetting.segmentSteps; a step not listed gets one draft for
// everyone. Pure: parsing, validation and the lookup the send path and the drafter share.
import { z } from "zod";
import { SEGMENT_KEYS, type SegmentKey } from "../domain/segments";
import { FLOW_CATALOG, type FlowKey } from "./catalog";

export type SegmentSteps = Partial<Record<string, SegmentKey[]>>;

const segmentKeySchema = z.enum(SEGMENT_KEYS as [SegmentKey, ...SegmentKey[]]);

export const segmentStepsSchema = z.record(
  z.string().max(64),
  z.array(segmentKeySchema).max(SEGMENT_KEYS.length),
);

/** Canonical form: segments in vocabulary order, no duplicates, steps without segments dropped. */
export function normaliseSegmentSteps(steps: SegmentSteps): SegmentSteps {
  const out: SegmentSteps = {};
  for (const [stepKey, segments] of Object.entries(steps)) {
    const chosen = SEGMENT_KEYS.filter((k) => segments?.includes(k));
    if (chosen.length) out[stepKey] = chosen;
  }
  return out;
}

/** Reads the stored column; anything unreadable means "no step marked" (one draft for everyone). */
export function parseSegmentSteps(json: string | null | undefined): SegmentSteps {
  if (!json) return {};
  try {
    const parsed = segmentStepsSchema.safeParse(JSON.parse(json));
    return parsed.success ? normaliseSegmentSteps(parsed.data) : {};
  } catch {
    return {};
  }
}

export type SegmentStepsValidation =
  | { ok: true; steps: SegmentSteps }
  | { ok: false; fieldErrors: Record<string, string> };

/** Checks a merchant's marking against the flow: known steps, known segments. */
export function validateSegmentSteps(flowKey: FlowKey, input: unknown): SegmentStepsValidation {
  const parsed = segmentStepsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues)
      fieldErrors[`segments.${String(issue.path[0] ?? "")}`] ??= "Choose segments from the list";
    return { ok: false, fieldErrors };
  }
  const stepKeys = new Set(FLOW_CATALOG[flowKey].steps.map((s) => s.key));
  const fieldErrors: Record<string, string> = {};
  for (const stepKey of Object.keys(parsed.data))
    if (!stepKeys.has(stepKey))
      fieldErrors[`segments.${stepKey}`] = `${FLOW_CATALOG[flowKey].name} has no step called ${stepKey}`;
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, steps: normaliseSegmentSteps(parsed.data) };
}

/** The segments a step writes for (empty: the step has one draft for everyone). */
export function segmentsForStep(steps: SegmentSteps, stepKey: string): SegmentKey[] {
  return steps[stepKey] ?? [];
}

/**
 * The copy segment a customer's message uses: their own segment when the step is marked for it,
 * else null (the default copy for everyone).
 */
export function copySegmentFor(
  steps: SegmentSteps,
  stepKey: string,
  customerSegment: string | null | undefined,
): SegmentKey | null {
  if (!customerSegment) return null;
  return segmentsForStep(steps, stepKey).find((k) => k === customerSegment) ?? null;
}
