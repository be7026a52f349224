// Chart series for the repeat purchase rate: a line per group (emailed, holdout) across the 30/60/90
// day windows, each with its 95% interval as a shaded band (Polaris Viz LineChartRelational: a
// band's upper series points at its lower one through `relatedIndex`). Values in percent. Pure.
import type { RepeatRate } from "./repeat-rate";

export const GROUP_STYLE = {
  treated: { name: "Emailed", color: "#2c6ecb", band: "rgba(44, 110, 203, 0.18)" },
  holdout: { name: "Holdout (not emailed)", color: "#b98900", band: "rgba(185, 137, 0, 0.18)" },
} as const;

interface Point {
  key: string;
  value: number | null;
}

export interface RepeatSeries {
  name: string;
  color?: string;
  data: Point[];
  metadata?: { relatedIndex: number; areaColor?: string; legendLabel?: string };
}

export const BAND_LABEL = "95% interval (shaded)";

export const windowLabel = (days: number) => `${days} days`;

export function repeatSeries(rates: RepeatRate[]): RepeatSeries[] {
  const pct = (x: number) => Math.round(x * 1000) / 10;
  const points = (pick: (r: RepeatRate) => number | null) =>
    rates.map((r) => ({ key: windowLabel(r.windowDays), value: pick(r) }));
  const groups = ["treated", "holdout"] as const;
  // Lines first (indexes 0, 1), then each group's band as upper (2 + 2g) and lower (3 + 2g).
  const lines: RepeatSeries[] = groups.map((g) => ({
    name: GROUP_STYLE[g].name,
    color: GROUP_STYLE[g].color,
    data: points((r) => (r[g].buyers > 0 ? pct(r[g].rate.estimate) : null)),
  }));
  const bands: RepeatSeries[] = groups.flatMap((g, i) => [
    {
      name: `${GROUP_STYLE[g].name}: 95% upper`,
      color: GROUP_STYLE[g].color,
      data: points((r) => (r[g].buyers > 0 ? pct(r[g].rate.high) : null)),
      // The chart's legend names all bands after the first band's label.
      metadata: { relatedIndex: 3 + 2 * i, areaColor: GROUP_STYLE[g].band, legendLabel: BAND_LABEL },
    },
    {
      name: `${GROUP_STYLE[g].name}: 95% lower`,
      color: GROUP_STYLE[g].color,
      data: points((r) => (r[g].buyers > 0 ? pct(r[g].rate.low) : null)),
      metadata: { relatedIndex: i, legendLabel: BAND_LABEL },
    },
  ]);
  return [...lines, ...bands];
}
