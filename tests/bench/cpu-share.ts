// Where processing time goes on one machine: CPU seconds of given processes (workers, web) and of
// the PostgreSQL backends serving one database, read from /proc/<pid>/stat (utime + stime) at two
// moments. Backends are found through pg_stat_activity, so other databases on a shared server are
// not counted.
import { readFileSync } from "node:fs";
import type { Db } from "../../app/db/client.server";

const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime, stime
  } catch {
    return null;
  }
}

async function backendPids(db: Db): Promise<number[]> {
  const rows = await db.$queryRawUnsafe<Array<{ pid: number }>>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows.map((r) => Number(r.pid));
}

export interface CpuSample {
  at: number;
  processes: Map<number, number>;
  backends: Map<number, number>;
}

export async function sampleCpu(db: Db, pids: number[]): Promise<CpuSample> {
  const read = (list: number[]) =>
    new Map(
      list.flatMap((pid) => {
        const s = cpuSeconds(pid);
        return s === null ? [] : [[pid, s] as const];
      }),
    );
  return { at: performance.now(), processes: read(pids), backends: read(await backendPids(db)) };
}

/** CPU seconds used between two samples, per role, and as a share of one core over the wall time. */
export function cpuBetween(
  before: CpuSample,
  after: CpuSample,
  roles: Record<number, string>,
): Record<string, { cpuSeconds: number; coresBusy: number }> {
  const wall = (after.at - before.at) / 1000;
  const totals: Record<string, number> = {};
  const add = (role: string, s: number) => {
    totals[role] = (totals[role] ?? 0) + s;
  };
  for (const [pid, s] of after.processes) add(roles[pid] ?? "other", s - (before.processes.get(pid) ?? 0));
  for (const [pid, s] of after.backends) add("postgres", s - (before.backends.get(pid) ?? 0));
  return Object.fromEntries(
    Object.entries(totals).map(([role, s]) => [
      role,
      { cpuSeconds: +s.toFixed(1), coresBusy: +(s / Math.max(wall, 0.001)).toFixed(2) },
    ]),
  );
}
