import { describe, expect, it } from "vitest";
import {
  CAMPAIGN_TARGETS,
  CYCLE_LIMITS,
  CYCLE_TARGET_KEYS,
  type CycleDraft,
  type CyclePeriod,
  type CycleUnitQuota,
  carryOverPlanVersion,
  checkCycleWritable,
  cycleName,
  defaultCycleDraft,
  quotaReason,
  validateCycleDraft,
} from "./cycle.ts";
import { APPENDIX3_UNITS } from "./quota.ts";

const CYCLE_2017: CyclePeriod = { id: 1, year: 2017, startsOn: "2017-01-01", endsOn: "2017-12-31" };
const CYCLE_2019: CyclePeriod = { id: 3, year: 2019, startsOn: "2019-01-01", endsOn: "2019-12-31" };

const DRAFT_2018 = defaultCycleDraft(2018, APPENDIX3_UNITS);
// Index of 柯城区 (12/6 in Appendix 3) in the default draft's quotas.
const KECHENG = APPENDIX3_UNITS.findIndex((u) => u.id === "KECHENG");

function validate(
  patch: Partial<CycleDraft> = {},
  context: { others?: readonly CyclePeriod[]; opening?: boolean } = {},
) {
  return validateCycleDraft(
    { ...DRAFT_2018, ...patch },
    { others: context.others ?? [CYCLE_2017], units: APPENDIX3_UNITS, opening: context.opening ?? true },
  );
}

function withQuota(index: number, patch: Partial<CycleUnitQuota>): Partial<CycleDraft> {
  return { quotas: DRAFT_2018.quotas.map((q, i) => (i === index ? { ...q, ...patch } : q)) };
}

const fields = (problems: readonly { field: string }[]) => problems.map((p) => p.field);

describe("cycleName", () => {
  it("names the year's campaign as the 2017 document does", () => {
    expect(cycleName(2017)).toBe("2017年度“百企示范、千企争先”行动");
    expect(cycleName(2026)).toBe("2026年度“百企示范、千企争先”行动");
  });
});

describe("defaultCycleDraft", () => {
  it("starts the year with the calendar year and 2017's deadline days", () => {
    expect(DRAFT_2018).toMatchObject({
      year: 2018,
      name: "2018年度“百企示范、千企争先”行动",
      startsOn: "2018-01-01",
      endsOn: "2018-12-31",
      beltPlanDeadline: "2018-08-10",
      initialSummaryDeadline: "2018-09-20",
    });
  });

  it("takes the document's targets 100/50/400/600/100", () => {
    expect(DRAFT_2018.targets).toEqual({ excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 });
    expect(Object.keys(DRAFT_2018.targets)).toEqual([...CYCLE_TARGET_KEYS]);
  });

  it("copies the targets, so editing a draft cannot change the campaign's", () => {
    expect(DRAFT_2018.targets).not.toBe(CAMPAIGN_TARGETS);
    expect(Object.isFrozen(CAMPAIGN_TARGETS)).toBe(true);
    const draft = defaultCycleDraft(2020, APPENDIX3_UNITS);
    draft.targets.excellent = 7;
    expect(CAMPAIGN_TARGETS.excellent).toBe(100);
    expect(defaultCycleDraft(2021, APPENDIX3_UNITS).targets.excellent).toBe(100);
  });

  it("takes Appendix 3's quotas for every unit, in order, without a reason", () => {
    expect(DRAFT_2018.quotas).toEqual([
      { unitId: "GREEN_ZONE", excellentQuota: 12, practiceQuota: 6, reason: "" },
      { unitId: "WEST_ZONE", excellentQuota: 3, practiceQuota: 1, reason: "" },
      { unitId: "JINGXIN", excellentQuota: 2, practiceQuota: 1, reason: "" },
      { unitId: "KECHENG", excellentQuota: 12, practiceQuota: 6, reason: "" },
      { unitId: "QUJIANG", excellentQuota: 12, practiceQuota: 6, reason: "" },
      { unitId: "LONGYOU", excellentQuota: 20, practiceQuota: 10, reason: "" },
      { unitId: "JIANGSHAN", excellentQuota: 20, practiceQuota: 10, reason: "" },
      { unitId: "CHANGSHAN", excellentQuota: 12, practiceQuota: 6, reason: "" },
      { unitId: "KAIHUA", excellentQuota: 12, practiceQuota: 6, reason: "" },
    ]);
    expect(DRAFT_2018.quotas.reduce((sum, q) => sum + q.excellentQuota, 0)).toBe(105);
    expect(DRAFT_2018.quotas.reduce((sum, q) => sum + q.practiceQuota, 0)).toBe(52);
  });

  it("uses whatever units it is given", () => {
    const draft = defaultCycleDraft(2030, [{ id: "X", excellentQuota: 4, practiceQuota: 2 }]);
    expect(draft.quotas).toEqual([{ unitId: "X", excellentQuota: 4, practiceQuota: 2, reason: "" }]);
    expect(draft.beltPlanDeadline).toBe("2030-08-10");
  });
});

describe("validateCycleDraft: a valid draft", () => {
  it("finds nothing wrong with the default draft of the next year", () => {
    expect(validate()).toEqual([]);
  });

  it("accepts the very first cycle, with nothing on record", () => {
    expect(
      validateCycleDraft(defaultCycleDraft(2017, APPENDIX3_UNITS), {
        others: [],
        units: APPENDIX3_UNITS,
        opening: true,
      }),
    ).toEqual([]);
  });

  it("accepts a draft after several cycles", () => {
    expect(
      validateCycleDraft(defaultCycleDraft(2020, APPENDIX3_UNITS), {
        others: [CYCLE_2017, { year: 2018, startsOn: "2018-01-01", endsOn: "2018-12-31" }, CYCLE_2019],
        units: APPENDIX3_UNITS,
        opening: true,
      }),
    ).toEqual([]);
  });
});

describe("validateCycleDraft: year", () => {
  it("refuses a year outside 2000–2100 or not a whole number", () => {
    for (const year of [1999, 2101, 2018.5, Number.NaN, -2018]) {
      expect(validate({ year }), String(year)).toEqual([
        { field: "year", message: "年度须为 2000–2100 之间的整数" },
      ]);
    }
  });

  it("accepts the limits themselves", () => {
    expect(validate({ year: CYCLE_LIMITS.firstYear }, { others: [] })).toEqual([]);
    expect(validate({ year: CYCLE_LIMITS.lastYear }, { others: [] })).toEqual([]);
  });

  it("refuses a year that already has a cycle", () => {
    expect(validate({ year: 2017 })).toEqual([{ field: "year", message: "2017 年度已存在" }]);
    expect(validate({ year: 2017 }, { opening: false })).toEqual([
      { field: "year", message: "2017 年度已存在" },
    ]);
  });

  it("refuses opening a year earlier than one on record, which would not become the current one", () => {
    const problems = validate({}, { others: [CYCLE_2017, CYCLE_2019] });
    expect(problems).toContainEqual({ field: "year", message: "新年度须晚于已有的 2019 年度" });
    expect(problems).toContainEqual({
      field: "startsOn",
      message: "新年度须在 2019 年度（2019-01-01 至 2019-12-31）之后",
    });
    expect(problems).toHaveLength(2);
  });

  it("lets the city correct a cycle that is not being opened, between others", () => {
    expect(validate({}, { others: [CYCLE_2017, CYCLE_2019], opening: false })).toEqual([]);
  });
});

describe("validateCycleDraft: name", () => {
  it("asks for a name", () => {
    expect(validate({ name: "" })).toEqual([{ field: "name", message: "请填写年度名称" }]);
    expect(validate({ name: "  \u3000 " })).toEqual([{ field: "name", message: "请填写年度名称" }]);
  });

  it("limits it to 60 characters, trimmed", () => {
    expect(validate({ name: "年".repeat(61) })).toEqual([{ field: "name", message: "年度名称最多 60 个字" }]);
    expect(validate({ name: "年".repeat(60) })).toEqual([]);
    expect(validate({ name: ` ${"年".repeat(60)} ` })).toEqual([]);
  });
});

describe("validateCycleDraft: dates", () => {
  it("refuses each date that is not a calendar day, naming the field in Chinese", () => {
    const cases = [
      ["startsOn", "开始日期"],
      ["endsOn", "结束日期"],
      ["beltPlanDeadline", "示范带创建方案报送截止日"],
      ["initialSummaryDeadline", "附件2报送截止日"],
    ] as const;
    for (const [field, label] of cases) {
      for (const bad of ["2018-02-29", "2018-8-10", ""]) {
        expect(validate({ [field]: bad }), `${field}=${bad}`).toEqual([
          { field, message: `${label}不是有效日期（格式：2026-08-10）` },
        ]);
      }
    }
  });

  it("reports every invalid date and skips the period checks then", () => {
    expect(fields(validate({ startsOn: "x", endsOn: "2018-13-01", beltPlanDeadline: "2030-08-10" }))).toEqual(
      ["startsOn", "endsOn"],
    );
  });

  it("refuses an end before the start, and only that", () => {
    expect(validate({ startsOn: "2018-12-31", endsOn: "2018-01-01" })).toEqual([
      { field: "endsOn", message: "结束日期不能早于开始日期" },
    ]);
  });

  it("accepts a period of a single day holding both deadlines", () => {
    expect(
      validate({
        startsOn: "2018-08-10",
        endsOn: "2018-08-10",
        beltPlanDeadline: "2018-08-10",
        initialSummaryDeadline: "2018-08-10",
      }),
    ).toEqual([]);
  });
});

describe("validateCycleDraft: overlapping cycles", () => {
  it("refuses a period overlapping another cycle by a day, naming that year and its dates", () => {
    expect(validate({ startsOn: "2017-12-31" })).toEqual([
      { field: "startsOn", message: "与 2017 年度（2017-01-01 至 2017-12-31）时间重叠" },
    ]);
  });

  it("refuses a period containing another, or inside it", () => {
    expect(validate({ startsOn: "2016-06-01", endsOn: "2018-12-31" })).toContainEqual({
      field: "startsOn",
      message: "与 2017 年度（2017-01-01 至 2017-12-31）时间重叠",
    });
    const inside = {
      startsOn: "2017-03-01",
      endsOn: "2017-10-01",
      beltPlanDeadline: "2017-08-10",
      initialSummaryDeadline: "2017-09-20",
    };
    expect(validate(inside, { opening: false })).toEqual([
      { field: "startsOn", message: "与 2017 年度（2017-01-01 至 2017-12-31）时间重叠" },
    ]);
  });

  it("names each cycle it overlaps", () => {
    const problems = validate(
      { startsOn: "2017-06-01", endsOn: "2019-06-01" },
      { others: [CYCLE_2017, CYCLE_2019], opening: false },
    );
    expect(problems.map((p) => p.message)).toEqual([
      "与 2017 年度（2017-01-01 至 2017-12-31）时间重叠",
      "与 2019 年度（2019-01-01 至 2019-12-31）时间重叠",
    ]);
  });

  it("accepts a period starting the day after another ends", () => {
    expect(validate({ startsOn: "2018-01-01" })).toEqual([]);
  });

  it("refuses opening a period that lies before another cycle", () => {
    const draft = defaultCycleDraft(2018, APPENDIX3_UNITS);
    const problems = validateCycleDraft(
      {
        ...draft,
        year: 2020,
        startsOn: "2016-01-01",
        endsOn: "2016-12-31",
        beltPlanDeadline: "2016-08-10",
        initialSummaryDeadline: "2016-09-20",
      },
      { others: [CYCLE_2017], units: APPENDIX3_UNITS, opening: true },
    );
    expect(problems).toEqual([
      { field: "startsOn", message: "新年度须在 2017 年度（2017-01-01 至 2017-12-31）之后" },
    ]);
  });
});

describe("validateCycleDraft: deadlines", () => {
  it("refuses a belt-plan deadline outside the period", () => {
    expect(validate({ beltPlanDeadline: "2017-12-31" })).toEqual([
      {
        field: "beltPlanDeadline",
        message: "示范带创建方案报送截止日（2017-12-31）须在本年度起止日期（2018-01-01 至 2018-12-31）之内",
      },
    ]);
  });

  it("refuses a 附件2 deadline outside the period", () => {
    expect(validate({ initialSummaryDeadline: "2019-01-01" })).toEqual([
      {
        field: "initialSummaryDeadline",
        message: "附件2报送截止日（2019-01-01）须在本年度起止日期（2018-01-01 至 2018-12-31）之内",
      },
    ]);
  });

  it("accepts deadlines on the period's first and last days", () => {
    expect(validate({ beltPlanDeadline: "2018-01-01", initialSummaryDeadline: "2018-12-31" })).toEqual([]);
  });

  it("refuses a 附件2 deadline before the belt-plan deadline", () => {
    expect(validate({ beltPlanDeadline: "2018-09-21", initialSummaryDeadline: "2018-09-20" })).toEqual([
      {
        field: "initialSummaryDeadline",
        message: "附件2报送截止日（2018-09-20）不能早于示范带创建方案报送截止日（2018-09-21）",
      },
    ]);
  });

  it("allows both deadlines on the same day", () => {
    expect(validate({ beltPlanDeadline: "2018-09-20", initialSummaryDeadline: "2018-09-20" })).toEqual([]);
  });
});

describe("validateCycleDraft: targets", () => {
  const NAMES = {
    excellent: "示范点目标",
    practices: "典型做法目标",
    good: "良好目标",
    pass: "达标目标",
    fail: "未达标目标",
  } as const;

  it("refuses a negative, fractional, non-finite or huge target, naming it", () => {
    for (const key of CYCLE_TARGET_KEYS) {
      for (const bad of [-1, 0.5, 99.9, Number.NaN, Number.POSITIVE_INFINITY, 100_001]) {
        expect(validate({ targets: { ...DRAFT_2018.targets, [key]: bad } }), `${key}=${bad}`).toEqual([
          { field: `targets.${key}`, message: `${NAMES[key]}须为不小于 0 的整数` },
        ]);
      }
    }
  });

  it("refuses an excellent target of 0, and only that target", () => {
    expect(validate({ targets: { ...DRAFT_2018.targets, excellent: 0 } })).toEqual([
      { field: "targets.excellent", message: "示范点目标须大于 0" },
    ]);
    expect(validate({ targets: { excellent: 1, practices: 0, good: 0, pass: 0, fail: 0 } })).toEqual([]);
  });

  it("accepts 100,000", () => {
    expect(validate({ targets: { ...DRAFT_2018.targets, pass: 100_000 } })).toEqual([]);
  });
});

describe("validateCycleDraft: quotas", () => {
  it("refuses an unknown unit, by its row", () => {
    const quotas = [
      ...DRAFT_2018.quotas,
      { unitId: "NOWHERE", excellentQuota: 1, practiceQuota: 0, reason: "" },
    ];
    expect(validate({ quotas })).toEqual([
      { field: "quotas[9].unitId", message: "第 10 行：未知单位“NOWHERE”" },
    ]);
  });

  it("refuses a unit listed twice", () => {
    const quotas = [
      ...DRAFT_2018.quotas,
      { unitId: "KECHENG", excellentQuota: 12, practiceQuota: 6, reason: "" },
    ];
    expect(validate({ quotas })).toEqual([{ field: "quotas[9].unitId", message: "柯城区的名额填了两次" }]);
  });

  it("refuses a missing unit", () => {
    const quotas = DRAFT_2018.quotas.filter((q) => q.unitId !== "KECHENG");
    expect(validate({ quotas })).toEqual([{ field: "quotas", message: "缺少柯城区的名额" }]);
    expect(fields(validate({ quotas: [] }))).toEqual(Array(APPENDIX3_UNITS.length).fill("quotas"));
  });

  it("reports a missing unit even when another unit's name begins with its name and that unit has a problem", () => {
    const units = [
      { id: "A", name: "西区", excellentQuota: 3, practiceQuota: 1 },
      { id: "B", name: "西区管委会", excellentQuota: 3, practiceQuota: 1 },
    ];
    const draft = defaultCycleDraft(2018, units);
    const problems = validateCycleDraft(
      { ...draft, quotas: [{ unitId: "B", excellentQuota: -1, practiceQuota: 1, reason: "调整" }] },
      { others: [], units, opening: true },
    );
    expect(problems).toEqual([
      { field: "quotas[0].excellentQuota", message: "西区管委会：优秀创建名额须为不小于 0 的整数" },
      { field: "quotas", message: "缺少西区的名额" },
    ]);
  });

  it("refuses a negative, fractional or too large quota", () => {
    expect(validate(withQuota(KECHENG, { excellentQuota: -1, reason: "调整" }))).toEqual([
      { field: `quotas[${KECHENG}].excellentQuota`, message: "柯城区：优秀创建名额须为不小于 0 的整数" },
    ]);
    expect(validate(withQuota(KECHENG, { practiceQuota: 2.5, reason: "调整" }))).toEqual([
      { field: `quotas[${KECHENG}].practiceQuota`, message: "柯城区：典型做法名额须为不小于 0 的整数" },
    ]);
    expect(
      fields(validate(withQuota(KECHENG, { excellentQuota: 1001, practiceQuota: 6, reason: "调整" }))),
    ).toEqual([`quotas[${KECHENG}].excellentQuota`]);
  });

  it("also asks for a reason when an invalid quota differs from Appendix 3 without one", () => {
    expect(fields(validate(withQuota(KECHENG, { excellentQuota: -1 })))).toEqual([
      `quotas[${KECHENG}].excellentQuota`,
      `quotas[${KECHENG}].reason`,
    ]);
  });

  it("refuses more typical practices than excellent sites, which they are chosen from", () => {
    expect(validate(withQuota(KECHENG, { excellentQuota: 12, practiceQuota: 13, reason: "调整" }))).toEqual([
      {
        field: `quotas[${KECHENG}].practiceQuota`,
        message: "柯城区：典型做法从示范点中选树，名额（13）不能多于优秀创建名额（12）",
      },
    ]);
    expect(validate(withQuota(KECHENG, { excellentQuota: 6, practiceQuota: 6, reason: "调整" }))).toEqual([]);
  });

  it("refuses a quota differing from Appendix 3 without a reason", () => {
    const expected = [
      { field: `quotas[${KECHENG}].reason`, message: "柯城区：名额与附件3（12/6）不同，须填写调整理由" },
    ];
    expect(validate(withQuota(KECHENG, { excellentQuota: 14 }))).toEqual(expected);
    expect(validate(withQuota(KECHENG, { practiceQuota: 5 }))).toEqual(expected);
    expect(validate(withQuota(KECHENG, { excellentQuota: 14, reason: " \u3000 " }))).toEqual(expected);
  });

  it("accepts a quota differing from Appendix 3 with a reason", () => {
    expect(validate(withQuota(KECHENG, { excellentQuota: 14, reason: "新增两家特色小镇" }))).toEqual([]);
    expect(validate(withQuota(KECHENG, { excellentQuota: 0, practiceQuota: 0, reason: "暂停创建" }))).toEqual(
      [],
    );
  });

  it("limits the reason of a differing quota to 200 characters", () => {
    expect(validate(withQuota(KECHENG, { excellentQuota: 14, reason: "理".repeat(201) }))).toEqual([
      { field: `quotas[${KECHENG}].reason`, message: "柯城区：调整理由最多 200 个字" },
    ]);
    expect(validate(withQuota(KECHENG, { excellentQuota: 14, reason: "理".repeat(200) }))).toEqual([]);
  });

  it("accepts the quotas in any order", () => {
    expect(validate({ quotas: [...DRAFT_2018.quotas].reverse() })).toEqual([]);
  });
});

describe("validateCycleDraft: several problems at once", () => {
  it("reports each with its own field", () => {
    const problems = validate({
      year: 2017,
      name: "",
      endsOn: "2018-02-30",
      targets: { ...DRAFT_2018.targets, good: -5 },
      ...withQuota(KECHENG, { excellentQuota: 20 }),
    });
    expect(fields(problems)).toEqual(["year", "name", "endsOn", "targets.good", `quotas[${KECHENG}].reason`]);
    for (const { message } of problems) expect(message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("quotaReason", () => {
  const unit = { excellentQuota: 12, practiceQuota: 6 };
  const quota = (excellentQuota: number, practiceQuota: number, reason: string): CycleUnitQuota => ({
    unitId: "KECHENG",
    excellentQuota,
    practiceQuota,
    reason,
  });

  it("is null for a quota that follows Appendix 3, whatever was typed", () => {
    expect(quotaReason(quota(12, 6, ""), unit)).toBeNull();
    expect(quotaReason(quota(12, 6, "无需理由"), unit)).toBeNull();
  });

  it("is the trimmed reason for a quota that differs", () => {
    expect(quotaReason(quota(14, 6, "  新增两家特色小镇 "), unit)).toBe("新增两家特色小镇");
    expect(quotaReason(quota(12, 4, "减少"), unit)).toBe("减少");
    expect(quotaReason(quota(12, 4, ""), unit)).toBe("");
  });
});

describe("checkCycleWritable", () => {
  it("lets the current cycle be written", () => {
    expect(checkCycleWritable({ year: 2018, isCurrent: true })).toEqual({ ok: true });
  });

  it("keeps a past cycle read-only, saying so with its year", () => {
    const check = checkCycleWritable({ year: 2017, isCurrent: false });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toContain("2017");
    expect(check.message).toContain("只能查看");
  });
});

describe("carryOverPlanVersion", () => {
  const v = (version: number, decision: string | null) => ({ version, decision });

  it("takes the last accepted version over a later returned one", () => {
    const versions = [v(1, "RETURNED"), v(2, "ACCEPTED"), v(3, "RETURNED")];
    expect(carryOverPlanVersion(versions)).toBe(versions[1]);
  });

  it("takes the latest of several accepted versions, not the first", () => {
    const versions = [v(1, "ACCEPTED"), v(2, "RETURNED"), v(3, "ACCEPTED"), v(4, null)];
    expect(carryOverPlanVersion(versions)?.version).toBe(3);
  });

  it("takes the latest version when none was accepted", () => {
    expect(carryOverPlanVersion([v(1, "RETURNED"), v(2, "RETURNED")])?.version).toBe(2);
    expect(carryOverPlanVersion([v(1, "RETURNED"), v(2, null)])?.version).toBe(2);
  });

  it("is null without any version", () => {
    expect(carryOverPlanVersion([])).toBeNull();
  });
});
