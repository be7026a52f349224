// A worker process for the crash test: runs the real scheduler against DATABASE_URL with a sender
// that behaves like delivery (claims the (run, step) Message first, then "sends"), and logs every
// call and every return to CALL_LOG so the test can prove nothing was sent twice across kill -9.
import { appendFileSync } from "node:fs";
import { Prisma } from "@prisma/client";
import { createDb } from "../../../app/db/client.server";
import type { StepSendRequest, StepSendResult } from "../../../app/domain/delivery";
import { createScheduler } from "../../../app/scheduler/scheduler.server";

const url = process.env.DATABASE_URL!;
const log = process.env.CALL_LOG!;
const db = createDb(url);

async function send(req: StepSendRequest): Promise<StepSendResult> {
  const key = `${req.runId}:${req.stepIndex}`;
  appendFileSync(log, `call ${key}\n`);
  try {
    await db.message.create({
      data: {
        shop: req.shop,
        runId: req.runId,
        stepIndex: req.stepIndex,
        flowKey: req.flowKey,
        status: "claimed",
        messageIdHeader: `<${key}@crash>`,
        claimedAt: req.now,
      },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    // Claimed by a worker that died mid-send: delivery reports it unknown, never re-sends.
    await db.message.updateMany({
      where: { runId: req.runId, stepIndex: req.stepIndex, status: "claimed" },
      data: { status: "unknown" },
    });
    appendFileSync(log, `returned ${key} unknown\n`);
    return { status: "unknown", reason: "claimed by an earlier attempt" };
  }
  await new Promise((r) => setTimeout(r, 3)); // the SMTP hand-off
  appendFileSync(log, `handed ${key}\n`);
  await db.message.update({
    where: { runId_stepIndex: { runId: req.runId, stepIndex: req.stepIndex } },
    data: { status: "sent", sentAt: req.now },
  });
  appendFileSync(log, `returned ${key} sent\n`);
  return { status: "sent", reason: "ok" };
}

const scheduler = createScheduler({
  db,
  send,
  batchSize: 25,
  leaseMs: 1_500,
  idleMs: 50,
  concurrency: 4,
  workerId: `crash-${process.pid}`,
});
scheduler.start();
process.on("SIGTERM", async () => {
  await scheduler.stop();
  process.exit(0);
});
