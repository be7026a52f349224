// Helpers for the scale-out benchmark: PostgreSQL, seeding a large shop, Tend processes, signed
// checkout webhooks, percentiles and peak RSS. Kept apart so scale-out.ts reads as the scenario.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Db } from "../../app/db/client.server";
import { generateDemoData } from "../../app/demo/generate";
import { signBody } from "../../app/demo/replay.server";
import { checkoutPayload, type ReplayCustomer, type ReplayLine } from "../../app/demo/webhook-payloads";
import { applyProducts } from "../../app/store/products.server";
import { ensureShop } from "../../app/store/shops.server";
import { monthDay } from "../../app/store/values";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function postgresServerUrl(): string {
  if (process.env.TEST_POSTGRES_URL) return process.env.TEST_POSTGRES_URL;
  const r = spawnSync("bash", [path.join(ROOT, ".ci/start-postgres.sh")], { encoding: "utf8" });
  const m = /TEST_POSTGRES_URL=(\S+)/.exec(r.stdout);
  if (!m) throw new Error(`could not start PostgreSQL:\n${r.stderr}`);
  process.env.TEST_POSTGRES_URL = m[1];
  return m[1];
}

type Column = [name: string, pgType: string];
type Cell = string | number | Date | null;

/** One INSERT per chunk with a parameter per column (unnest of arrays): no bind-count limit. */
async function insertRows(
  client: pg.Client,
  table: string,
  columns: Column[],
  rows: Cell[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    const names = columns.map(([n]) => `"${n}"`).join(", ");
    const arrays = columns.map(([, t], k) => `$${k + 1}::${t}[]`).join(", ");
    await client.query(
      `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map((_, k) => part.map((r) => r[k])),
    );
  }
}

/**
 * A large shop for the benchmark, written straight to PostgreSQL with unnest() inserts (the store
 * functions' per-row work takes most of an hour for 100,000 customers). Derived fields are
 * computed here the way the store computes them.
 */
export async function seedLargeShop(
  db: Db,
  databaseUrl: string,
  shop: string,
  customers: number,
  anchor: Date,
) {
  const data = generateDemoData(anchor, customers);
  await ensureShop(db, shop, anchor);
  await applyProducts(db, shop, data.products);
  const stats = new Map<string, { count: number; spent: number; first: Date; last: Date }>();
  for (const o of data.orders) {
    const id = o.customerShopifyId as string;
    const s = stats.get(id);
    if (!s) stats.set(id, { count: 1, spent: o.totalMinor, first: o.processedAt, last: o.processedAt });
    else {
      s.count++;
      s.spent += o.totalMinor;
      if (o.processedAt < s.first) s.first = o.processedAt;
      if (o.processedAt > s.last) s.last = o.processedAt;
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await insertRows(
      client,
      "Customer",
      [
        ["id", "text"],
        ["shop", "text"],
        ["shopifyId", "text"],
        ["email", "text"],
        ["emailLower", "text"],
        ["firstName", "text"],
        ["lastName", "text"],
        ["locale", "text"],
        ["tags", "text"],
        ["countryCode", "text"],
        ["marketingState", "text"],
        ["marketingOptInLevel", "text"],
        ["marketingUpdatedAt", "timestamp"],
        ["ordersCount", "int"],
        ["totalSpentMinor", "int"],
        ["firstOrderAt", "timestamp"],
        ["firstOrderMonthDay", "text"],
        ["lastOrderAt", "timestamp"],
        ["sourceUpdatedAt", "timestamp"],
        ["updatedAt", "timestamp"],
      ],
      data.customers.map((c) => {
        const s = stats.get(c.shopifyId);
        return [
          randomUUID(),
          shop,
          c.shopifyId,
          c.email,
          c.email?.toLowerCase() ?? null,
          c.firstName,
          c.lastName,
          c.locale,
          c.tags,
          c.countryCode,
          c.consent?.state ?? "NOT_SUBSCRIBED",
          c.consent?.optInLevel ?? null,
          c.consent?.updatedAt ?? null,
          s?.count ?? 0,
          s?.spent ?? 0,
          s?.first ?? null,
          s ? monthDay(s.first) : null,
          s?.last ?? null,
          c.updatedAt,
          anchor,
        ];
      }),
    );
    const orderIds = data.orders.map(() => randomUUID());
    await insertRows(
      client,
      "Order",
      [
        ["id", "text"],
        ["shop", "text"],
        ["shopifyId", "text"],
        ["name", "text"],
        ["customerShopifyId", "text"],
        ["email", "text"],
        ["checkoutToken", "text"],
        ["currency", "text"],
        ["subtotalMinor", "int"],
        ["totalMinor", "int"],
        ["financialStatus", "text"],
        ["processedAt", "timestamp"],
        ["sourceUpdatedAt", "timestamp"],
        ["updatedAt", "timestamp"],
      ],
      data.orders.map((o, i) => [
        orderIds[i],
        shop,
        o.shopifyId,
        o.name,
        o.customerShopifyId,
        o.email,
        o.checkoutToken,
        o.currency,
        o.subtotalMinor,
        o.totalMinor,
        o.financialStatus,
        o.processedAt,
        o.updatedAt,
        anchor,
      ]),
    );
    await insertRows(
      client,
      "OrderLine",
      [
        ["id", "text"],
        ["shop", "text"],
        ["orderId", "text"],
        ["shopifyId", "text"],
        ["productShopifyId", "text"],
        ["variantShopifyId", "text"],
        ["title", "text"],
        ["variantTitle", "text"],
        ["sku", "text"],
        ["productType", "text"],
        ["quantity", "int"],
        ["priceMinor", "int"],
      ],
      data.orders.flatMap((o, i) =>
        o.lines.map((l) => [
          randomUUID(),
          shop,
          orderIds[i],
          l.shopifyId,
          l.productShopifyId,
          l.variantShopifyId,
          l.title,
          l.variantTitle,
          l.sku,
          l.productType,
          l.quantity,
          l.priceMinor,
        ]),
      ),
    );
    await client.query('ANALYZE "Customer"; ANALYZE "Order"; ANALYZE "OrderLine"');
  } finally {
    await client.end();
  }
  return { customers: data.customers.length, orders: data.orders.length, products: data.products.length };
}

export interface TendProcess {
  role: "web" | "worker";
  child: ChildProcess;
  port?: number;
  logs: string[];
}

export function startTend(role: "web" | "worker", env: Record<string, string>, port?: number): TendProcess {
  const child = spawn(
    path.join(ROOT, "node_modules/.bin/node"),
    [path.join(ROOT, "app/cli/run.mjs"), role === "web" ? "start" : "worker"],
    {
      cwd: ROOT,
      env: { NODE_ENV: "production", ...env, ...(port ? { PORT: String(port) } : {}) } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const logs: string[] = [];
  const keep = (d: Buffer) => {
    logs.push(String(d));
    if (logs.length > 200) logs.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { role, child, port, logs };
}

export async function waitHealthy(url: string, proc: TendProcess, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`process exited:\n${proc.logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not healthy:\n${proc.logs.join("")}`);
}

/** Peak resident set size (VmHWM) of a live process, in MiB. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export async function stopTend(proc: TendProcess): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once("exit", r));
  proc.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
}

export function signedCheckoutRequest(input: {
  baseUrl: string;
  shop: string;
  secret: string;
  token: string;
  customer: ReplayCustomer;
  lines: ReplayLine[];
  updatedAt: Date;
  webhookId: string;
}): Request {
  const body = JSON.stringify(
    checkoutPayload({
      token: input.token,
      customer: input.customer,
      lines: input.lines,
      at: input.updatedAt,
      recoveryBaseUrl: input.baseUrl,
      currency: "USD",
    }),
  );
  return new Request(`${input.baseUrl}/webhooks/checkouts`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "checkouts/create",
      "X-Shopify-Shop-Domain": input.shop,
      "X-Shopify-Hmac-Sha256": signBody(body, input.secret),
      "X-Shopify-Webhook-Id": input.webhookId,
      "X-Shopify-Event-Id": input.webhookId,
      "X-Shopify-Triggered-At": input.updatedAt.toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
    body,
  });
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
