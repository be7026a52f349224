// kill -9 during a 5,000-message send: a child process sends through sendStep to a real SMTP server,
// is SIGKILLed mid-way and restarted. The server must never receive one (run, step) twice (keyed by
// Message-ID), and every message is accounted for as sent or visibly unknown.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "../../../app/db.server";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { seedShop } from "./fixtures";

const TOTAL = 5000;
let smtp: TestSmtpServer;
let killAt = Number.POSITIVE_INFINITY;
let onThreshold: (() => void) | null = null;

beforeAll(async () => {
  smtp = await startSmtpServer({
    onMessage: () => {
      if (smtp.received.length >= killAt && onThreshold) {
        onThreshold();
        onThreshold = null;
      }
    },
  });
});
afterAll(() => smtp.close());

function runChild(
  shop: string,
  killAfter: number | null,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  // One process (node --import tsx), not the tsx CLI: SIGKILL on the CLI would orphan the node
  // process it starts, and that one would keep sending.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("tests/integration/delivery/crash-sender.child.ts")],
    {
      env: { ...process.env, SMTP_URL: smtp.url, SHOP: shop, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    out += d;
  });
  if (killAfter !== null) {
    killAt = killAfter;
    onThreshold = () => child.kill("SIGKILL");
  }
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, out })));
}

it("never delivers a (run, step) twice across a SIGKILL and restart", { timeout: 900_000 }, async () => {
  const db = getDb();
  const s = await seedShop(db);
  await db.flowRun.createMany({
    data: Array.from({ length: TOTAL - 1 }, (_, i) => ({
      shop: s.shop,
      flowKey: "post_purchase",
      flowVersion: 1,
      enrollKey: `pp:${i}`,
      customerShopifyId: s.customerId,
      email: s.email,
    })),
  });

  const killed = await runChild(s.shop, 1500);
  expect(killed.signal, killed.out).toBe("SIGKILL");
  const receivedAtKill = smtp.received.length;
  await new Promise((r) => setTimeout(r, 1_000));
  const receivedBeforeRestart = smtp.received.length;
  // The sender is really gone: at most the messages already on the wire finish arriving.
  expect(receivedBeforeRestart - receivedAtKill).toBeLessThan(50);
  expect(receivedBeforeRestart).toBeGreaterThanOrEqual(1500);
  expect(receivedBeforeRestart).toBeLessThan(TOTAL);

  const resumed = await runChild(s.shop, null);
  expect(resumed.code, resumed.out).toBe(0);

  const counts = smtp.countsByMessageId();
  const duplicates = [...counts].filter(([, n]) => n > 1);
  expect(duplicates).toEqual([]);
  expect(smtp.received.every((m) => m.messageId)).toBe(true);

  const rows = await db.message.groupBy({ by: ["status"], where: { shop: s.shop }, _count: true });
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r._count]));
  // Every run has exactly one message row; the ones in flight at the kill are claimed/unknown, not re-sent.
  expect(await db.message.count({ where: { shop: s.shop } })).toBe(TOTAL);
  expect((byStatus.sent ?? 0) + (byStatus.claimed ?? 0) + (byStatus.unknown ?? 0)).toBe(TOTAL);
  expect(byStatus.sent).toBeGreaterThan(TOTAL - 100);
  // Whatever the database calls sent did arrive, exactly once.
  const sent = await db.message.findMany({
    where: { shop: s.shop, status: "sent" },
    select: { messageIdHeader: true },
  });
  expect(sent.every((m) => counts.get(m.messageIdHeader) === 1)).toBe(true);
  expect(smtp.received.length).toBeLessThanOrEqual(TOTAL);
});
