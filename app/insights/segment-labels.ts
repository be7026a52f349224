// How the reports name a segment: the admin's own label and definition (app/domain/segments.ts), so
// a report row reads exactly like the segment the merchant sees defined. Pure.
import { type SegmentDefinition, segmentDefinitions, segmentLabel } from "../domain/segments";
import type { Segment } from "./metrics";

export interface SegmentName {
  label: string;
  /** Shown as the label's tooltip and in the table's legend. */
  definition: string;
}

/** Emails claimed before Tend recorded the customer's segment on each message carry none. */
export const NOT_RECORDED_DEFINITION =
  "Emails sent before Tend recorded the customer's segment with each email; they are not guessed from today's data.";

export function segmentName(
  segment: Segment,
  definitions: SegmentDefinition[] = segmentDefinitions(),
): SegmentName {
  const found = segment === null ? undefined : definitions.find((d) => d.key === segment);
  if (!found) return { label: segmentLabel(null), definition: NOT_RECORDED_DEFINITION };
  return { label: found.label, definition: found.definition };
}
