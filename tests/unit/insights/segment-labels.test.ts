import { describe, expect, it } from "vitest";
import {
  DEFAULT_SEGMENT_RULES,
  SEGMENT_KEYS,
  segmentDefinitions,
  segmentLabel,
} from "../../../app/domain/segments";
import { NOT_RECORDED_DEFINITION, segmentName } from "../../../app/insights/segment-labels";

describe("report segment names", () => {
  it("are the admin's labels and definitions, word for word, for every segment", () => {
    const admin = segmentDefinitions();
    expect(admin.map((d) => d.key)).toEqual([...SEGMENT_KEYS]);
    for (const d of admin)
      expect(segmentName(d.key, admin)).toEqual({ label: d.label, definition: d.definition });
  });

  it("follow the shop's own rules when the definitions carry them (a VIP spend threshold)", () => {
    const admin = segmentDefinitions({ ...DEFAULT_SEGMENT_RULES, vipThresholdMinor: 50_000 });
    expect(segmentName("vip", admin).definition).toBe(admin.find((d) => d.key === "vip")?.definition);
    expect(segmentName("vip", admin).definition).toMatch(/500\.00/);
  });

  it("name an email without a recorded segment as the shared vocabulary does", () => {
    expect(segmentName(null)).toEqual({ label: segmentLabel(null), definition: NOT_RECORDED_DEFINITION });
  });
});
