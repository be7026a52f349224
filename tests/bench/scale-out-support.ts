// Helpers for the scale-out benchmark: PostgreSQL, seeding a large shop, Tend processes, signed
// checkout webhooks, percentiles and peak RSS. Kept apart so scale-out.ts reads as the scenario.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../../app/db/client.server";
import { generateDemoData } from "../../app/demo/generate";
import { signBody } from "../../app/demo/replay.server";
import { checkoutPayload, type ReplayCustomer, type ReplayLine } from "../../app/demo/webhook-payloads";
import { applyCustomers, recomputeOrderStats } from "../../app/store/customers.server";
import { applyOrders } from "../../app/store/orders.server";
import { applyProducts } from "../../app/store/products.server";
import { ensureShop } from "../../app/store/shops.server";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function postgresServerUrl(): string {
  if (process.env.TEST_POSTGRES_URL) return process.env.TEST_POSTGRES_URL;
  const r = spawnSync("bash", [path.join(ROOT, ".ci/start-postgres.sh")], { encoding: "utf8" });
  const m = /TEST_POSTGRES_URL=(\S+)/.exec(r.stdout);
  if (!m) throw new Error(`could not start PostgreSQL:\n${r.stderr}`);
  process.env.TEST_POSTGRES_URL = m[1];
  return m[1];
}

/** A large shop through the store functions, in batches sized for PostgreSQL's bind limits. */
export async function seedLargeShop(db: Db, shop: string, customers: number, anchor: Date) {
  const data = generateDemoData(anchor, customers);
  await ensureShop(db, shop, anchor);
  await applyProducts(db, shop, data.products);
  for (let i = 0; i < data.customers.length; i += 2_000) {
    await db.$transaction((tx) => applyCustomers(tx, shop, data.customers.slice(i, i + 2_000)), {
      timeout: 120_000,
    });
  }
  for (let i = 0; i < data.orders.length; i += 2_000) {
    await db.$transaction(
      (tx) => applyOrders(tx, shop, data.orders.slice(i, i + 2_000), { recompute: false }),
      {
        timeout: 120_000,
      },
    );
  }
  const ids = data.customers.map((c) => c.shopifyId);
  for (let i = 0; i < ids.length; i += 5_000) {
    await db.$transaction((tx) => recomputeOrderStats(tx, shop, ids.slice(i, i + 5_000)), {
      timeout: 300_000,
    });
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
