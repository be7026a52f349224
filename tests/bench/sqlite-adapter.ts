// Prisma over SQLite: the stock libSQL adapter vs Tend's single-connection adapter, same run.
// Measures sequential single-row writes and small interactive transactions per second.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";
import { migrate } from "../../app/db/migrate.server";
import { PrismaSqlite } from "../../app/db/sqlite-adapter.server";

const N = Number(process.env.BENCH_N ?? 1500);

async function measure(label: string, makeAdapter: (url: string) => PrismaLibSQL) {
  const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "tend-bench-")), "b.sqlite")}`;
  await migrate(url);
  const db = new PrismaClient({ adapter: makeAdapter(url) });
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL"); // what Tend used to set once at boot
  await db.$transaction(async (tx) => tx.appState.count()); // one transaction, as any app does early
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    await db.appState.create({ data: { shop: "bench.myshopify.com", key: `k${i}`, value: "v" } });
  }
  const writes = N / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < N / 5; i++) {
    await db.$transaction(async (tx) => {
      const row = await tx.appState.findUnique({
        where: { shop_key: { shop: "bench.myshopify.com", key: `k${i}` } },
      });
      await tx.appState.update({
        where: { shop_key: { shop: "bench.myshopify.com", key: `k${i}` } },
        data: { value: `${row?.value}!` },
      });
    });
  }
  const txs = N / 5 / ((performance.now() - t) / 1000);
  await db.$disconnect();
  console.log(
    `${label.padEnd(28)} writes/s ${writes.toFixed(0).padStart(6)}   transactions/s ${txs.toFixed(0).padStart(6)}`,
  );
  return { writes, txs };
}

const stock = await measure("stock @prisma/adapter-libsql", (url) => new PrismaLibSQL({ url }));
const tend = await measure("Tend single-connection", (url) => new PrismaSqlite({ url }));
console.log(
  `ratio (Tend / stock): writes ×${(tend.writes / stock.writes).toFixed(2)}, transactions ×${(tend.txs / stock.txs).toFixed(2)}`,
);
