import type { DashboardSummaryDto } from "@beltmap/api";
import { beforeAll, describe, expect, it } from "vitest";
import { i18next, loadLanguage } from "../i18n/index.ts";
import type { Translate } from "./chart-options.ts";
import { SUMMARY_2026 } from "./demo-fixtures.ts";
import { cycleLabel, nonCompetitorText, targetFigures } from "./figures.ts";
import {
  deadlineTallies,
  reportRows,
  rosterRows,
  rosterText,
  timelinessText,
  unitReports,
} from "./reports.ts";

let t: Translate;
let en: Translate;

beforeAll(async () => {
  await Promise.all([import("../i18n/dashboard.ts"), import("../i18n/playback.ts")]);
  await loadLanguage("en");
  t = i18next.getFixedT("zh-CN");
  en = i18next.getFixedT("en");
});

type UnitFigures = DashboardSummaryDto["perUnit"][number];
const unit = (id: string): UnitFigures => {
  const found = SUMMARY_2026.perUnit.find((u) => u.unitId === id);
  if (!found) throw new Error(`no ${id} in the fixture`);
  return found;
};

describe("timelinessText", () => {
  it("says each state, never a blanket 已截止", () => {
    expect(timelinessText({ state: "ON_TIME", daysLeft: 0, daysLate: 0 }, t)).toBe("已按期报送");
    expect(timelinessText({ state: "LATE", daysLeft: 0, daysLate: 4 }, t)).toBe("逾期 4 天报送");
    expect(timelinessText({ state: "OPEN", daysLeft: 30, daysLate: 0 }, t)).toBe("未报送，剩 30 天");
    expect(timelinessText({ state: "OPEN", daysLeft: 0, daysLate: 0 }, t)).toBe("未报送，今天截止");
    expect(timelinessText({ state: "OVERDUE", daysLeft: 0, daysLate: 10 }, t)).toBe("逾期未报送 10 天");
    expect(timelinessText({ state: "OVERDUE", daysLeft: 0, daysLate: 10 }, en)).toBe(
      "Not submitted, 10 d overdue",
    );
  });
});

describe("unitReports (the demo on 2026-11-20)", () => {
  it("gives each unit its own state for the belt plan and 附件2", () => {
    const changshan = unitReports(unit("CHANGSHAN"), t);
    expect(changshan.plan).toEqual({
      key: "beltPlan",
      tone: "overdue",
      text: "逾期未报送 10 天",
      note: null,
    });
    expect(changshan.appendix2).toMatchObject({ tone: "open", text: "未报送，剩 30 天", note: null });
    expect(unitReports(unit("QUJIANG"), t).plan).toMatchObject({
      tone: "late",
      text: "逾期 4 天报送",
      note: "市级已通过",
    });
    expect(unitReports(unit("KECHENG"), t).plan).toMatchObject({ tone: "ok", note: "已退回修改" });
    expect(unitReports(unit("KAIHUA"), t).plan?.note).toBe("待市级审核");
  });

  it("says where a 附件2 stands with the city: received, awaiting, returned, resubmitted", () => {
    expect(unitReports(unit("LONGYOU"), t).appendix2).toMatchObject({
      tone: "ok",
      text: "已按期报送",
      note: "市级已接收",
    });
    expect(unitReports(unit("JIANGSHAN"), t).appendix2.note).toBe("待市级接收");
    expect(unitReports(unit("GREEN_ZONE"), t).appendix2.note).toBe("已退回，待重新报送");
    const resubmitted = {
      ...unit("GREEN_ZONE"),
      appendix2: { ...unit("GREEN_ZONE").appendix2, status: "SUBMITTED" as const, resubmitted: true },
    };
    expect(unitReports(resubmitted, t).appendix2.note).toBe("已重新报送，待市级接收");
  });

  it("has no belt-plan state for a unit that builds no belts (市经信委)", () => {
    expect(unitReports(unit("JINGXIN"), t).plan).toBeNull();
  });

  it("never tells a unit that submitted that a deadline has passed", () => {
    for (const row of reportRows(SUMMARY_2026, null, t)) {
      for (const state of [row.plan, row.appendix2]) {
        expect(state?.text ?? "").not.toMatch(/已截止/);
        if (state?.tone === "ok" || state?.tone === "late") expect(state.text).toMatch(/报送$/);
      }
    }
  });

  it("shows only the chosen unit's row in a one-unit view", () => {
    expect(reportRows(SUMMARY_2026, "CHANGSHAN", t).map((r) => r.unitId)).toEqual(["CHANGSHAN"]);
    expect(reportRows(SUMMARY_2026, null, t)).toHaveLength(9);
  });
});

describe("deadlineTallies", () => {
  it("takes the region's tally from the API and names the late units, overdue first", () => {
    const [plan, appendix2] = deadlineTallies(SUMMARY_2026, null, t);
    expect(plan).toMatchObject({ key: "beltPlan", name: "示范带创建方案", day: "2026-11-10" });
    expect(plan?.deadline).toBe("11月10日截止");
    expect(plan?.parts.map((p) => p.text)).toEqual(["按期报送 6", "逾期报送 1", "逾期未报送 1"]);
    expect(plan?.exceptions.map((e) => `${e.unitName} ${e.text}`)).toEqual([
      "常山县 逾期未报送 10 天",
      "衢江区 逾期 4 天报送",
    ]);
    expect(plan?.openText).toBeNull();
    expect(appendix2?.deadline).toBe("12月20日截止");
    expect(appendix2?.parts.map((p) => p.text)).toEqual(["按期报送 3", "未到期未报送 6"]);
    expect(appendix2?.exceptions).toEqual([]);
    expect(appendix2?.openText).toBe("6 个单位未报送，剩 30 天");
  });

  it("counts a chosen unit's own state", () => {
    const [plan, appendix2] = deadlineTallies(SUMMARY_2026, "CHANGSHAN", t);
    expect(plan?.parts.map((p) => p.text)).toEqual(["逾期未报送 1"]);
    expect(plan?.exceptions.map((e) => e.unitId)).toEqual(["CHANGSHAN"]);
    expect(appendix2?.openText).toBe("1 个单位未报送，剩 30 天");
    // 市经信委 owes no belt plan: nothing to count.
    const [jingxinPlan] = deadlineTallies(SUMMARY_2026, "JINGXIN", t);
    expect(jingxinPlan?.parts).toEqual([]);
    expect(jingxinPlan?.exceptions).toEqual([]);
  });

  it("says when the deadline is today", () => {
    const today: DashboardSummaryDto = {
      ...SUMMARY_2026,
      perUnit: SUMMARY_2026.perUnit.map((u) => ({
        ...u,
        appendix2: { ...u.appendix2, timeliness: { ...u.appendix2.timeliness, daysLeft: 0 } },
      })),
    };
    expect(deadlineTallies(today, null, t)[1]?.openText).toBe("6 个单位未报送，今天截止");
    expect(deadlineTallies(today, null, en)[1]?.openText).toBe("6 units not yet submitted, due today");
  });
});

describe("the headline figures", () => {
  it("are 示范点 against 100 and 典型做法 against 50 for the city", () => {
    expect(targetFigures(SUMMARY_2026, null, t)).toEqual([
      { key: "excellent", value: 100, of: 100, ofText: "目标 100 个" },
      { key: "practices", value: 43, of: 50, ofText: "目标 50 个" },
    ]);
  });

  it("are a unit's against its own quotas", () => {
    expect(targetFigures(SUMMARY_2026, "LONGYOU", t)).toEqual([
      { key: "excellent", value: 19, of: 20, ofText: "名额 20 个" },
      { key: "practices", value: 8, of: 10, ofText: "名额 10 个" },
    ]);
    // A unit the figures do not know: the city's.
    expect(targetFigures(SUMMARY_2026, "NOWHERE", t)[0]?.of).toBe(100);
  });

  it("are a township's own against its whole unit's quota and use", () => {
    const longyou = unit("LONGYOU");
    const township: DashboardSummaryDto = {
      ...SUMMARY_2026,
      region: { level: "TOWNSHIP", name: "东华街道", partOfUnit: true },
      perUnit: [{ ...longyou, excellent: 3, practices: 1 }],
    };
    expect(targetFigures(township, "LONGYOU", t)).toEqual([
      { key: "excellent", value: 3, of: 20, ofText: "龙游县名额 20 个，已用 19 个" },
      { key: "practices", value: 1, of: 10, ofText: "龙游县名额 10 个，已用 8 个" },
    ]);
  });

  it("count the non-competitors apart", () => {
    expect(nonCompetitorText(SUMMARY_2026, null, t)).toBe(
      "另有 25 个非争创对象（联建或非实体运作），不参加评分",
    );
    expect(nonCompetitorText(SUMMARY_2026, "LONGYOU", t)).toBe(
      "另有 4 个非争创对象（联建或非实体运作），不参加评分",
    );
    expect(nonCompetitorText({ ...SUMMARY_2026, nonCompetitors: 0 }, null, t)).toBeNull();
  });

  it("name the cycle", () => {
    expect(cycleLabel(SUMMARY_2026, t)).toBe("2026 年度");
    expect(cycleLabel(SUMMARY_2026, en)).toBe("Year 2026");
  });
});

describe("the roster count", () => {
  it("says the region's 委员联系点 in one line", () => {
    const { total, units } = rosterRows(SUMMARY_2026, null, t);
    expect(rosterText(total, t)).toBe("委员联系点：99 / 100 个示范点有联系委员；2 名委员未联系示范点");
    expect(units).toHaveLength(9);
    expect(units.filter((u) => !u.passed).map((u) => u.unitName)).toEqual(["江山市", "常山县"]);
  });

  it("says a unit's own", () => {
    const { total, units } = rosterRows(SUMMARY_2026, "LONGYOU", t);
    expect(units.map((u) => u.unitId)).toEqual(["LONGYOU"]);
    expect(rosterText(total, t)).toBe("委员联系点：19 / 19 个示范点有联系委员；19 名委员均已联系示范点");
    expect(rosterText(total, en)).toBe(
      "Contact sites: 19 / 19 sites have a contact member; all 19 members link a site",
    );
  });
});
