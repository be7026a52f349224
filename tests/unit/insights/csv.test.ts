import { describe, expect, it } from "vitest";
import { segmentDefinitions } from "../../../app/domain/segments";
import { reportToCsv } from "../../../app/insights/csv";
import { computeLift } from "../../../app/insights/lift";
import { rollUp } from "../../../app/insights/metrics";
import { repeatRate } from "../../../app/insights/repeat-rate";
import type { Report } from "../../../app/insights/report.server";
import { revenueSeries } from "../../../app/insights/series";

function report(): Report {
  const { total, flows, segments } = rollUp([
    {
      flowKey: "win_back",
      stepIndex: 0,
      variant: 0,
      segment: "returning",
      sent: 100,
      clicked: 10,
      unsubscribed: 1,
      complained: 1,
      orders: 2,
      revenueMinor: 12_345,
    },
    {
      flowKey: "win_back",
      stepIndex: 0,
      variant: 1,
      segment: null,
      sent: 100,
      clicked: 20,
      unsubscribed: 0,
      complained: 0,
      orders: 3,
      revenueMinor: 5_000,
    },
  ]);
  const lift = computeLift(
    { customers: 1000, converted: 150, revenue: { n: 1000, sum: 9e5, sumSq: 9e9 } },
    { customers: 1000, converted: 100, revenue: { n: 1000, sum: 6e5, sumSq: 6e9 } },
  );
  return {
    shop: "s",
    since: "2026-05-01T00:00:00.000Z",
    until: "2026-05-31T00:00:00.000Z",
    sinceDay: "2026-05-01",
    untilDay: "2026-05-31",
    timeZone: "UTC",
    days: 30,
    attributionWindowDays: 5,
    total,
    flows,
    segments,
    segmentDefinitions: segmentDefinitions(),
    revenueByDay: [],
    subjectTests: [],
    lift: [{ flowKey: "win_back", windowDays: 19, pending: 0, ...lift }],
    repeatRates: [
      repeatRate({
        windowDays: 30,
        treated: { buyers: 200, repeated: 30 },
        holdout: { buyers: 100, repeated: 12 },
        pending: 7,
      }),
    ],
  };
}

describe("reportToCsv", () => {
  it("writes flow, variant, segment and holdout rows with money in major units", () => {
    const lines = reportToCsv(report(), (k) => (k === "win_back" ? "Win-back, lapsed" : k)).split("\r\n");
    expect(lines[1]).toBe('flow,"Win-back, lapsed",all,all,200,30,5,173.45,0.87,0.15,0.025,0.005');
    expect(lines[2]).toMatch(/^variant,"Win-back, lapsed",1,A,100,10,2,123.45,/);
    expect(lines[3]).toMatch(/^variant,"Win-back, lapsed",1,B,100,20,3,50,/);
    const header = lines.indexOf(
      "segment,flow,segment_key,segment,sent,clicked,orders,revenue,revenue_per_email,click_rate,conversion_rate,unsubscribe_rate,complaint_rate",
    );
    expect(header).toBeGreaterThan(3);
    expect(lines[header + 1]).toBe(
      'segment,"Win-back, lapsed",returning,Returning,100,10,2,123.45,1.23,0.1,0.02,0.01,0.01',
    );
    expect(lines[header + 2]).toMatch(
      /^segment,"Win-back, lapsed",not_recorded,Not yet computed,100,20,3,50,/,
    );
    const holdout = lines.find((l) => l.startsWith('holdout,"Win-back'));
    expect(holdout).toMatch(/,positive,1000,1000,0\.15,0\.1,0\.05,/);
    const repeat = lines.indexOf(lines.find((l) => l.startsWith("repeat_rate,window_days,")) ?? "");
    expect(repeat).toBeGreaterThan(0);
    expect(lines[repeat + 1]).toBe(
      "repeat_rate,30,200,30,0.15,0.107136,0.206056,100,12,0.12,0.069994,0.198121,0.03,-0.059108,0.105119,7,no_significant_difference",
    );
  });

  it("defuses spreadsheet formulas in names", () => {
    expect(reportToCsv(report(), () => "=HYPERLINK(1)")).toContain("'=HYPERLINK(1)");
  });
});

describe("revenueSeries", () => {
  it("fills every day of the period with zero where nothing was earned", () => {
    const s = revenueSeries(
      [{ day: "2026-05-02", flowKey: "win_back", revenueMinor: 1_000 }],
      "2026-05-01T10:00:00.000Z",
      "2026-05-03T09:00:00.000Z",
    );
    expect(s).toEqual([
      {
        name: "Win-back",
        data: [
          { key: "2026-05-01", value: 0 },
          { key: "2026-05-02", value: 10 },
          { key: "2026-05-03", value: 0 },
        ],
      },
    ]);
  });
});
