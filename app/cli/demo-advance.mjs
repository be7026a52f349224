#!/usr/bin/env node
// `npm run demo:advance -- 2h`: moves the running demo's clock forward (the server holds the clock,
// so this asks it over loopback). `npm run demo:advance -- replay` replays storefront activity.
const arg = process.argv[2];
const port = process.env.PORT ?? "3000";
const host = process.env.HOST && process.env.HOST !== "0.0.0.0" ? process.env.HOST : "127.0.0.1";
if (!arg) {
  console.error("usage: npm run demo:advance -- <duration: 90m | 2h | 1d | 1w> | replay");
  process.exit(2);
}
const body = arg === "replay" ? { replay: true } : { advance: arg };
try {
  const response = await fetch(`http://${host}:${port}/demo/clock`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = await response.json().catch(() => ({}));
  if (!response.ok) {
    console.error(
      `demo clock: ${response.status} ${result.error ?? "is `npm run demo` running on this port?"}`,
    );
    process.exit(1);
  }
  if (result.replayed) console.log(`replayed ${result.replayed.length} signed webhooks`);
  else console.log(`demo clock is now ${result.now}`);
} catch (error) {
  console.error(`cannot reach the demo on ${host}:${port} (is \`npm run demo\` running?): ${error.message}`);
  process.exit(1);
}
