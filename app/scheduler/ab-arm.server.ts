// At send time: which A/B decisions are in force for a message's flow and step, and which arm of
// the personalised-vs-generic test its customer is in. Read per (shop, flow) and cached briefly:
// sends come in bursts, and a decision taking effect a few seconds late costs nothing.
import type { Db } from "../db/client.server";
import { type Arm, armInForce, isArm } from "../insights/personalisation-test";

const CACHE_MS = 10_000;

interface InForce {
  /** stepIndex → the winning subject variant */
  subjectWinners: Map<number, number>;
  personalisation: { enabled: boolean; winner: Arm | null };
}

const cache = new Map<string, { loadedAt: number; value: Promise<InForce> }>();

/** Drops what this process cached for a shop (after a decision, an undo or a switch). */
export function invalidateAbInForce(shop: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${shop}|`)) cache.delete(key);
}

async function load(db: Db, shop: string, flowKey: string): Promise<InForce> {
  const [decisions, test] = await Promise.all([
    db.abDecision.findMany({
      where: { shop, flowKey, revertedAt: null },
      select: { testKind: true, stepIndex: true, winner: true },
    }),
    db.personalisationTest.findUnique({
      where: { shop_flowKey: { shop, flowKey } },
      select: { enabled: true },
    }),
  ]);
  const subjectWinners = new Map<number, number>();
  let winner: Arm | null = null;
  for (const d of decisions) {
    if (d.testKind === "subject" && d.stepIndex !== null) subjectWinners.set(d.stepIndex, Number(d.winner));
    if (d.testKind === "personalisation" && isArm(d.winner)) winner = d.winner;
  }
  return { subjectWinners, personalisation: { enabled: Boolean(test?.enabled), winner } };
}

function inForce(db: Db, shop: string, flowKey: string): Promise<InForce> {
  const key = `${shop}|${flowKey}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit.value;
  const value = load(db, shop, flowKey);
  value.catch(() => cache.delete(key));
  cache.set(key, { loadedAt: Date.now(), value });
  return value;
}

export interface AbChoice {
  /** The personalisation arm (null: no test on this flow). */
  arm: Arm | null;
  /** The subject variant that won this step, or null while the split runs. */
  subjectWinner: number | null;
}

export async function abChoiceFor(
  db: Db,
  req: {
    shop: string;
    flowKey: string;
    stepIndex: number;
    runId: string;
    customerShopifyId: string | null;
    email: string;
  },
): Promise<AbChoice> {
  const f = await inForce(db, req.shop, req.flowKey);
  return {
    arm: armInForce({
      enabled: f.personalisation.enabled,
      winner: f.personalisation.winner,
      shop: req.shop,
      flowKey: req.flowKey,
      // Guests have no customer id; their address still keeps them in one arm across steps.
      customerKey: req.customerShopifyId || req.email.toLowerCase() || req.runId,
    }),
    subjectWinner: f.subjectWinners.get(req.stepIndex) ?? null,
  };
}
