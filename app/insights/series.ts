// Chart series for revenue over time: one line per flow, every day of the period present.
import { flowName } from "./ui/format";

export interface RevenuePoint {
  day: string;
  flowKey: string;
  revenueMinor: number;
}

/** One series per flow with every day of the period present (missing days are zero). */
export function revenueSeries(points: RevenuePoint[], since: string, until: string) {
  const days: string[] = [];
  for (let t = Date.parse(since.slice(0, 10)); t <= Date.parse(until.slice(0, 10)); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  const flows = [...new Set(points.map((p) => p.flowKey))];
  return flows.map((flowKey) => {
    const byDay = new Map(points.filter((p) => p.flowKey === flowKey).map((p) => [p.day, p.revenueMinor]));
    return {
      name: flowName(flowKey),
      data: days.map((day) => ({ key: day, value: (byDay.get(day) ?? 0) / 100 })),
    };
  });
}
