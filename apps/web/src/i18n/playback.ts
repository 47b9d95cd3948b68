// The strings of what the map page and the dashboard load after their first load (their JavaScript
// budget, see test/bench/startup.ts): 年度回放 (time playback), the line over the years, and the
// dashboard's 报送情况 and 委员联系点 cards (also on the briefing screen). The map's cycle and
// non-competitor strings are the app's (zh-CN.ts, en.ts).
import { i18next } from "./index.ts";

const zhCN = {
  /** The dashboard's and the briefing screen's 报送情况 and 委员联系点 (see dashboard/ReportsCard.tsx). */
  dashboard: {
    reports: {
      title: "报送情况",
      unit: "单位",
      beltPlan: "示范带创建方案",
      appendix2: "初评结果汇总表（附件2）",
      beltPlanShort: "示范带方案",
      appendix2Short: "附件2",
      deadline: "{{month}}月{{date}}日截止",
      noPlan: "不建示范带",
      onTime: "已按期报送",
      late: "逾期 {{days}} 天报送",
      open: "未报送，剩 {{days}} 天",
      dueToday: "未报送，今天截止",
      overdue: "逾期未报送 {{days}} 天",
      openLeft: "{{count}} 个单位未报送，剩 {{days}} 天",
      openToday: "{{count}} 个单位未报送，今天截止",
      tally: {
        ON_TIME: "按期报送 {{count}}",
        LATE: "逾期报送 {{count}}",
        OVERDUE: "逾期未报送 {{count}}",
        OPEN: "未到期未报送 {{count}}",
      },
      planStatus: {
        SUBMITTED: "待市级审核",
        RETURNED: "已退回修改",
        ACCEPTED: "市级已通过",
      },
      appendix2Status: {
        SUBMITTED: "待市级接收",
        RESUBMITTED: "已重新报送，待市级接收",
        RETURNED: "已退回，待重新报送",
        RECEIVED: "市级已接收",
        RECEIVED_RESUBMITTED: "重新报送后市级已接收",
      },
    },
    roster: {
      title: "委员联系点（三联一领）",
      label: "委员联系点",
      line: "委员联系点：{{sites}}；{{members}}",
      sites: "{{linked}} / {{sites}} 个示范点有联系委员",
      membersWithout: "{{count}} 名委员未联系示范点",
      allMembersLinked: "{{count}} 名委员均已联系示范点",
      unit: "单位",
      linked: "有联系委员的示范点",
      without: "未联系示范点的委员",
    },
  },
  playback: {
    hint: "逐年查看各党组织的梯队、示范带、服务中心和历年进展",
    alone: "目前只有一个年度，暂无可回放的历史",
    previous: "上一年度",
    next: "下一年度",
    play: "播放",
    pause: "暂停",
    close: "结束回放",
    year: "{{year}} 年度",
    loading: "（正在载入…）",
    series: {
      title: "历年进展 · {{place}}",
      city: "全市",
      excellent: "优秀（示范点）",
      quota: "创建名额",
      quotaTotal: "名额合计",
      practices: "典型做法",
      axis: "个",
      change:
        "{{first}}—{{last}} 年度（{{count}} 个年度）：优秀 {{excellentFirst}} → {{excellentLast}}，典型做法 {{practicesFirst}} → {{practicesLast}}",
      single: "{{year}} 年度：优秀 {{excellent}} / 名额 {{quota}}，典型做法 {{practices}}",
      none: "暂无年度数据",
    },
  },
};

const en: typeof zhCN = {
  dashboard: {
    reports: {
      title: "Reports",
      unit: "Unit",
      beltPlan: "Belt plan",
      appendix2: "Initial evaluation summary (Appendix 2)",
      beltPlanShort: "Belt plan",
      appendix2Short: "Appendix 2",
      deadline: "due {{date}}/{{month}}",
      noPlan: "builds no belts",
      onTime: "Submitted on time",
      late: "Submitted {{days}} d late",
      open: "Not submitted, {{days}} d left",
      dueToday: "Not submitted, due today",
      overdue: "Not submitted, {{days}} d overdue",
      openLeft: "{{count}} units not yet submitted, {{days}} d left",
      openToday: "{{count}} units not yet submitted, due today",
      tally: {
        ON_TIME: "on time {{count}}",
        LATE: "late {{count}}",
        OVERDUE: "overdue {{count}}",
        OPEN: "not yet due {{count}}",
      },
      planStatus: {
        SUBMITTED: "awaiting the city",
        RETURNED: "returned for changes",
        ACCEPTED: "accepted by the city",
      },
      appendix2Status: {
        SUBMITTED: "awaiting the city",
        RESUBMITTED: "submitted again, awaiting the city",
        RETURNED: "returned, to be submitted again",
        RECEIVED: "received by the city",
        RECEIVED_RESUBMITTED: "submitted again and received",
      },
    },
    roster: {
      title: "Committee members' contact sites",
      label: "Contact sites",
      line: "Contact sites: {{sites}}; {{members}}",
      sites: "{{linked}} / {{sites}} sites have a contact member",
      membersWithout: "{{count}} members link no site",
      allMembersLinked: "all {{count}} members link a site",
      unit: "Unit",
      linked: "Sites with a contact",
      without: "Members without a site",
    },
  },
  playback: {
    hint: "Step through the years: each organisation's tier, the belts, the service centers and the progress",
    alone: "There is only one year so far: no history to play back",
    previous: "Previous year",
    next: "Next year",
    play: "Play",
    pause: "Pause",
    close: "End playback",
    year: "{{year}}",
    loading: " (loading…)",
    series: {
      title: "Progress over the years · {{place}}",
      city: "City",
      excellent: "Excellent (sites)",
      quota: "Quota",
      quotaTotal: "Quota total",
      practices: "Typical practices",
      axis: "count",
      change:
        "{{first}}–{{last}} ({{count}} years): excellent {{excellentFirst}} → {{excellentLast}}, typical practices {{practicesFirst}} → {{practicesLast}}",
      single: "{{year}}: excellent {{excellent}} / quota {{quota}}, typical practices {{practices}}",
      none: "No year yet",
    },
  },
};

i18next.addResourceBundle("zh-CN", "translation", zhCN, true, true);
i18next.addResourceBundle("en", "translation", en, true, true);
