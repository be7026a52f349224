// Prisma's libSQL adapter, kept on ONE SQLite connection. @libsql/client hands its connection to
// every transaction and lazily opens a fresh one afterwards, which (1) costs an open per
// transaction and (2) silently drops our per-connection pragmas (busy_timeout, synchronous), so
// after the first transaction every write paid a full fsync and concurrent processes got
// SQLITE_BUSY at once. The adapter already serialises all queries behind one mutex while a
// transaction is open, so running the transaction on the shared connection changes no isolation.
import { type Client, createClient, type Config, type InStatement, type Transaction } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

const PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL", // durable across crashes of the process; WAL fsyncs at checkpoints
  "PRAGMA busy_timeout = 5000", // another process (web + worker) holding the write lock: wait
  "PRAGMA foreign_keys = ON",
];

function sharedConnectionTransaction(inner: Client): Transaction {
  let closed = false;
  const finish = async (sql: string) => {
    if (closed) return;
    closed = true;
    await inner.execute(sql);
  };
  return {
    execute: (stmt: InStatement) => inner.execute(stmt),
    batch: (stmts: InStatement[]) => Promise.all(stmts.map((s) => inner.execute(s))),
    executeMultiple: (sql: string) => inner.executeMultiple(sql),
    commit: () => finish("COMMIT"),
    rollback: () => finish("ROLLBACK"),
    close: () => {
      if (!closed) void finish("ROLLBACK");
    },
    get closed() {
      return closed;
    },
  } as Transaction;
}

/** A libsql client whose transactions run on its own single connection. */
export function createSingleConnectionClient(config: Config): Client {
  const inner = createClient(config);
  const ready = (async () => {
    for (const pragma of PRAGMAS) await inner.execute(pragma);
  })();
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return async () => {
          await ready;
          // IMMEDIATE takes the write lock up front: a deferred read-then-write transaction can
          // fail with SQLITE_BUSY_SNAPSHOT when another process wrote in between.
          await target.execute("BEGIN IMMEDIATE");
          return sharedConnectionTransaction(target);
        };
      }
      if (prop === "execute" || prop === "executeMultiple" || prop === "batch") {
        const fn = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          await ready;
          return fn.apply(target, args);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      // libsql keeps its state in #private fields: methods must run with the real client as `this`.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export class PrismaSqlite extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return createSingleConnectionClient(config);
  }
}
