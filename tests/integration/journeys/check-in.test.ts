// The post-purchase check-in through the real pipeline: a first order by signed webhook, then the
// thank-you (day 1), tips (day 7) and, on day 16, the check-in about the product bought, by SMTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import {
  clock,
  customerPayload,
  HOURS,
  MINUTES,
  mailsTo,
  nextId,
  orderPayload,
  type Pipeline,
  type Shopper,
  setUpShop,
  startPipeline,
  webhook,
} from "../../support/journey";

const DAYS = 24 * HOURS;
let smtp: TestSmtpServer;
let pipeline: Pipeline;

beforeAll(async () => {
  smtp = await startSmtpServer({ parse: true });
  pipeline = startPipeline(smtp);
});

afterAll(async () => {
  await pipeline.close();
  await smtp.close();
});

describe("post-purchase check-in", () => {
  it("asks how it is going with the product bought, 16 days after the order", async () => {
    const lantern = { id: nextId(), variantId: nextId(), title: "Summit Lantern", price: "39.00" };
    const { shop, db } = await setUpShop({ flows: ["post_purchase"], products: [lantern] });
    const id = nextId();
    const shopper: Shopper = { customerId: id, email: `ben.${id}@example.com`, firstName: "Ben" };
    await webhook({
      topic: "customers/update",
      shop,
      body: customerPayload(shopper, { state: "subscribed", at: clock.now() }, clock.now()),
    });
    const orderedAt = clock.now();
    await webhook({
      topic: "orders/create",
      shop,
      body: orderPayload({
        orderId: nextId(),
        name: "#1001",
        checkoutToken: null,
        shopper,
        lines: [
          {
            productId: lantern.id,
            variantId: lantern.variantId,
            title: lantern.title,
            variantTitle: null,
            quantity: 1,
            price: lantern.price,
          },
        ],
        processedAt: orderedAt,
      }),
    });
    for (const day of [1, 7, 16]) {
      clock.advance(orderedAt.getTime() + day * DAYS + MINUTES - clock.now().getTime());
      await pipeline.tick();
    }
    const mails = mailsTo(smtp, shopper.email);
    expect(mails).toHaveLength(3);
    const checkIn = mails[2];
    expect(checkIn.parsed?.subject ?? "").toMatch(/Summit Lantern/);
    expect(checkIn.parsed?.text ?? "").toMatch(/couple of weeks/);
    const sent = await db.message.findFirst({
      where: { shop, flowKey: "post_purchase", stepIndex: 2, status: "sent" },
      select: { sentAt: true },
    });
    const days = ((sent?.sentAt?.getTime() ?? 0) - orderedAt.getTime()) / DAYS;
    expect(Math.floor(days)).toBe(16);
  });
});
