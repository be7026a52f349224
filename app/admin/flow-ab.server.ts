// Flow page's A/B read model: decisions (in force and undone), tests still collecting, and the
// personalised-vs-generic switch, worded for the merchant. Dates are formatted here in the shop's
// time zone so server and browser render the same text.
import type { Db } from "../db/client.server";
import type { FlowKey } from "../flows/catalog";
import { safeTimeZone } from "../flows/time";
import { AUTO_DECIDE_ALPHA, AUTO_DECIDE_MIN_SENT_PER_ARM } from "../insights/ab-decision";
import { type DecisionView, listDecisions, liveTests } from "../insights/ab-decisions.server";
import { GENERIC_ARM_DEFINITION } from "../insights/personalisation-test";
import { variantLetter } from "../insights/subject-test";

export interface ArmLine {
  label: string;
  sent: number;
  clickRate: number;
  conversionRate: number;
}

export interface DecisionCard {
  id: string;
  active: boolean;
  testLabel: string;
  headline: string;
  detail: string;
  arms: ArmLine[];
}

export interface CollectingCard {
  kind: "subject" | "personalisation";
  testLabel: string;
  status: string;
  arms: ArmLine[];
}

export interface FlowAbView {
  decisions: DecisionCard[];
  collecting: CollectingCard[];
  personalisation: { enabled: boolean; since: string | null; definition: string };
  rules: string;
}

const armLabel = (kind: string, arm: string) =>
  kind === "personalisation"
    ? arm === "generic"
      ? "Generic copy"
      : "Personalised copy"
    : `Variant ${variantLetter(Number(arm))}`;

const testLabel = (kind: string, stepIndex: number | null) =>
  kind === "personalisation" ? "Personalised vs generic" : `Step ${(stepIndex ?? 0) + 1} subject line`;

const lines = (kind: string, arms: Array<{ arm: string; sent: number; clicks: number; orders: number }>) =>
  arms.map((a) => ({
    label: armLabel(kind, a.arm),
    sent: a.sent,
    clickRate: a.sent ? a.clicks / a.sent : 0,
    conversionRate: a.sent ? a.orders / a.sent : 0,
  }));

function decisionCard(d: DecisionView, day: (iso: string) => string): DecisionCard {
  const winner = armLabel(d.kind, d.winner);
  const p = d.pValue < 0.001 ? "p < 0.001" : `p = ${d.pValue.toFixed(3)}`;
  return {
    id: d.id,
    active: d.revertedAt === null,
    testLabel: testLabel(d.kind, d.stepIndex),
    headline:
      d.revertedAt === null
        ? `${winner} won on ${day(d.decidedAt)} — all sends use it.`
        : `${winner} won on ${day(d.decidedAt)}; undone on ${day(d.revertedAt)} by ${d.revertedBy ?? "staff"} — the split runs again.`,
    detail: `Clicks per send, ${p}.`,
    arms: lines(d.kind, d.results),
  };
}

export async function loadFlowAb(db: Db, shop: string, flowKey: FlowKey): Promise<FlowAbView> {
  const [shopRow, decisions, live, test] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { timeZone: true } }),
    listDecisions(db, shop, flowKey),
    liveTests(db, shop, flowKey),
    db.personalisationTest.findUnique({
      where: { shop_flowKey: { shop, flowKey } },
      select: { enabled: true, startedAt: true },
    }),
  ]);
  const timeZone = safeTimeZone(shopRow?.timeZone);
  const day = (iso: string) =>
    new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(new Date(iso));
  return {
    decisions: decisions.map((d) => decisionCard(d, day)),
    collecting: live.map((t) => ({
      kind: t.kind,
      testLabel: testLabel(t.kind, t.stepIndex),
      status: t.verdict.decided
        ? "A winner is due: it takes over at the next daily check."
        : `No winner yet: ${t.verdict.reason}.`,
      arms: lines(t.kind, t.verdict.results),
    })),
    personalisation: {
      enabled: Boolean(test?.enabled),
      since: test?.enabled && test.startedAt ? day(test.startedAt.toISOString()) : null,
      definition: GENERIC_ARM_DEFINITION,
    },
    rules: `Checked once a day. A winner needs ${AUTO_DECIDE_MIN_SENT_PER_ARM} sends per version and a difference in clicks per send that chance explains less than ${AUTO_DECIDE_ALPHA * 100}% of the time; it then takes every send until you undo it.`,
  };
}
