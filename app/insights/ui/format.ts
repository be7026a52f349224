// Number formatting for the reports, in the merchant's currency.
import { FLOW_CATALOG, isFlowKey } from "../../flows/catalog";

export function flowName(key: string): string {
  return isFlowKey(key) ? FLOW_CATALOG[key].name : key;
}

export function stepName(flowKey: string, stepIndex: number): string {
  const step = isFlowKey(flowKey) ? FLOW_CATALOG[flowKey].steps[stepIndex] : undefined;
  const label = step ? step.key.split(".").slice(1).join(".").replaceAll("_", " ") : "";
  return label ? `Email ${stepIndex + 1} (${label})` : `Email ${stepIndex + 1}`;
}

export function money(minor: number, currency: string): string {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100);
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A difference in proportions as signed percentage points. */
export function points(fraction: number, digits = 1): string {
  const v = fraction * 100;
  return `${v > 0 ? "+" : ""}${v.toFixed(digits)} pts`;
}

export function signedMoney(minor: number, currency: string): string {
  return `${minor > 0 ? "+" : ""}${money(minor, currency)}`;
}

export function count(n: number): string {
  return n.toLocaleString("en");
}
