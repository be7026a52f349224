// The flow engine, pure: events become enrollment actions (enrollment.ts), due steps become send /
// defer / skip / exit decisions (due-step.ts). No Prisma, no network, time passed in.
export type { NextStep, RunContext, StepDecision, TriggerAction } from "./actions";
export { decideDueStep, type DueStepInput, nextStep, plannedAt } from "./due-step";
export {
  decideTrigger,
  type EnabledFlow,
  itemsKey,
  type RunSummary,
  scannedEnrollment,
  type Trigger,
  type TriggerInput,
} from "./enrollment";
