// What a step type asks of the writer beyond its intent, for the types whose reader is easy to get
// wrong: a welcome reader owns nothing yet; a check-in reader owns the product and wants help, not a
// pitch. Other types need no more than their intent. Pure.
import { findStep, type StepType } from "../flows/catalog";

const GUIDANCE: Partial<Record<StepType, string>> = {
  welcome:
    "Email type: welcome. The reader has just subscribed and has never ordered: do not thank them for an order or assume they own the product; introduce the shop and this best seller.",
  check_in:
    "Email type: check-in. The reader bought this product about two weeks ago: ask how it is going and give one or two practical ways to use or care for it, drawn only from the product data. Do not sell anything else.",
};

/** The extra line for the prompt's task, or null when the step's intent says enough. */
export function stepGuidance(stepKey: string): string | null {
  const type = findStep(stepKey)?.step.type;
  return type ? (GUIDANCE[type] ?? null) : null;
}
