#!/usr/bin/env node
// `npm run demo:advance -- 2h`: moves the running demo's clock forward (the server holds the clock,
// so this asks it over loopback). `npm run demo:advance -- replay` replays storefront activity.
// Which demo: PORT (and HOST) when set; otherwise the one `npm run demo` recorded in
// .cache/tend-demo.json at start (app/demo/running.server.ts); otherwise port 3000.
import { readFileSync } from "node:fs";
import path from "node:path";

const arg = process.argv[2];
if (!arg) {
  console.error("usage: npm run demo:advance -- <duration: 90m | 2h | 1d | 1w> | replay");
  process.exit(2);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function recordedDemo() {
  try {
    const demo = JSON.parse(readFileSync(path.join(process.cwd(), ".cache", "tend-demo.json"), "utf8"));
    return typeof demo.url === "string" && Number.isInteger(demo.pid) && alive(demo.pid) ? demo.url : null;
  } catch {
    return null;
  }
}

function demoUrl() {
  const host = process.env.HOST && process.env.HOST !== "0.0.0.0" ? process.env.HOST : "127.0.0.1";
  if (process.env.PORT) return `http://${host}:${process.env.PORT}`;
  return recordedDemo() ?? `http://${host}:3000`;
}

const base = demoUrl();
const body = arg === "replay" ? { replay: true } : { advance: arg };
try {
  const response = await fetch(`${base}/demo/clock`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = await response.json().catch(() => ({}));
  if (!response.ok) {
    console.error(
      `demo clock at ${base}: ${response.status} ${result.error ?? "is `npm run demo` running there?"}`,
    );
    process.exit(1);
  }
  if (result.replayed) console.log(`replayed ${result.replayed.length} signed webhooks`);
  else {
    const sent = typeof result.sent === "number" ? `; ${result.sent} emails went out on the way` : "";
    console.log(`demo clock is now ${result.now}${sent}`);
    if (result.quiet) console.log(result.quiet);
  }
} catch (error) {
  console.error(`cannot reach the demo at ${base} (is \`npm run demo\` running?): ${error.message}`);
  process.exit(1);
}
