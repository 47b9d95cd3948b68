// The strings of the belt-rule compliance matrix (units × rules), loaded with the code that shows it
// rather than with the app: they join i18next's resources when that module first runs.
import { PLAN_STATUS_LABELS_ZH } from "@beltmap/domain";
import { i18next } from "./index.ts";

const zhCN = {
  caption: "各单位示范带要求落实情况",
  unit: "单位",
  planStatus: "方案",
  /** Column headers, narrow; the full rule title (rules.*) goes on hover and to screen readers. */
  short: {
    MIN_BELTS: "数量",
    SERVICE_CENTER: "服务中心",
    STOPS_ELIGIBLE: "站点",
    SPECIAL_TOWN_IN_EVERY_BELT: "特色小镇",
    DISTINCT_BELTS: "不重复",
    EVERY_SITE_ON_A_BELT: "全覆盖",
    SPECIAL_TOWN_BELT: "小镇带",
    PLAN_ON_TIME: "按期",
    COMMITTEE_CONTACTS: "委员联系",
  },
  state: {
    pass: "达标",
    fail: "未达标",
    advice: "建议",
    na: "不适用",
  },
  unitPassed: "全部达标",
  unitFailed: "有未达标项",
  /** The unit's button: its name and overall result. */
  selectUnit: "查看{{unit}}（{{state}}）",
  /** A ✗ button, read without its row and column: what failed and what clicking does. */
  failLabel: "{{unit}}：{{rule}}，未达标。{{explanation}}。在地图上查看",
  /** The roster rule's ✗ with nothing to show on the map (only members offend): it opens the unit. */
  failLabelUnit: "{{unit}}：{{rule}}，未达标。{{explanation}}。查看该单位",
  /** Under the matrix: where the roster rule is kept. */
  rosterLink: "两新工委委员名单",
  /** A ✓, ! or — for screen readers (the row and column headers give the unit and rule). */
  cellText: "{{state}}：{{explanation}}",
  /** Plan status, short for the column; the full label on hover. */
  statusShort: {
    DRAFT: "草稿",
    SUBMITTED: "待审核",
    ACCEPTED: "已通过",
    RETURNED: "已退回",
    none: "未编制",
  },
  status: { ...PLAN_STATUS_LABELS_ZH, none: "尚未编制方案" },
  statusVersion: "{{status}}（已报送第 {{version}} 版）",
  legend: {
    pass: "达标",
    fail: "未达标（点击在地图上查看）",
    advice: "建议",
    na: "不适用",
  },
  empty: "暂无单位",
  explain: {
    notApplicable: "本单位不适用此项要求",
    MIN_BELTS: "示范带 {{actual}} 条，至少 {{expected}} 条",
    SERVICE_CENTER: { pass: "已建区域性党群服务中心", fail: "尚未建区域性党群服务中心" },
    STOPS_ELIGIBLE: {
      pass: "站点均为本单位（或所在县市经信委）的组织",
      fail: "{{belts}} 条示范带上有 {{sites}} 个站点不是本单位（或所在县市经信委）的组织",
    },
    SPECIAL_TOWN_IN_EVERY_BELT: {
      pass: "{{count}} 条示范带都有特色小镇",
      fail: "{{count}} 条示范带没有特色小镇",
    },
    DISTINCT_BELTS: {
      pass: "{{count}} 条示范带互不重复",
      fail: "{{count}} 条示范带有 75% 及以上的站点与另一条相同",
    },
    EVERY_SITE_ON_A_BELT: {
      pass: "{{count}} 个示范点都已排进示范带",
      none: "本单位暂无示范点",
      fail: "{{count}} 个示范点未排进示范带",
    },
    SPECIAL_TOWN_BELT: {
      pass: "已有一条特色小镇示范带",
      advice: "建议：建设一条全部由特色小镇组成的示范带",
    },
    PLAN_ON_TIME: {
      onTime: "截止 {{deadline}}，{{submitted}} 报送（按期）",
      late: "截止 {{deadline}}，{{submitted}} 报送（逾期）",
      missing: "尚未报送（截止 {{deadline}}）",
      missingNoDeadline: "尚未报送",
    },
    COMMITTEE_CONTACTS: {
      pass: "{{count}} 个示范点都有联系委员，每位委员联系一家示范点",
      sites: "示范点 {{expected}} 个，其中 {{actual}} 个有联系委员",
      members: "{{count}} 位委员未联系或联系多家示范点",
      membersNamed: "未联系或联系多家示范点的委员：{{names}}",
    },
    listSeparator: "、",
    partSeparator: "；",
  },
};

const en: typeof zhCN = {
  caption: "Belt requirements by unit",
  unit: "Unit",
  planStatus: "Plan",
  short: {
    MIN_BELTS: "Belts",
    SERVICE_CENTER: "Center",
    STOPS_ELIGIBLE: "Stops",
    SPECIAL_TOWN_IN_EVERY_BELT: "Town",
    DISTINCT_BELTS: "Distinct",
    EVERY_SITE_ON_A_BELT: "All on",
    SPECIAL_TOWN_BELT: "Town belt",
    PLAN_ON_TIME: "On time",
    COMMITTEE_CONTACTS: "Contacts",
  },
  state: {
    pass: "met",
    fail: "not met",
    advice: "advice",
    na: "not applicable",
  },
  unitPassed: "All met",
  unitFailed: "Requirements not met",
  selectUnit: "Show {{unit}} ({{state}})",
  failLabel: "{{unit}}: {{rule}}, not met. {{explanation}}. Show on the map",
  failLabelUnit: "{{unit}}: {{rule}}, not met. {{explanation}}. Open the unit",
  rosterLink: "Committee members",
  cellText: "{{state}}: {{explanation}}",
  statusShort: {
    DRAFT: "Draft",
    SUBMITTED: "To check",
    ACCEPTED: "Accepted",
    RETURNED: "Returned",
    none: "None",
  },
  status: {
    DRAFT: "Draft",
    SUBMITTED: "Submitted, awaiting the city",
    ACCEPTED: "Accepted",
    RETURNED: "Returned",
    none: "No plan yet",
  },
  statusVersion: "{{status}} (version {{version}} submitted)",
  legend: {
    pass: "met",
    fail: "not met (click to show on the map)",
    advice: "advice",
    na: "not applicable",
  },
  empty: "No unit",
  explain: {
    notApplicable: "Does not apply to this unit",
    MIN_BELTS: "Belts: {{actual}}, at least {{expected}}",
    SERVICE_CENTER: { pass: "Has a regional service center", fail: "No regional service center yet" },
    STOPS_ELIGIBLE: {
      pass: "Every stop is a site of the unit (or of 市经信委 in its county)",
      fail: "Stops not of the unit (or of 市经信委 in its county): {{sites}}, on belts: {{belts}}",
    },
    SPECIAL_TOWN_IN_EVERY_BELT: {
      pass: "Belts, all with a special town: {{count}}",
      fail: "Belts without a special town: {{count}}",
    },
    DISTINCT_BELTS: {
      pass: "Belts, none repeating another: {{count}}",
      fail: "Belts with 75% or more of their stops on another belt: {{count}}",
    },
    EVERY_SITE_ON_A_BELT: {
      pass: "Demonstration sites, all on a belt: {{count}}",
      none: "No demonstration site yet",
      fail: "Demonstration sites on no belt: {{count}}",
    },
    SPECIAL_TOWN_BELT: {
      pass: "Has a belt of special-town sites",
      advice: "Advice: build one belt of special-town sites only",
    },
    PLAN_ON_TIME: {
      onTime: "Due {{deadline}}, submitted {{submitted}} (on time)",
      late: "Due {{deadline}}, submitted {{submitted}} (late)",
      missing: "Not submitted yet (due {{deadline}})",
      missingNoDeadline: "Not submitted yet",
    },
    COMMITTEE_CONTACTS: {
      pass: "Demonstration sites, all with a contact member, each member linking one: {{count}}",
      sites: "Demonstration sites: {{expected}}, with a contact member: {{actual}}",
      members: "Members linking no site or several: {{count}}",
      membersNamed: "Members linking no site or several: {{names}}",
    },
    listSeparator: ", ",
    partSeparator: "; ",
  },
};

i18next.addResourceBundle("zh-CN", "translation", { compliance: zhCN }, true, true);
i18next.addResourceBundle("en", "translation", { compliance: en }, true, true);
