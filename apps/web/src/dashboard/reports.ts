// What the dashboard and the briefing screen say, in HTML, about the cycle's reports and roster:
// each unit's state against the belt-plan and 附件2 deadlines (never one countdown for all: a unit
// that submitted is never told a deadline "passed N days ago"), the tallies per deadline and the
// 委员联系点 count. Pure functions of dashboard.summary and a translate function; unit-tested. (The
// headline figures are figures.ts's: the dashboard's first load needs them, these come after.)
import type { DashboardSummaryDto, SubmissionTimelinessDto } from "@beltmap/api";
import { chinaDate } from "../lib/format.ts";
import { type Translate, unitName } from "./chart-options.ts";

type UnitFigures = DashboardSummaryDto["perUnit"][number];

export type ReportKey = "beltPlan" | "appendix2";
/** ok: submitted on time; late: submitted after the deadline; open: not yet, still time; overdue: not yet, too late. */
export type ReportTone = "ok" | "late" | "open" | "overdue";

export type ReportState = {
  key: ReportKey;
  tone: ReportTone;
  /** "已按期报送", "逾期 4 天报送", "未报送，剩 30 天", "逾期未报送 10 天". */
  text: string;
  /** Where the report stands with the city: "已退回", "已重新报送，待市级接收", "市级已接收"…; null for none. */
  note: string | null;
};

const TONES: Record<SubmissionTimelinessDto["state"], ReportTone> = {
  ON_TIME: "ok",
  LATE: "late",
  OPEN: "open",
  OVERDUE: "overdue",
};

/** One unit's state against one deadline, in words (domain submissionTimeliness computed it). */
export function timelinessText(timeliness: SubmissionTimelinessDto, t: Translate): string {
  switch (timeliness.state) {
    case "ON_TIME":
      return t("dashboard.reports.onTime");
    case "LATE":
      return t("dashboard.reports.late", { days: timeliness.daysLate });
    case "OPEN":
      return timeliness.daysLeft === 0
        ? t("dashboard.reports.dueToday")
        : t("dashboard.reports.open", { days: timeliness.daysLeft });
    case "OVERDUE":
      return t("dashboard.reports.overdue", { days: timeliness.daysLate });
  }
}

function planNote(plan: NonNullable<UnitFigures["plan"]>, t: Translate): string | null {
  switch (plan.status) {
    case "SUBMITTED":
      return t("dashboard.reports.planStatus.SUBMITTED");
    case "RETURNED":
      return t("dashboard.reports.planStatus.RETURNED");
    case "ACCEPTED":
      return t("dashboard.reports.planStatus.ACCEPTED");
    default:
      return null;
  }
}

function appendix2Note(appendix2: UnitFigures["appendix2"], t: Translate): string | null {
  switch (appendix2.status) {
    case "SUBMITTED":
      return appendix2.resubmitted
        ? t("dashboard.reports.appendix2Status.RESUBMITTED")
        : t("dashboard.reports.appendix2Status.SUBMITTED");
    case "RETURNED":
      return t("dashboard.reports.appendix2Status.RETURNED");
    case "RECEIVED":
      return appendix2.resubmitted
        ? t("dashboard.reports.appendix2Status.RECEIVED_RESUBMITTED")
        : t("dashboard.reports.appendix2Status.RECEIVED");
    default:
      return null;
  }
}

export type UnitReports = {
  unitId: string;
  unitName: string;
  /** Null for a unit that builds no belts (市经信委). */
  plan: ReportState | null;
  appendix2: ReportState;
};

export function unitReports(unit: UnitFigures, t: Translate): UnitReports {
  return {
    unitId: unit.unitId,
    unitName: unitName(t, unit),
    plan: unit.plan
      ? {
          key: "beltPlan",
          tone: TONES[unit.plan.timeliness.state],
          text: timelinessText(unit.plan.timeliness, t),
          note: planNote(unit.plan, t),
        }
      : null,
    appendix2: {
      key: "appendix2",
      tone: TONES[unit.appendix2.timeliness.state],
      text: timelinessText(unit.appendix2.timeliness, t),
      note: appendix2Note(unit.appendix2, t),
    },
  };
}

/** Every unit's reports, or only the selected unit's (a one-unit view shows its own unit). */
export function reportRows(summary: DashboardSummaryDto, unitId: string | null, t: Translate): UnitReports[] {
  const units = unitId === null ? summary.perUnit : summary.perUnit.filter((u) => u.unitId === unitId);
  return units.map((u) => unitReports(u, t));
}

export type DeadlineTally = {
  key: ReportKey;
  /** "示范带创建方案", "初评结果汇总表（附件2）". */
  name: string;
  /** The deadline's China day, e.g. "2026-11-10". */
  day: string;
  /** "11月10日截止". */
  deadline: string;
  /** The counts as the API tallied them, each with its words; zero counts left out. */
  parts: { tone: ReportTone; count: number; text: string }[];
  /** Units late or overdue, by name, with their state: who is late, said by name. */
  exceptions: { unitId: string; unitName: string; tone: ReportTone; text: string }[];
  /** Those with the deadline still ahead: "6 个单位未报送，剩 30 天" in one. */
  openText: string | null;
};

const TALLY_ORDER = ["ON_TIME", "LATE", "OVERDUE", "OPEN"] as const;

function deadlineWords(iso: string, t: Translate): { day: string; deadline: string } {
  const day = chinaDate(new Date(iso));
  const [, month, date] = day.split("-").map(Number);
  return { day, deadline: t("dashboard.reports.deadline", { month, date }) };
}

/**
 * Per deadline, how many units stand where (the API's tally), who is late by name, and how long
 * the others still have. For one unit (a county user, or a unit chosen), only that unit counts.
 */
export function deadlineTallies(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
): DeadlineTally[] {
  const units = unitId === null ? summary.perUnit : summary.perUnit.filter((u) => u.unitId === unitId);
  const build = (
    key: ReportKey,
    iso: string,
    apiTally: Record<SubmissionTimelinessDto["state"], number>,
    pick: (u: UnitFigures) => SubmissionTimelinessDto | null,
  ): DeadlineTally => {
    const states = units.flatMap((u) => {
      const timeliness = pick(u);
      return timeliness ? [{ unit: u, timeliness }] : [];
    });
    // The API's tally is the region's; a chosen unit's is counted here from its own state.
    const tally = unitId === null ? apiTally : { OPEN: 0, OVERDUE: 0, ON_TIME: 0, LATE: 0 };
    if (unitId !== null) for (const s of states) tally[s.timeliness.state] += 1;
    const open = states.filter((s) => s.timeliness.state === "OPEN");
    const daysLeft = Math.min(...open.map((s) => s.timeliness.daysLeft));
    return {
      key,
      name: t(`dashboard.reports.${key}`),
      ...deadlineWords(iso, t),
      parts: TALLY_ORDER.filter((state) => tally[state] > 0).map((state) => ({
        tone: TONES[state],
        count: tally[state],
        text: t(`dashboard.reports.tally.${state}`, { count: tally[state] }),
      })),
      exceptions: states
        .filter((s) => s.timeliness.state === "LATE" || s.timeliness.state === "OVERDUE")
        // The overdue first (still owed), then the late, each by days.
        .sort(
          (a, b) =>
            Number(b.timeliness.state === "OVERDUE") - Number(a.timeliness.state === "OVERDUE") ||
            b.timeliness.daysLate - a.timeliness.daysLate,
        )
        .map((s) => ({
          unitId: s.unit.unitId,
          unitName: unitName(t, s.unit),
          tone: TONES[s.timeliness.state],
          text: timelinessText(s.timeliness, t),
        })),
      openText:
        open.length === 0
          ? null
          : daysLeft === 0
            ? t("dashboard.reports.openToday", { count: open.length })
            : t("dashboard.reports.openLeft", { count: open.length, days: daysLeft }),
    };
  };
  return [
    build("beltPlan", summary.reports.beltPlan.deadline, summary.reports.beltPlan.tally, (u) =>
      u.plan ? u.plan.timeliness : null,
    ),
    build(
      "appendix2",
      summary.reports.initialSummary.deadline,
      summary.reports.initialSummary.tally,
      (u) => u.appendix2.timeliness,
    ),
  ];
}

// --- the roster (三联一领) ----------------------------------------------------------------------------

export type RosterFigures = {
  activeMembers: number;
  sites: number;
  sitesWithContact: number;
  membersWithoutSite: number;
};

/** "委员联系点：99 / 100 个示范点有联系委员；2 名委员未联系示范点". */
export function rosterText(roster: RosterFigures, t: Translate): string {
  const sites = t("dashboard.roster.sites", { linked: roster.sitesWithContact, sites: roster.sites });
  const members =
    roster.membersWithoutSite > 0
      ? t("dashboard.roster.membersWithout", { count: roster.membersWithoutSite })
      : t("dashboard.roster.allMembersLinked", { count: roster.activeMembers });
  return t("dashboard.roster.line", { sites, members });
}

export type RosterRow = RosterFigures & { unitId: string; unitName: string; passed: boolean };

/** The region's count and, per unit, its own (a unit's view: its own only). */
export function rosterRows(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
): { total: RosterFigures; units: RosterRow[] } {
  const units = unitId === null ? summary.perUnit : summary.perUnit.filter((u) => u.unitId === unitId);
  const rows = units.map((u) => ({ unitId: u.unitId, unitName: unitName(t, u), ...u.roster }));
  const total =
    unitId === null || !rows[0]
      ? summary.roster
      : {
          activeMembers: rows[0].activeMembers,
          sites: rows[0].sites,
          sitesWithContact: rows[0].sitesWithContact,
          membersWithoutSite: rows[0].membersWithoutSite,
        };
  return { total, units: rows };
}
