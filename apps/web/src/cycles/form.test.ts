import type { CycleDetailDto, CycleSummaryDto } from "@beltmap/api";
import { APPENDIX3_UNITS, CAMPAIGN_TARGETS } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import { byField, differsFromAppendix3, draftOf, editingForm, formProblems, openingForm } from "./form.ts";

function summary(year: number, isCurrent: boolean): CycleSummaryDto {
  return {
    id: year - 2000,
    year,
    name: `${year}年度`,
    isCurrent,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    beltPlanDeadline: `${year}-11-10T15:59:59.999Z`,
    initialSummaryDeadline: `${year}-12-20T15:59:59.999Z`,
    targets: { ...CAMPAIGN_TARGETS },
    openedAt: null,
    closedAt: null,
  };
}

const CYCLES = [summary(2026, true), summary(2017, false)];
const WEST = APPENDIX3_UNITS.findIndex((u) => u.id === "WEST_ZONE");

describe("the 年度 form", () => {
  it("opens the year after the latest with Appendix 3's quotas, and nothing to correct", () => {
    const form = openingForm(CYCLES);
    expect(form.year).toBe("2027");
    expect(form.beltPlanDeadline).toBe("2027-08-10");
    expect(form.quotas.map((q) => q.unitId)).toEqual(APPENDIX3_UNITS.map((u) => u.id));
    expect(form.quotas[WEST]).toMatchObject({ excellentQuota: "3", practiceQuota: "1", reason: "" });
    expect(formProblems(form, CYCLES, null)).toEqual([]);
  });

  it("names the field of each mistake, in the server's words", () => {
    const form = openingForm(CYCLES);
    const quotas = form.quotas.map((q, i) => (i === WEST ? { ...q, excellentQuota: "4" } : q));
    const errors = byField(
      formProblems(
        {
          ...form,
          year: "2026",
          startsOn: "2026-12-01",
          initialSummaryDeadline: "2027-08-01",
          targets: { ...form.targets, good: "" },
          quotas,
        },
        CYCLES,
        null,
      ),
    );
    expect(errors.year).toBe("2026 年度已存在");
    expect(errors.startsOn).toContain("与 2026 年度");
    expect(errors.initialSummaryDeadline).toContain("不能早于示范带创建方案报送截止日");
    expect(errors["targets.good"]).toBe("良好目标须为不小于 0 的整数");
    expect(errors[`quotas[${WEST}].reason`]).toContain("须填写调整理由");
    expect(quotas.map(differsFromAppendix3).filter(Boolean)).toHaveLength(1);
  });

  it("changes the current cycle against the others only, deadlines as their China days", () => {
    const current = CYCLES[0] as CycleSummaryDto;
    const detail: CycleDetailDto = {
      ...current,
      unfinished: null,
      quotas: APPENDIX3_UNITS.map((u) => ({
        unitId: u.id,
        unitName: u.name,
        excellentQuota: u.id === "WEST_ZONE" ? 4 : u.excellentQuota,
        practiceQuota: u.practiceQuota,
        appendix3ExcellentQuota: u.excellentQuota,
        appendix3PracticeQuota: u.practiceQuota,
        reason: u.id === "WEST_ZONE" ? "新入驻企业增多" : null,
      })),
    };
    const form = editingForm(detail);
    expect(form.beltPlanDeadline).toBe("2026-11-10");
    expect(form.initialSummaryDeadline).toBe("2026-12-20");
    expect(form.quotas[WEST]).toMatchObject({ excellentQuota: "4", reason: "新入驻企业增多" });
    expect(formProblems(form, CYCLES, { id: current.id })).toEqual([]);
    expect(draftOf(form).quotas[WEST]).toEqual({
      unitId: "WEST_ZONE",
      excellentQuota: 4,
      practiceQuota: 1,
      reason: "新入驻企业增多",
    });
  });
});
