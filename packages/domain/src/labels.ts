import type {
  BeltKind,
  Grade,
  OrgKind,
  RereviewStatus,
  RereviewSuggestion,
  Role,
  SetupKind,
  SheetStatus,
  Stage,
  Tier,
  UnitKind,
} from "./codes.ts";

// Every code must have a label (the Record<K, …> half), while callers holding a plain string from
// the database can still look one up (the Record<string, …> half, which yields string | undefined).
type CodeLabels<K extends string> = Readonly<Record<K, string>> & Readonly<Record<string, string>>;

export type LabelGroups = {
  readonly orgKind: CodeLabels<OrgKind>;
  readonly stage: CodeLabels<Stage>;
  readonly grade: CodeLabels<Grade>;
  readonly tier: CodeLabels<Tier>;
  readonly unitKind: CodeLabels<UnitKind>;
  readonly beltKind: CodeLabels<BeltKind>;
  readonly role: CodeLabels<Role>;
  readonly sheetStatus: CodeLabels<SheetStatus>;
  readonly rereviewSuggestion: CodeLabels<RereviewSuggestion>;
  readonly rereviewStatus: CodeLabels<RereviewStatus>;
  readonly setupKind: CodeLabels<SetupKind>;
};

/** The campaign document's own words (衢两新〔2017〕3号). */
export const LABELS_ZH: LabelGroups = {
  orgKind: {
    ENTERPRISE: "非公企业",
    SPECIAL_TOWN: "特色小镇",
    PRIVATE_SCHOOL: "民办学校",
    PRIVATE_HOSPITAL: "民办医院",
    LAW_FIRM: "律师事务所",
    ACCOUNTING_FIRM: "会计师事务所",
    OTHER: "其他",
  },
  stage: {
    SELF: "自评",
    TOWNSHIP_REVIEW: "复核",
    COUNTY_INITIAL: "初评",
    CITY_FINAL: "评定",
  },
  grade: {
    EXCELLENT: "优秀",
    GOOD: "良好",
    PASS: "达标",
    FAIL: "未达标",
  },
  tier: {
    DEMONSTRATION: "示范梯队",
    CONSOLIDATION: "巩固梯队",
    IMPROVEMENT: "提高梯队",
    WARNING: "预警梯队",
  },
  unitKind: {
    COUNTY: "县（市、区）",
    ZONE: "功能区",
    DEPARTMENT: "市直部门",
  },
  beltKind: {
    ORDINARY: "示范带",
    SPECIAL_TOWN: "特色小镇示范带",
  },
  role: {
    CITY: "市两新工委",
    COUNTY: "县（市、区）两新工委",
    TOWNSHIP: "乡镇（街道、园区）",
    ORG: "两新组织",
    LEADER: "领导",
  },
  sheetStatus: {
    DRAFT: "草稿",
    SUBMITTED: "已提交",
    RETURNED: "已退回",
  },
  rereviewSuggestion: {
    NONE: "维持",
    UPGRADE: "升级",
    DOWNGRADE: "降级",
  },
  rereviewStatus: {
    PENDING: "待复评",
    REVIEWED: "已复评",
    ESCALATED: "待市级超额审定",
    APPROVED: "同意调整，待备案",
    REJECTED: "不同意调整",
    FILED: "市级已备案",
    SUPERSEDED: "已由评定取代",
  },
  setupKind: {
    SINGLE: "单建",
    JOINT: "联建",
  },
};
