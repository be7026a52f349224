#!/usr/bin/env node
// Process entry points over the production build:
//   start  - web server (and the worker inline unless TEND_WORKER=off)
//   worker - a worker process only
//   demo   - build if needed, then start on the local demo store (SQLite, no credentials)
//   setup  - migrate the database and exit
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const buildEntry = path.join(root, "build/server/index.js");
const command = process.argv[2] ?? "start";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const stale = !existsSync(buildEntry) || newestMtime(path.join(root, "app")) > statSync(buildEntry).mtimeMs;
  if (!stale) return;
  console.log("Building Tend (production build)...");
  const r = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function loadBuild() {
  if (!existsSync(buildEntry)) {
    console.error("No production build found: run `npm run build` first.");
    process.exit(1);
  }
  const build = await import(pathToFileURL(buildEntry).href);
  demoEntry = await plugInDemo(build);
  return build;
}

/** The demo's entry module once plugged in (demo mode only), else null. */
let demoEntry = null;

/**
 * Demo mode only: loads the demo's own entry (build/server/demo.js, sharing the build's modules)
 * and lets it install the local store. Production code never imports the demo; a bad environment
 * is left for boot() to report.
 */
async function plugInDemo(build) {
  let mode;
  try {
    mode = build.entry.module.services.env().TEND_MODE;
  } catch {
    return null;
  }
  if (mode !== "demo") return null;
  const demo = await import(pathToFileURL(path.join(path.dirname(buildEntry), "demo.js")).href);
  demo.installDemo();
  return demo;
}

/**
 * Every response (webhooks, static files, Remix) gets the headers of app/http/security-headers.ts;
 * never X-Frame-Options: the admin embeds Tend, and Shopify's frame-ancestors CSP governs that.
 */
function securityHeaders(appUrl) {
  const headers = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ...(appUrl?.startsWith("https://")
      ? [["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]]
      : []),
  ];
  return (_req, res, next) => {
    // Added as the head goes out, unless the response (Remix's entry) already set them: once each.
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      for (const [name, value] of headers) if (!res.hasHeader(name)) res.setHeader(name, value);
      return writeHead.apply(this, args);
    };
    next();
  };
}

async function serve(build) {
  const { default: express } = await import("express");
  const { default: compression } = await import("compression");
  const { createRequestHandler } = await import("@remix-run/express");
  const { services } = build.entry.module;
  try {
    await services.boot("web");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const env = services.env();
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(env.SHOPIFY_APP_URL));
  app.use(requestIds(services.logger));
  // Webhooks skip compression, static files and Remix: verify the raw bytes, record, answer.
  if (services.webhookHandler) app.post("/webhooks/*", await services.webhookHandler());
  app.use(compression());
  app.use(
    "/assets",
    express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req) => ({ remoteAddress: req.socket.remoteAddress ?? "", requestId: req.requestId }),
    }),
  );
  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(
      `Tend is listening on ${env.SHOPIFY_APP_URL ?? `http://${env.HOST}:${env.PORT}`}${env.TEND_MODE === "demo" ? "/app" : ""}`,
    );
  });
  server.keepAliveTimeout = 65_000;
  onSignal(async () => {
    await new Promise((resolve) => server.close(resolve));
    await services.shutdown();
  });
}

/** Every request gets an id (kept from X-Request-Id when a proxy set one) and one log line. */
function requestIds(logger) {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.requestId = req.get("x-request-id") || randomUUID();
    res.setHeader("X-Request-Id", req.requestId);
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const shop = req.get("x-shopify-shop-domain") || req.query.shop;
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "debug";
      logger[level](
        { requestId: req.requestId, shop, method: req.method, path: req.path, status: res.statusCode, ms },
        "request",
      );
    });
    next();
  };
}

function onSignal(stop) {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: shutting down gracefully...`);
      const timer = setTimeout(() => process.exit(1), 15_000);
      timer.unref();
      await stop();
      process.exit(0);
    });
  }
}

process.env.NODE_ENV ??= "production";
// Workers (and web processes running the worker inline) ingest backfill files in a child process.
process.env.TEND_BACKFILL_ENTRY ??= fileURLToPath(import.meta.url);
if (command === "start") {
  await serve(await loadBuild());
} else if (command === "demo") {
  process.env.TEND_MODE = "demo";
  ensureBuild();
  await serve(await loadBuild());
  if (!demoEntry) throw new Error("the demo's entry did not load (build/server/demo.js)");
  await demoEntry.startDemo();
} else if (command === "backfill") {
  // Forked by a worker's backfill runner: one file, in a process whose heap the runner capped.
  const { services } = (await loadBuild()).entry.module;
  const jobId = process.argv[3];
  if (!jobId) {
    console.error("usage: run.mjs backfill <jobId>");
    process.exit(2);
  }
  await services.ingestBackfill(jobId);
  await services.shutdown();
} else if (command === "worker") {
  const { services } = (await loadBuild()).entry.module;
  process.env.TEND_WORKER = "inline";
  await services.boot("worker");
  onSignal(() => services.shutdown());
} else if (command === "setup") {
  const { services } = (await loadBuild()).entry.module;
  console.log("migrations applied:", await services.setup());
  await services.shutdown();
} else {
  console.error(`unknown command ${command}: use start | worker | demo | setup`);
  process.exit(2);
}
