// One worker process of the multi-worker crash test: the real scheduler and the real sendStep (copy
// from the drafting module's resolveCopy, SMTP through the pooled transport) against the shared
// PostgreSQL database. The only test addition is a header naming this process on every email, so
// the test's SMTP server can tell which worker sent what. SIGTERM stops gracefully; SIGKILL is the test.
import { createDb } from "../../../app/db/client.server";
import { createSender } from "../../../app/delivery/send-step.server";
import { createSmtpTransport, type Transport } from "../../../app/delivery/transport.server";
import { createScheduler } from "../../../app/scheduler/scheduler.server";
import { CONFIG, fakeAdmin } from "../delivery/fixtures";

const { DATABASE_URL, SMTP_URL, WORKER_NAME } = process.env;
if (!DATABASE_URL || !SMTP_URL || !WORKER_NAME)
  throw new Error("DATABASE_URL, SMTP_URL and WORKER_NAME are required");
const concurrency = Number(process.env.CONCURRENCY ?? 4);

const db = createDb(DATABASE_URL, { poolSize: concurrency + 2 });
const smtp = createSmtpTransport({ url: SMTP_URL, maxConnections: concurrency });
const transport: Transport = {
  name: smtp.name,
  send: (email) => smtp.send({ ...email, headers: { ...email.headers, "X-Test-Worker": WORKER_NAME } }),
  close: () => smtp.close(),
};
const sender = createSender({ db, transport, admin: fakeAdmin().admin, config: CONFIG });
let ready = false;
const scheduler = createScheduler({
  db,
  send: sender.sendStep,
  batchSize: Number(process.env.BATCH_SIZE ?? 25),
  concurrency,
  leaseMs: Number(process.env.LEASE_MS ?? 5_000),
  idleMs: 50,
  workerId: WORKER_NAME,
  // Ready once connected and through one whole claim: the test seeds each wave only then.
  onBatch: () => {
    if (ready) return;
    ready = true;
    console.log(`${WORKER_NAME} ready`);
  },
});
scheduler.start();
process.on("SIGTERM", async () => {
  await scheduler.stop();
  await transport.close();
  await db.$disconnect();
  process.exit(0);
});
