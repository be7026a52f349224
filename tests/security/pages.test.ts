// The production build as an operator runs it (live mode), probed as an attacker would: the login
// page and the unauthenticated admin never answer 500, every response carries the security headers,
// the 404 page gives no developer hints, and an oversized email-events body is refused while it
// streams. Webhook headers are checked on the fast path too.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/env";
import { signedWebhookRequest } from "../support/webhooks";

let server: AppServer;
// A browser's agent: shopify-app-remix answers bots 410 before authenticating.
const BROWSER = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
};

beforeAll(async () => {
  server = await startAppServer({
    env: {
      TEND_MODE: "live",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      SHOPIFY_APP_URL: "https://tend.test",
      TEND_EMAIL_EVENTS_SECRET: "email-events-secret-0123456789",
    },
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  // Embedded in Shopify admin: framing is governed by the CSP, never by X-Frame-Options.
  expect(res.headers.get("x-frame-options")).toBeNull();
}

describe("pages and headers under abuse", () => {
  it("shows a login page asking for the shop domain, with field errors, never a 500", async () => {
    const page = await fetch(`${server.url}/auth/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Shop domain");
    expect(html).not.toMatch(/Internal Server Error|Hey developer|at [A-Za-z]+ \(/);
    expectSecurityHeaders(page);
    for (const [shop, message] of [
      ["", "Enter your shop&#x27;s domain to log in"],
      ["not a shop!", "Enter a valid shop domain"],
    ]) {
      const res = await fetch(`${server.url}/auth/login`, {
        method: "POST",
        body: new URLSearchParams({ shop }),
        redirect: "manual",
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(message);
    }
    const valid = await fetch(`${server.url}/auth/login`, {
      method: "POST",
      body: new URLSearchParams({ shop: "cedar-ember" }),
      redirect: "manual",
    });
    expect(valid.status).toBe(302);
    expect(valid.headers.get("location")).toBe(
      `https://admin.shopify.com/store/cedar-ember/oauth/install?client_id=${TEST_API_KEY}`,
    );
  });

  it("sends an unauthenticated /app visit to the login page", async () => {
    const res = await fetch(`${server.url}/app`, { redirect: "manual", headers: BROWSER });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location") ?? "", server.url).pathname).toBe("/auth/login");
    expectSecurityHeaders(res);
    const followed = await fetch(`${server.url}/app`, { headers: BROWSER });
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain("Shop domain");
  });

  it("answers an unknown page with a plain 404: no developer hint", async () => {
    const res = await fetch(`${server.url}/no-such-page`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(/Hey developer|remix\.run\/guides|stack/i);
    expectSecurityHeaders(res);
  });

  it("puts the security headers on webhook answers and static files too", async () => {
    const hook = signedWebhookRequest({ topic: "orders/create", shop: "nobody.myshopify.com", body: "{}" });
    const res = await fetch(`${server.url}/webhooks/orders`, {
      method: "POST",
      headers: hook.headers,
      body: "{}",
    });
    expect(res.status).toBe(400); // a shop that never installed Tend
    expectSecurityHeaders(res);
    const icon = await fetch(`${server.url}/favicon.ico`);
    expectSecurityHeaders(icon);
  });

  it("refuses a 20 MB email-events body with 413 after reading about the first megabyte", async () => {
    const MB = 1024 * 1024;
    const target = new URL(`${server.url}/api/email-events`);
    // A raw client: it streams 64 KB chunks until the server answers, and counts what it sent.
    // When the server closes with unread bytes in flight, TCP may reset the connection before the
    // client reads the 413 (a race of the transport, not of Tend): such an attempt is made again.
    const attempt = () =>
      new Promise<{ status: number; sent: number }>((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: "POST",
            headers: { "Content-Type": "application/json" },
          },
          (res) => {
            answered = true;
            res.resume();
            resolve({ status: res.statusCode ?? 0, sent });
            req.destroy();
          },
        );
        req.on("error", (error) => (answered ? undefined : reject(error)));
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          while (!answered && sent < 20 * MB) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!answered) req.end();
        };
        pump();
      });
    let result: { status: number; sent: number } | undefined;
    for (let tries = 0; !result; tries++) {
      result = await attempt().catch((error: NodeJS.ErrnoException) => {
        if (tries >= 2 || !["ECONNRESET", "EPIPE"].includes(error.code ?? "")) throw error;
        return undefined;
      });
    }
    const { status, sent } = result;
    expect(status).toBe(413);
    console.info(`email-events: 413 after the client sent ${(sent / MB).toFixed(2)} MB of 20 MB`);
    // The server answered near the limit, long before the client could send 20 MB.
    expect(sent).toBeLessThan(8 * MB);
    const declared = await fetch(target, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "x".repeat(2 * MB),
    });
    expect(declared.status).toBe(413);
  });
});
