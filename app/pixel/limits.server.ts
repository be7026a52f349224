// Request limits shared by every web process: fixed one-minute windows counted in the database
// (RateCounter), so two processes behind a load balancer allow the same total as one. Several keys
// are counted in ONE statement (an upsert with RETURNING, on SQLite and PostgreSQL). A key found
// over its limit is also remembered in memory until its window ends, so a flood stops costing
// database writes after its first refusals in each process.
import type { Db } from "../db/client.server";
import { sqlFragments } from "../db/sql.server";

export interface LimitRule {
  key: string;
  max: number;
}

export interface SharedLimiter {
  /** Counts one request against every rule; returns the first rule over its limit, or null. */
  take(rules: LimitRule[]): Promise<LimitRule | null>;
}

export function createSharedLimiter(db: Db, options: { now: () => Date; windowMs?: number }): SharedLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const blocked = new Map<string, number>(); // key → window it was refused in
  let calls = 0;

  async function sweep(window: number) {
    const Prisma = sqlFragments();
    await db.$executeRaw(Prisma.sql`DELETE FROM "RateCounter" WHERE "window" < ${window - 1}`);
    for (const [key, w] of blocked) if (w < window) blocked.delete(key);
  }

  return {
    async take(rules) {
      if (rules.length === 0) return null;
      const window = Math.floor(options.now().getTime() / windowMs);
      for (const rule of rules) if (blocked.get(rule.key) === window) return rule;
      const Prisma = sqlFragments();
      const rows = await db.$queryRaw<Array<{ key: string; count: number | bigint }>>(Prisma.sql`
        INSERT INTO "RateCounter" ("key", "window", "count")
        VALUES ${Prisma.join(rules.map((r) => Prisma.sql`(${r.key}, ${window}, 1)`))}
        ON CONFLICT ("key") DO UPDATE SET
          "count" = CASE WHEN "RateCounter"."window" = excluded."window" THEN "RateCounter"."count" + 1 ELSE 1 END,
          "window" = excluded."window"
        RETURNING "key", "count"`);
      const counts = new Map(rows.map((r) => [r.key, Number(r.count)]));
      if (++calls % 500 === 0) await sweep(window);
      for (const rule of rules) {
        if ((counts.get(rule.key) ?? 0) > rule.max) {
          blocked.set(rule.key, window);
          return rule;
        }
      }
      return null;
    },
  };
}
