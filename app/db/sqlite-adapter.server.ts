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

function sharedConnectionTransaction(inner: Client, done: () => void): Transaction {
  let closed = false;
  const finish = async (sql: string) => {
    if (closed) return;
    closed = true;
    try {
      await inner.execute(sql);
    } finally {
      done();
    }
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
export interface SingleConnectionClient extends Client {
  /** Runs a statement outside any open transaction (waits for it): for the direct-SQL fast path. */
  executeOutsideTransaction(stmt: InStatement): ReturnType<Client["execute"]>;
}

export function createSingleConnectionClient(config: Config): SingleConnectionClient {
  const inner = createClient(config);
  const ready = (async () => {
    for (const pragma of PRAGMAS) await inner.execute(pragma);
  })();
  // Set from BEGIN until COMMIT/ROLLBACK, so a direct statement never lands inside Prisma's transaction.
  let openTransaction: Promise<void> | null = null;
  async function executeOutsideTransaction(stmt: InStatement) {
    await ready;
    while (openTransaction) await openTransaction;
    return inner.execute(stmt);
  }
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "executeOutsideTransaction") return executeOutsideTransaction;
      if (prop === "transaction") {
        return async () => {
          await ready;
          while (openTransaction) await openTransaction;
          let done!: () => void;
          openTransaction = new Promise<void>((resolve) => {
            done = () => {
              openTransaction = null;
              resolve();
            };
          });
          // IMMEDIATE takes the write lock up front: a deferred read-then-write transaction can
          // fail with SQLITE_BUSY_SNAPSHOT when another process wrote in between.
          try {
            await target.execute("BEGIN IMMEDIATE");
          } catch (error) {
            done();
            throw error;
          }
          return sharedConnectionTransaction(target, done);
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
  }) as SingleConnectionClient;
}

export class PrismaSqlite extends PrismaLibSQL {
  /** The connection Prisma currently uses (set on connect), for direct statements. */
  current: SingleConnectionClient | undefined;

  override createClient(config: Config): Client {
    const client = createSingleConnectionClient(config);
    if (config.url !== ":memory:") this.current = client; // not the shadow database
    return client;
  }
}
