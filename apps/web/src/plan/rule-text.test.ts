import type { RuleResultDto } from "@beltmap/api";
import { RULE_IDS, type RuleId } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import "../i18n/compliance.ts";
import { i18next } from "../i18n/index.ts";
import { cellState, ruleExplanation } from "./rule-text.ts";

const HAN = /[\u4e00-\u9fff]/;
const inLanguage = (lng: string) => (key: string, options?: Record<string, unknown>) =>
  i18next.t(key, { ...options, lng });
const zh = inLanguage("zh-CN");
const en = inLanguage("en");
const explainZh = (rule: RuleResultDto) => ruleExplanation(rule, zh, "zh-CN");
const explainEn = (rule: RuleResultDto) => ruleExplanation(rule, en, "en");

function result(rule: RuleId, fields: Partial<RuleResultDto> = {}): RuleResultDto {
  return {
    rule,
    title: "",
    passed: true,
    advisory: rule === "SPECIAL_TOWN_BELT",
    applicable: true,
    expected: null,
    actual: null,
    offendingBeltIds: [],
    offendingSiteIds: [],
    offendingMemberIds: [],
    deadline: null,
    submittedAt: null,
    ...fields,
  };
}

// 2017-08-10 23:59:59 in China; a submission on the 14th, 09:30 in China (01:30 UTC).
const DEADLINE = "2017-08-10T15:59:59.000Z";
const LATE = "2017-08-14T01:30:00.000Z";
const EARLY = "2017-08-09T16:30:00.000Z"; // 2017-08-10 00:30 in China: on the deadline's day

describe("cellState", () => {
  it("tells pass, fail, advice and not applicable apart", () => {
    expect(cellState({ applicable: true, passed: true, advisory: false })).toBe("pass");
    expect(cellState({ applicable: true, passed: false, advisory: false })).toBe("fail");
    expect(cellState({ applicable: true, passed: false, advisory: true })).toBe("advice");
    expect(cellState({ applicable: true, passed: true, advisory: true })).toBe("pass");
    expect(cellState({ applicable: false, passed: true, advisory: false })).toBe("na");
    expect(cellState({ applicable: false, passed: false, advisory: true })).toBe("na");
  });
});

describe("ruleExplanation", () => {
  it("says a rule does not apply, whatever the rule", () => {
    for (const rule of RULE_IDS) {
      expect(explainZh(result(rule, { applicable: false }))).toBe("本单位不适用此项要求");
      expect(explainEn(result(rule, { applicable: false }))).toBe("Does not apply to this unit");
    }
  });

  it("has words for every rule passed and failed in both languages, never a key", () => {
    for (const rule of RULE_IDS) {
      for (const passed of [true, false]) {
        const r = result(rule, { passed, expected: 3, actual: passed ? 3 : 2, deadline: DEADLINE });
        const zhText = explainZh(r);
        const enText = explainEn(r);
        expect(zhText).toMatch(HAN);
        expect(zhText).not.toMatch(/compliance\.|\{\{/);
        expect(enText).not.toMatch(/compliance\.|\{\{/);
        // English may name 市经信委 (a proper name) but is otherwise English.
        expect(enText.replace("市经信委", "")).not.toMatch(HAN);
        expect(enText).not.toBe(zhText);
      }
    }
  });

  it("MIN_BELTS: the count against the minimum", () => {
    expect(explainZh(result("MIN_BELTS", { passed: false, expected: 3, actual: 2 }))).toBe(
      "示范带 2 条，至少 3 条",
    );
    expect(explainZh(result("MIN_BELTS", { passed: true, expected: 3, actual: 4 }))).toBe(
      "示范带 4 条，至少 3 条",
    );
    expect(explainEn(result("MIN_BELTS", { passed: false, expected: 3, actual: 2 }))).toBe(
      "Belts: 2, at least 3",
    );
  });

  it("SERVICE_CENTER: built or not", () => {
    expect(explainZh(result("SERVICE_CENTER", { passed: true, expected: 1, actual: 1 }))).toBe(
      "已建区域性党群服务中心",
    );
    expect(explainZh(result("SERVICE_CENTER", { passed: false, expected: 1, actual: 0 }))).toBe(
      "尚未建区域性党群服务中心",
    );
    expect(explainEn(result("SERVICE_CENTER", { passed: false, expected: 1, actual: 0 }))).toBe(
      "No regional service center yet",
    );
  });

  it("STOPS_ELIGIBLE: how many stops on how many belts are not the unit's", () => {
    const failed = result("STOPS_ELIGIBLE", {
      passed: false,
      offendingBeltIds: [7],
      offendingSiteIds: [101, 102],
    });
    expect(explainZh(failed)).toBe("1 条示范带上有 2 个站点不是本单位（或所在县市经信委）的组织");
    expect(explainEn(failed)).toBe("Stops not of the unit (or of 市经信委 in its county): 2, on belts: 1");
    expect(explainZh(result("STOPS_ELIGIBLE"))).toBe("站点均为本单位（或所在县市经信委）的组织");
  });

  it("SPECIAL_TOWN_IN_EVERY_BELT: the belts without a special town", () => {
    const failed = result("SPECIAL_TOWN_IN_EVERY_BELT", {
      passed: false,
      expected: 3,
      actual: 2,
      offendingBeltIds: [12],
    });
    expect(explainZh(failed)).toBe("1 条示范带没有特色小镇");
    expect(explainEn(failed)).toBe("Belts without a special town: 1");
    // Without ids, the count is what is missing.
    expect(explainZh(result("SPECIAL_TOWN_IN_EVERY_BELT", { passed: false, expected: 4, actual: 2 }))).toBe(
      "2 条示范带没有特色小镇",
    );
    expect(explainZh(result("SPECIAL_TOWN_IN_EVERY_BELT", { passed: true, expected: 3, actual: 3 }))).toBe(
      "3 条示范带都有特色小镇",
    );
  });

  it("EVERY_SITE_ON_A_BELT: the demonstration sites left off", () => {
    const failed = result("EVERY_SITE_ON_A_BELT", {
      passed: false,
      expected: 9,
      actual: 8,
      offendingSiteIds: [55],
    });
    expect(explainZh(failed)).toBe("1 个示范点未排进示范带");
    expect(explainEn(failed)).toBe("Demonstration sites on no belt: 1");
    expect(explainZh(result("EVERY_SITE_ON_A_BELT", { expected: 9, actual: 9 }))).toBe(
      "9 个示范点都已排进示范带",
    );
    expect(explainZh(result("EVERY_SITE_ON_A_BELT", { expected: 0, actual: 0 }))).toBe("本单位暂无示范点");
    expect(explainEn(result("EVERY_SITE_ON_A_BELT", { expected: 0, actual: 0 }))).toBe(
      "No demonstration site yet",
    );
  });

  it("SPECIAL_TOWN_BELT: advice, not a failure", () => {
    const advice = result("SPECIAL_TOWN_BELT", { passed: false, advisory: true });
    expect(cellState(advice)).toBe("advice");
    expect(explainZh(advice)).toBe("建议：建设一条全部由特色小镇组成的示范带");
    expect(explainEn(advice)).toBe("Advice: build one belt of special-town sites only");
    expect(explainZh(result("SPECIAL_TOWN_BELT", { passed: true, advisory: true }))).toBe(
      "已有一条特色小镇示范带",
    );
  });

  it("PLAN_ON_TIME: the deadline and the first submission, on China's calendar", () => {
    expect(explainZh(result("PLAN_ON_TIME", { passed: false, deadline: DEADLINE, submittedAt: LATE }))).toBe(
      "截止 2017/08/10，2017/08/14 报送（逾期）",
    );
    expect(explainEn(result("PLAN_ON_TIME", { passed: false, deadline: DEADLINE, submittedAt: LATE }))).toBe(
      "Due 10/08/2017, submitted 14/08/2017 (late)",
    );
    expect(explainZh(result("PLAN_ON_TIME", { passed: true, deadline: DEADLINE, submittedAt: EARLY }))).toBe(
      "截止 2017/08/10，2017/08/10 报送（按期）",
    );
    expect(explainZh(result("PLAN_ON_TIME", { passed: false, deadline: DEADLINE, submittedAt: null }))).toBe(
      "尚未报送（截止 2017/08/10）",
    );
    expect(explainEn(result("PLAN_ON_TIME", { passed: false, deadline: DEADLINE, submittedAt: null }))).toBe(
      "Not submitted yet (due 10/08/2017)",
    );
    expect(explainZh(result("PLAN_ON_TIME", { passed: false }))).toBe("尚未报送");
  });
});

describe("COMMITTEE_CONTACTS", () => {
  const failed = result("COMMITTEE_CONTACTS", {
    passed: false,
    expected: 19,
    actual: 18,
    offendingSiteIds: [948],
    offendingMemberIds: [76, 77],
  });

  it("counts the sites with a contact and names the members who break the rule", () => {
    const names = { member: (id: number) => ({ 76: "张伟", 77: "李娜" })[id] };
    expect(ruleExplanation(failed, zh, "zh-CN", names)).toBe(
      "示范点 19 个，其中 18 个有联系委员；未联系或联系多家示范点的委员：张伟、李娜",
    );
    expect(ruleExplanation(failed, en, "en", names)).toBe(
      "Demonstration sites: 19, with a contact member: 18; Members linking no site or several: 张伟, 李娜",
    );
  });

  it("counts the members when their names are not known", () => {
    expect(explainZh(failed)).toBe("示范点 19 个，其中 18 个有联系委员；2 位委员未联系或联系多家示范点");
    // Only a site without contact.
    expect(explainZh({ ...failed, offendingMemberIds: [] })).toBe("示范点 19 个，其中 18 个有联系委员");
    expect(explainZh(result("COMMITTEE_CONTACTS", { expected: 12, actual: 12 }))).toBe(
      "12 个示范点都有联系委员，每位委员联系一家示范点",
    );
  });

  it("is not applicable where the roster is not known (the planner's live checks)", () => {
    const live = result("COMMITTEE_CONTACTS", { applicable: false });
    expect(cellState(live)).toBe("na");
    expect(explainZh(live)).toBe("本单位不适用此项要求");
  });
});

describe("compliance strings", () => {
  it("have a short header for every rule in both languages", () => {
    for (const rule of RULE_IDS) {
      const short = zh(`compliance.short.${rule}`);
      expect(short).toMatch(HAN);
      expect(short.length).toBeLessThanOrEqual(4);
      expect(en(`compliance.short.${rule}`)).not.toMatch(HAN);
      expect(en(`compliance.short.${rule}`)).not.toMatch(/^compliance\./);
    }
    expect(zh("compliance.status.SUBMITTED")).toBe("已报送，待市里审核");
  });
});
