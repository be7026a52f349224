// Seeding helpers for flow and scheduler tests: a shop with settings, customers, a recording sender
// that writes Message rows the way delivery does (claim by the unique (runId, stepIndex), then sent).
import type { Db } from "../../../app/db/client.server";
import type { StepSendRequest, StepSendResult } from "../../../app/domain/delivery";

export async function seedShop(
  db: Db,
  shop: string,
  settings: Record<string, unknown> = {},
  timeZone = "UTC",
) {
  await db.shop.create({ data: { shop, timeZone } });
  await db.shopSettings.create({
    data: { shop, quietHoursStart: 0, quietHoursEnd: 0, holdoutPercent: 0, ...settings },
  });
}

export async function seedCustomer(db: Db, shop: string, id: string, over: Record<string, unknown> = {}) {
  return db.customer.create({
    data: {
      shop,
      shopifyId: id,
      email: `${id}@example.com`,
      emailLower: `${id}@example.com`,
      marketingState: "SUBSCRIBED",
      ...over,
    },
  });
}

export function recordingSender(
  db: Db,
  result: (req: StepSendRequest, call: number) => StepSendResult | Promise<StepSendResult> = () => ({
    status: "sent",
    reason: "ok",
  }),
) {
  const calls: StepSendRequest[] = [];
  const send = async (req: StepSendRequest): Promise<StepSendResult> => {
    calls.push(req);
    const out = await result(req, calls.length);
    if (out.status === "sent") {
      await db.message.create({
        data: {
          shop: req.shop,
          runId: req.runId,
          stepIndex: req.stepIndex,
          flowKey: req.flowKey,
          customerShopifyId: req.customerShopifyId,
          email: req.email,
          status: "sent",
          messageIdHeader: `<${req.runId}.${req.stepIndex}@test>`,
          claimedAt: req.now,
          sentAt: req.now,
        },
      });
    }
    return out;
  };
  return { send, calls };
}

export function fakeClock(startIso: string) {
  let t = new Date(startIso).getTime();
  const clock = () => new Date(t);
  return Object.assign(clock, {
    set(iso: string) {
      t = new Date(iso).getTime();
    },
    advance(minutes: number) {
      t += minutes * 60_000;
    },
  });
}
