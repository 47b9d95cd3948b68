import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../i18n/en.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { AUDIT_ACTIONS, auditActionName, auditSummary } from "./audit.ts";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
    lng: "zh-CN",
    interpolation: { escapeValue: false },
  });
});
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {});

describe("auditActionName", () => {
  it("names every action the sheet page shows, in Chinese and English", async () => {
    for (const action of AUDIT_ACTIONS) {
      const zh = auditActionName(action, t);
      expect(zh).not.toBe(action);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    await i18n.changeLanguage("en");
    for (const action of AUDIT_ACTIONS) expect(auditActionName(action, t)).toMatch(/^[A-Z][a-z]/);
    await i18n.changeLanguage("zh-CN");
  });
  it("keeps the code of an action it does not know", () => {
    expect(auditActionName("belt.reorder", t)).toBe("belt.reorder");
  });
});

describe("auditSummary", () => {
  it("says what a stage write did, with the total and the county's opinion", () => {
    expect(
      auditSummary(
        { action: "sheet.submit", after: { stage: "TOWNSHIP_REVIEW", total: 79, status: "SUBMITTED" } },
        t,
      ),
    ).toBe("复核 提交 79 分");
    expect(
      auditSummary(
        { action: "sheet.submit", after: { stage: "COUNTY_INITIAL", total: 85.5, opinion: "同意复核结果" } },
        t,
      ),
    ).toBe("初评 提交 85.5 分；初评意见：同意复核结果");
    expect(auditSummary({ action: "sheet.save", after: { stage: "SELF", total: 60 } }, t)).toBe(
      "自评 保存草稿 60 分",
    );
  });
  it("gives a return's reason and a determination's override reason", () => {
    expect(
      auditSummary(
        {
          action: "sheet.return",
          before: { stage: "SELF", status: "SUBMITTED" },
          after: { stage: "SELF", status: "RETURNED", reason: "材料不全" },
        },
        t,
      ),
    ).toBe("退回自评：材料不全");
    expect(
      auditSummary(
        {
          action: "grade.determine.override",
          after: { grade: "EXCELLENT", total: 100, quotaOverrideReason: "成效突出" },
        },
        t,
      ),
    ).toBe("评定 优秀（超额：成效突出）");
    expect(auditSummary({ action: "grade.determine", after: { grade: "GOOD", total: 82 } }, t)).toBe(
      "评定 良好（82 分）",
    );
  });
  it("tells the re-review steps", () => {
    expect(
      auditSummary(
        {
          action: "rereview.record",
          after: { suggestion: "UPGRADE", suggestedGrade: "GOOD", status: "REVIEWED" },
        },
        t,
      ),
    ).toBe("复查结论：建议升级为良好");
    expect(
      auditSummary({ action: "rereview.record", after: { suggestion: "NONE", suggestedGrade: null } }, t),
    ).toBe("复查结论：维持原等次");
    expect(
      auditSummary(
        { action: "rereview.approve", before: { grade: "PASS" }, after: { grade: "GOOD", reason: null } },
        t,
      ),
    ).toBe("等次由达标调整为良好");
    expect(auditSummary({ action: "rereview.reject", after: { grade: "PASS", reason: "依据不足" } }, t)).toBe(
      "维持原等次：依据不足",
    );
  });
  it("tells duty changes, naming members it knows", () => {
    expect(auditSummary({ action: "duty.countyDualManaged", after: { countyDualManaged: true } }, t)).toBe(
      "纳入县级双重管理",
    );
    expect(auditSummary({ action: "duty.countyDualManaged", after: { countyDualManaged: false } }, t)).toBe(
      "取消县级双重管理",
    );
    const names = (id: number) => (id === 7 ? "郑国平" : undefined);
    expect(auditSummary({ action: "duty.contact", after: { memberIds: [7, 9] } }, t, names)).toBe(
      "联系委员：郑国平、#9",
    );
    expect(auditSummary({ action: "duty.contact", after: { memberIds: [] } }, t)).toBe("取消联系委员");
    // Rows written since the names are stored need no member list to read them.
    expect(
      auditSummary({ action: "duty.contact", after: { memberIds: [3], memberNames: ["郑国平"] } }, t),
    ).toContain("郑国平");
  });
  it("copes with missing or odd JSON", () => {
    expect(auditSummary({ action: "sheet.submit" }, t)).toBe(" 提交 — 分");
    expect(auditSummary({ action: "sheet.return", after: "text" }, t)).toBe("退回：");
    expect(auditSummary({ action: "something.else", after: { a: 1 } }, t)).toBe("");
  });
});

describe("auditSummary of the re-review paths issue 12 added", () => {
  it("says an escalation, the city's decision over the quota and what a 摘牌 took away", () => {
    expect(auditSummary({ action: "rereview.escalate", after: { status: "ESCALATED" } }, t)).toBe(
      "县级同意调整；本单位优秀名额已满，报市委两新工委超额审定",
    );
    expect(
      auditSummary(
        {
          action: "rereview.cityApprove.override",
          before: { grade: "GOOD" },
          after: { grade: "EXCELLENT", overQuotaReason: "成效突出" },
        },
        t,
      ),
    ).toBe("等次由良好调整为优秀（超额理由：成效突出）");
    expect(auditSummary({ action: "rereview.cityReject", after: { reason: "佐证材料不足" } }, t)).toBe(
      "维持原等次：佐证材料不足",
    );
    expect(
      auditSummary(
        { action: "site.delist", after: { effects: ["退出县级双重管理", "退出市级双重管理"] } },
        t,
      ),
    ).toBe("摘牌：退出县级双重管理；退出市级双重管理");
  });
});
