// A click link replayed (a bot, a forwarded email, a reload loop) stays one Click row per message and
// link: the count grows, the first click time never moves, so replays cannot renew attribution.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { clockOffsetMs, now, setClockOffsetMs } from "../../app/clock.server";
import { getDb } from "../../app/db.server";
import { deliveryConfig } from "../../app/delivery/config.server";
import { signClickToken } from "../../app/delivery/tokens";
import { recomputeOrderAttribution } from "../../app/insights/attribute.server";
import { loader as clickRoute } from "../../app/routes/c.$token";
import { uniqueShop } from "../support/database";

const HOUR = 3_600_000;

async function seed(shop: string) {
  const db = getDb();
  const message = await db.message.create({
    data: {
      shop,
      runId: `${shop}-run`,
      stepIndex: 0,
      flowKey: "cart_abandonment",
      customerShopifyId: "c1",
      email: "ann@example.com",
      status: "sent",
      messageIdHeader: `<${shop}@tend>`,
      variant: 0,
      sentAt: now(),
    },
  });
  const url = `https://${shop}/cart/9001:1?utm_source=tend`;
  const token = signClickToken(deliveryConfig().signingSecret, { shop, messageId: message.id, url });
  return { message, url, token };
}

async function follow(token: string): Promise<Response> {
  const args = {
    request: new Request(`https://tend.test/c/${token}`),
    params: { token },
    context: {},
  } as LoaderFunctionArgs;
  return clickRoute(args).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

async function orderNow(shop: string) {
  await getDb().order.create({
    data: {
      shop,
      shopifyId: "5001",
      customerShopifyId: "c1",
      email: "ann@example.com",
      totalMinor: 9_000,
      processedAt: now(),
    },
  });
  return recomputeOrderAttribution(getDb(), shop, "5001");
}

describe("click replay", () => {
  it("100 replays over six days leave one row, a count of 100 and the first click time", async () => {
    const shop = uniqueShop("clk");
    const start = clockOffsetMs();
    try {
      const { message, url, token } = await seed(shop);
      const first = now();
      for (let i = 0; i < 100; i++) {
        const res = await follow(token);
        expect(res.status).toBe(302);
        expect(res.headers.get("Location")).toBe(url);
        setClockOffsetMs(clockOffsetMs() + 1.5 * HOUR);
      }
      const rows = await getDb().click.findMany({ where: { shop, messageId: message.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0].count).toBe(100);
      // The process clock keeps ticking in real time between requests: the first click is within
      // a second of `first`, while the last is six days later.
      expect(Math.abs(rows[0].at.getTime() - first.getTime())).toBeLessThan(1_000);
      expect(rows[0].lastAt.getTime()).toBeGreaterThan(first.getTime() + 6 * 24 * HOUR);
      // An order now is six days after the first click: outside the default five-day window, even
      // though the link was replayed minutes ago.
      expect(await orderNow(shop)).toBe("none");
    } finally {
      setClockOffsetMs(start);
    }
  });

  it("a genuine click inside the window still attributes the order", async () => {
    const shop = uniqueShop("clk");
    const start = clockOffsetMs();
    try {
      const { token } = await seed(shop);
      expect((await follow(token)).status).toBe(302);
      setClockOffsetMs(clockOffsetMs() + 2 * HOUR);
      expect(await orderNow(shop)).toBe("attributed");
    } finally {
      setClockOffsetMs(start);
    }
  });

  it("a forged or tampered link records nothing", async () => {
    const shop = uniqueShop("clk");
    const { message, token } = await seed(shop);
    const tampered = `${token.slice(0, -2)}xx`;
    expect((await follow(tampered)).status).toBe(400);
    expect(await getDb().click.count({ where: { shop, messageId: message.id } })).toBe(0);
  });
});
