// Quiet hours in the shop's own zone, across a daylight-saving change: a Los Angeles shop with quiet
// hours 21:00–08:00 abandons checkouts around the clock from 13 to 16 March 2027 (clocks spring
// forward at 02:00 on the 14th). Every email goes out through the real scheduler and SMTP; none
// leaves between 21:00 and 08:00 Los Angeles time, and the night's held reminders go at 08:00 local.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  checkoutPayload,
  clock,
  type LineItem,
  MINUTES,
  nextId,
  type Pipeline,
  setUpShop,
  startPipeline,
  webhook,
} from "../../support/journey";

const ZONE = "America/Los_Angeles";
let smtp: TestSmtpServer;
let pipeline: Pipeline;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: false });
  pipeline = startPipeline(smtp);
});

afterAll(async () => {
  await pipeline.close();
  await smtp.close();
});

/** Local wall time in Los Angeles, from the runtime's own zone data (not Tend's code). */
function local(at: Date): { day: string; minute: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  return {
    day: `${p("year")}-${p("month")}-${p("day")}`,
    minute: Number(p("hour")) * 60 + Number(p("minute")),
  };
}

describe("quiet hours across a DST change", () => {
  it("sends nothing between 21:00 and 08:00 Los Angeles time, before and after clocks move", async () => {
    const product = { id: nextId(), variantId: nextId(), title: "Alpine Sleeping Bag", price: "189.00" };
    const { shop, db } = await setUpShop({ flows: ["checkout_abandonment"], products: [product] });
    await db.shop.update({ where: { shop }, data: { timeZone: ZONE } });
    await db.shopSettings.update({
      where: { shop },
      data: { quietHoursStart: 21 * 60, quietHoursEnd: 8 * 60, frequencyCapCount: 20 },
    });
    const lines: LineItem[] = [
      {
        productId: product.id,
        variantId: product.variantId,
        title: product.title,
        variantTitle: null,
        quantity: 1,
        price: "189.00",
      },
    ];
    // 13 March 2027, 12:00 PST; run to 16 March 12:00 PDT.
    const start = new Date("2027-03-13T20:00:00Z");
    clock.advance(start.getTime() - clock.now().getTime());
    const end = new Date("2027-03-16T19:00:00Z").getTime();
    let n = 0;
    while (clock.now().getTime() < end) {
      // A new shopper abandons every 90 minutes, day and night.
      if (Math.round((clock.now().getTime() - start.getTime()) / MINUTES) % 90 === 0) {
        n++;
        const shopper = {
          customerId: nextId(),
          email: `dst${n}-${shop.split(".")[0]}@example.com`,
          firstName: "Sam",
        };
        const at = clock.now();
        await webhook({
          topic: "checkouts/create",
          shop,
          body: checkoutPayload(shop, {
            token: `dst${nextId()}`,
            shopper,
            lines,
            createdAt: at,
            updatedAt: at,
          }),
        });
      }
      await pipeline.tick();
      clock.advance(15 * MINUTES);
    }
    await pipeline.tick();

    const sent = await getDb().message.findMany({
      where: { shop, status: "sent" },
      select: { sentAt: true, email: true },
      orderBy: { sentAt: "asc" },
    });
    expect(n).toBeGreaterThan(40);
    expect(sent.length).toBeGreaterThan(n); // first reminders and the next day's nudges
    expect(smtp.received.filter((m) => m.raw.includes(shop.split(".")[0])).length).toBe(sent.length);
    const quiet = sent.filter((m) => {
      const { minute } = local(m.sentAt!);
      return minute >= 21 * 60 || minute < 8 * 60;
    });
    expect(quiet.map((m) => m.sentAt?.toISOString())).toEqual([]);
    // The night's held reminders go at 08:00 local: 15:00Z once clocks have moved (16:00Z in PST).
    // (Minutes only: the journey clock runs on from real time between ticks.)
    const firstOfDay = (day: string) =>
      sent
        .find((m) => local(m.sentAt!).day === day)
        ?.sentAt?.toISOString()
        .slice(0, 16);
    expect(firstOfDay("2027-03-14")).toBe("2027-03-14T15:00"); // 08:00 PDT, the first morning after the change
    expect(firstOfDay("2027-03-15")).toBe("2027-03-15T15:00");
    const beforeChange = sent.filter((m) => m.sentAt!.toISOString().startsWith("2027-03-13T"));
    expect(beforeChange.every((m) => local(m.sentAt!).minute < 21 * 60)).toBe(true);
  }, 240_000);
});
