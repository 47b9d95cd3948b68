// The demo's current cycle (2026): opened in January with what carries over from 2017, and its year
// so far at the reference date: the four stages under way (one unit already determined by the city),
// the belt plans and 附件2 due around the reference date, and the re-review cadence with a path of
// each kind — an upgrade filed, one waiting for the county, one over a full quota waiting for the
// city, a 示范点 downgraded (摘牌) waiting to be filed, one waiting for the county, and a 摘牌 at 评定.
import {
  addMonthsInChina,
  CAMPAIGN_TARGETS,
  type CycleTargets,
  chinaDayEnd,
  chinaDayStart,
  chinaStartOfDay,
  cycleName,
  type DelistingEffect,
  delistingEffects,
  type Grade,
  gradeFromTotal,
  intBetween,
  nextReviewDue,
  REVIEW_INTERVAL_MONTHS,
  STAGES,
  type Stage,
  sheetTotal,
} from "@beltmap/domain";
import {
  countyOpinion,
  DEMO_REFERENCE_DATE,
  type DemoCycle,
  type DemoCycleQuota,
  type DemoData,
  type DemoOrganization,
  type DemoReReview,
  type DemoSheet,
  type DemoTownship,
  itemsForTotal,
  totalFor,
} from "./generate.ts";
import { DEMO_ACCOUNT_UNIT, type Progress, workInProgress } from "./workflow.ts";

type Rng = () => number;
type Year2017 = Omit<DemoData, "reReviews" | "current" | "users">;

export const CURRENT_CYCLE_ID = 2;
const DAY_MS = 86_400_000;

/** China time, as the people in the story would write it. */
function at(local: string): Date {
  return new Date(`${local}:00+08:00`);
}

const OPENED_AT = at("2026-01-05T10:00");
const STAGE_DATES_2026: Record<Stage, Date> = {
  SELF: at("2026-06-15T10:00"),
  TOWNSHIP_REVIEW: at("2026-08-20T10:00"),
  COUNTY_INITIAL: at("2026-10-25T10:00"),
  CITY_FINAL: at("2026-11-19T10:00"),
};

/** How far each unit has come by the reference date: the stages most of its organisations have submitted. */
const REACH: Readonly<Record<string, number>> = {
  LONGYOU: 4, // 附件2 received, the city has determined its grades
  JIANGSHAN: 3,
  GREEN_ZONE: 3,
  KECHENG: 3,
  QUJIANG: 3,
  JINGXIN: 3,
  CHANGSHAN: 2,
  KAIHUA: 2,
  WEST_ZONE: 2,
};

/** 市西区's quota was raised for the year, with the city's reason: quotas are data of a cycle. */
const QUOTA_CHANGES: Readonly<Record<string, { excellentQuota: number; reason: string }>> = {
  WEST_ZONE: { excellentQuota: 4, reason: "市西区新入驻企业增多，经市委两新工委研究增加1个优秀创建名额" },
};

type PlanStep = {
  unitId: string;
  submittedAt: Date;
  decision: "ACCEPTED" | "RETURNED" | null;
  decidedAt: Date | null;
  returnReason: string | null;
};
type ReportStep = Omit<PlanStep, "decision"> & { decision: "RECEIVED" | "RETURNED" | null };

/** The belt plans of 2026 (deadline 11月10日): 常山县 has not submitted at all. */
const PLAN_STORY: readonly PlanStep[] = [
  plan("GREEN_ZONE", "2026-11-03T10:00", "ACCEPTED", "2026-11-06T10:00"),
  plan("WEST_ZONE", "2026-11-03T11:00", "ACCEPTED", "2026-11-06T10:30"),
  plan("LONGYOU", "2026-11-04T09:30", "ACCEPTED", "2026-11-06T11:00"),
  plan("JIANGSHAN", "2026-11-05T16:00", "ACCEPTED", "2026-11-07T09:00"),
  // The demo county's: returned for its missing third belt, waiting to be fixed and resubmitted.
  plan("KECHENG", "2026-11-08T10:00", "RETURNED", "2026-11-12T09:30", "示范带不足3条，请补齐后重新报送"),
  plan("KAIHUA", "2026-11-10T17:00", null, null),
  plan("QUJIANG", "2026-11-14T09:00", "ACCEPTED", "2026-11-16T15:00"), // late
];

/** 2017's 附件2, recorded as every unit reported it that year: on time, received by the city. */
const REPORT_STORY_2017: readonly ReportStep[] = [
  "GREEN_ZONE",
  "WEST_ZONE",
  "JINGXIN",
  "KECHENG",
  "QUJIANG",
  "LONGYOU",
  "JIANGSHAN",
  "CHANGSHAN",
  "KAIHUA",
].map((unitId, i) =>
  report(
    unitId,
    `2017-09-${String(11 + i).padStart(2, "0")}T10:00`,
    "RECEIVED",
    `2017-09-${String(21 + (i % 3)).padStart(2, "0")}T10:00`,
  ),
);

/** 附件2 of 2026 (deadline 12月20日): three units have reported, one of them sent back. */
const REPORT_STORY: readonly ReportStep[] = [
  report(
    "GREEN_ZONE",
    "2026-11-12T10:00",
    "RETURNED",
    "2026-11-14T11:00",
    "部分党组织初评得分与复核得分相差较大，请核实后重新报送",
  ),
  report("LONGYOU", "2026-11-16T10:00", "RECEIVED", "2026-11-17T09:00"),
  report("JIANGSHAN", "2026-11-18T15:00", null, null),
];

function plan(
  unitId: string,
  submitted: string,
  decision: PlanStep["decision"],
  decided: string | null,
  returnReason: string | null = null,
): PlanStep {
  return {
    unitId,
    submittedAt: at(submitted),
    decision,
    decidedAt: decided ? at(decided) : null,
    returnReason,
  };
}

function report(
  unitId: string,
  submitted: string,
  decision: ReportStep["decision"],
  decided: string | null,
  returnReason: string | null = null,
): ReportStep {
  return {
    unitId,
    submittedAt: at(submitted),
    decision,
    decidedAt: decided ? at(decided) : null,
    returnReason,
  };
}

/** The organisations whose story the year tells (see the file's opening comment). */
export type StoryCast = {
  /** 柯城区: 良好 → 优秀 by a re-review in March, filed; 柯城区's quota is full since. */
  upgradedInMarch: number;
  /** In the demo township: an upgrade to 优秀 waiting for the county (which must send it to the city). */
  awaitingCountyUpgrade: number;
  /** 开化县 (quota full): an upgrade the county approved, waiting for the city. */
  escalated: number;
  /** 常山县: a 示范点 downgraded by a re-review (摘牌), waiting for the city's 备案. */
  downgradedAwaitingFiling: number;
  /** 柯城区: a 示范点 the township suggests downgrading, waiting for the county. */
  awaitingCountyDowngrade: number;
  /** 龙游县: a 示范点 the city's 2026 评定 graded 良好 (摘牌). */
  delistedAtDetermination: number;
  /** 龙游县: a new 示范点 of the 2026 评定, not yet on a belt. */
  newSiteAtDetermination: number;
};

export type CurrentCycleStory = {
  cycle: DemoCycle;
  quotas: DemoCycleQuota[];
  targets: CycleTargets;
  openedAt: Date;
  sheets: DemoSheet[];
  /** Official grades of the year (the carried-over ones are made by the loader, as opening a cycle does). */
  grades: {
    organizationId: number;
    cycleId: number;
    grade: Grade;
    total: number | null;
    source: "CITY_FINAL" | "REREVIEW_ADJUSTMENT";
    official: true;
    effectiveAt: Date;
  }[];
  /** 摘牌 of the year: the loader ends the site's duties in the cycle, as the API does. */
  delistings: { organizationId: number; cause: string; at: Date }[];
  members: DemoData["committeeMembers"];
  /** Contacts made during the year (after the carry-over and the 摘牌). */
  contacts: { memberId: number; organizationId: number }[];
  plans: readonly PlanStep[];
  reports: readonly ReportStep[];
  /** 2017's 附件2 (the first cycle's, loaded with it). */
  reports2017: readonly ReportStep[];
  cast: StoryCast;
  /** Organisations the story needs where they are (no coordinate break, no unfinished scoring). */
  storyOrganizationIds: number[];
  progress: Map<number, Progress>;
};

function pickFirst<T>(items: readonly T[], what: string): T {
  const first = items[0];
  if (first === undefined) throw new Error(`the demo story found no ${what}`);
  return first;
}

export function currentCycleStory(rng: Rng, data: Year2017, demoTownship: DemoTownship): CurrentCycleStory {
  const gradeOf = new Map(data.grades.map((g) => [g.organizationId, g.grade]));
  const onBelt = new Set(data.belts.flatMap((b) => b.stopIds));
  const centers = new Set(data.serviceCenters.map((c) => c.organizationId));
  const practiceOf = new Set(data.practices.map((p) => p.organizationId));
  const competitor = (o: DemoOrganization) => gradeOf.has(o.id);
  const ordinary = (o: DemoOrganization) => competitor(o) && o.kind !== "SPECIAL_TOWN" && !centers.has(o.id);
  const of = (unitId: string, grade: Grade) =>
    data.organizations.filter((o) => o.unitId === unitId && gradeOf.get(o.id) === grade && ordinary(o));
  const taken = new Set<number>();
  const take = (candidates: DemoOrganization[], what: string) => {
    const chosen = pickFirst(
      candidates.filter((o) => !taken.has(o.id)),
      what,
    );
    taken.add(chosen.id);
    return chosen.id;
  };
  const prefer = (items: DemoOrganization[], test: (o: DemoOrganization) => boolean) => [
    ...items.filter(test),
    ...items.filter((o) => !test(o)),
  ];
  const cast: StoryCast = {
    upgradedInMarch: take(
      of(DEMO_ACCOUNT_UNIT, "GOOD").filter((o) => o.townshipId !== demoTownship.id),
      "柯城区 良好 outside the demo township",
    ),
    awaitingCountyUpgrade: take(
      of(DEMO_ACCOUNT_UNIT, "GOOD").filter((o) => o.townshipId === demoTownship.id),
      "良好 in the demo township",
    ),
    escalated: take(of("KAIHUA", "GOOD"), "开化县 良好"),
    downgradedAwaitingFiling: take(
      prefer(of("CHANGSHAN", "EXCELLENT"), (o) => practiceOf.has(o.id)),
      "常山县 示范点",
    ),
    awaitingCountyDowngrade: take(of(DEMO_ACCOUNT_UNIT, "EXCELLENT"), "柯城区 示范点"),
    delistedAtDetermination: take(
      prefer(
        of("LONGYOU", "EXCELLENT").filter((o) => onBelt.has(o.id)),
        (o) => practiceOf.has(o.id),
      ),
      "龙游县 示范点 on a belt",
    ),
    newSiteAtDetermination: take(of("LONGYOU", "GOOD"), "龙游县 良好"),
  };
  const storyOrganizationIds = [...taken].sort((a, b) => a - b);

  const competitors = data.organizations.filter(competitor);
  const progress = workInProgress(rng, competitors, gradeOf, demoTownship, REACH, taken);
  // The 2026 grade each organisation's sheets lead to: the 2017 one but where the story moves it.
  const gradeIn2026 = new Map<number, Grade>(competitors.map((o) => [o.id, gradeOf.get(o.id) ?? "PASS"]));
  gradeIn2026.set(cast.upgradedInMarch, "EXCELLENT");
  gradeIn2026.set(cast.downgradedAwaitingFiling, "GOOD");
  gradeIn2026.set(cast.delistedAtDetermination, "GOOD");
  gradeIn2026.set(cast.newSiteAtDetermination, "EXCELLENT");
  // The city's 2026 评定 of 龙游县 moves some organisations a grade, never into or out of 优秀 but
  // for the story's two: the map differs from 2017 when played back.
  for (const org of competitors) {
    if (org.unitId !== "LONGYOU" || taken.has(org.id)) continue;
    const before = gradeOf.get(org.id);
    const roll = rng();
    const moved = roll < 0.1 ? UP[before ?? "PASS"] : roll > 0.9 ? DOWN[before ?? "PASS"] : undefined;
    if (before && before !== "EXCELLENT" && moved && moved !== "EXCELLENT") gradeIn2026.set(org.id, moved);
  }

  const firstSheetId = Math.max(...data.sheets.map((s) => s.id)) + 1;
  const sheets: DemoSheet[] = [];
  for (const org of competitors) {
    const reach = REACH[org.unitId] ?? 2;
    const step = progress.get(org.id) ?? reach;
    const final = totalFor(rng, gradeIn2026.get(org.id) ?? "PASS");
    STAGES.forEach((stage, index) => {
      const draft = step === "SELF_DRAFT" && stage === "SELF";
      if (
        step === "NOT_STARTED" ||
        (step === "SELF_DRAFT" && !draft) ||
        (typeof step === "number" && index >= step)
      )
        return;
      // The city's determination is the score itself; earlier stages drift a little above it.
      const drift = stage === "CITY_FINAL" ? 0 : intBetween(rng, 0, stage === "SELF" ? 8 : 3) / 2;
      const items = itemsForTotal(rng, Math.min(100, final + drift));
      const total = sheetTotal(items);
      sheets.push({
        id: firstSheetId + sheets.length,
        organizationId: org.id,
        cycleId: CURRENT_CYCLE_ID,
        stage,
        items,
        total,
        opinion: stage === "COUNTY_INITIAL" ? countyOpinion(gradeFromTotal(total)) : null,
        status: draft ? "DRAFT" : "SUBMITTED",
        submittedAt: draft ? null : STAGE_DATES_2026[stage],
      });
    });
  }
  // The grades the stages lead to must be the story's: the 评定 totals fall in the grade's range.
  const determined = sheets.filter((s) => s.stage === "CITY_FINAL");
  const grades: CurrentCycleStory["grades"] = [
    official(cast.upgradedInMarch, "EXCELLENT", null, "REREVIEW_ADJUSTMENT", at("2026-03-15T10:00")),
    official(cast.downgradedAwaitingFiling, "GOOD", null, "REREVIEW_ADJUSTMENT", at("2026-11-12T10:00")),
    ...determined.map((s) =>
      official(s.organizationId, gradeFromTotal(s.total), s.total, "CITY_FINAL", STAGE_DATES_2026.CITY_FINAL),
    ),
  ];
  for (const id of [cast.delistedAtDetermination, cast.newSiteAtDetermination]) {
    const record = grades.find((g) => g.organizationId === id && g.source === "CITY_FINAL");
    if (record?.grade !== gradeIn2026.get(id))
      throw new Error(`the 2026 评定 of organisation ${id} is off the story`);
  }

  // A new county member for 柯城区's new 示范点; 龙游县's member of the delisted site moves to the new one.
  const firstMemberId = Math.max(...data.committeeMembers.map((m) => m.id)) + 1;
  const kecheng = data.units.find((u) => u.id === DEMO_ACCOUNT_UNIT);
  const members: DemoData["committeeMembers"] = [
    {
      id: firstMemberId,
      name: "周晓东",
      level: "COUNTY",
      unitId: DEMO_ACCOUNT_UNIT,
      title: `${kecheng?.name ?? ""}两新工委委员`,
      active: true,
      createdAt: at("2026-03-20T10:00"),
    },
  ];
  const movedMember = data.contacts.find(
    (c) =>
      c.organizationId === cast.delistedAtDetermination &&
      data.committeeMembers.find((m) => m.id === c.memberId)?.level === "COUNTY",
  );
  const contacts = [
    { memberId: firstMemberId, organizationId: cast.upgradedInMarch },
    ...(movedMember ? [{ memberId: movedMember.memberId, organizationId: cast.newSiteAtDetermination }] : []),
  ];

  return {
    cycle: {
      id: CURRENT_CYCLE_ID,
      year: 2026,
      name: cycleName(2026),
      startsOn: chinaDayStart("2026-01-01"),
      endsOn: chinaDayStart("2026-12-31"),
      beltPlanDeadline: chinaDayEnd("2026-11-10"),
      initialSummaryDeadline: chinaDayEnd("2026-12-20"),
      isCurrent: true,
    },
    quotas: data.units.map((u) => {
      const change = QUOTA_CHANGES[u.id];
      return {
        cycleId: CURRENT_CYCLE_ID,
        unitId: u.id,
        excellentQuota: change?.excellentQuota ?? u.excellentQuota,
        practiceQuota: u.practiceQuota,
        reason: change?.reason ?? null,
      };
    }),
    targets: { ...CAMPAIGN_TARGETS },
    openedAt: OPENED_AT,
    sheets,
    grades,
    delistings: [
      {
        organizationId: cast.downgradedAwaitingFiling,
        cause: "动态管理复查降级",
        at: at("2026-11-12T10:00"),
      },
      {
        organizationId: cast.delistedAtDetermination,
        cause: "2026 年度市级评定为良好",
        at: STAGE_DATES_2026.CITY_FINAL,
      },
    ],
    members,
    contacts,
    plans: PLAN_STORY,
    reports: REPORT_STORY,
    reports2017: REPORT_STORY_2017,
    cast,
    storyOrganizationIds,
    progress,
  };
}

function official(
  organizationId: number,
  grade: Grade,
  total: number | null,
  source: "CITY_FINAL" | "REREVIEW_ADJUSTMENT",
  effectiveAt: Date,
): CurrentCycleStory["grades"][number] {
  return { organizationId, cycleId: CURRENT_CYCLE_ID, grade, total, source, official: true, effectiveAt };
}

// ——— 动态管理 ———

const UP: Partial<Record<Grade, Grade>> = { GOOD: "EXCELLENT", PASS: "GOOD", FAIL: "PASS" };
const DOWN: Partial<Record<Grade, Grade>> = { EXCELLENT: "GOOD", GOOD: "PASS", PASS: "FAIL" };

function suggestionFor(rng: Rng, grade: Grade): { suggestion: "UPGRADE" | "DOWNGRADE"; grade: Grade } | null {
  const roll = rng();
  const up = UP[grade];
  const down = DOWN[grade];
  if (roll < 0.08 && up) return { suggestion: "UPGRADE", grade: up };
  if (roll > 0.95 && down) return { suggestion: "DOWNGRADE", grade: down };
  return null;
}

const SUPERSEDED_BY_2026 = "2026 年度市级评定已确定等次，本次复查不再办理";

/**
 * Each organisation's re-reviews at the reference date: one done without a suggestion (laid out so
 * the next falls due around the reference date, some overdue), and its one open re-review —
 * PENDING, or for a few already recorded with a suggestion waiting for the county. The 2026 评定
 * restarted the cadence of the organisations it determined (a suggestion in progress is
 * superseded); the story's organisations have the paths the file's opening comment lists.
 */
export function demoReReviews(rng: Rng, data: Year2017, current: CurrentCycleStory): DemoReReview[] {
  const reReviews: DemoReReview[] = [];
  const add = (
    row: Omit<
      DemoReReview,
      | "id"
      | "notes"
      | "countyDecidedAt"
      | "decisionReason"
      | "cityFiledAt"
      | "cityDecisionReason"
      | "delisting"
    > &
      Partial<DemoReReview>,
  ) =>
    reReviews.push({
      notes: "",
      countyDecidedAt: null,
      decisionReason: null,
      cityFiledAt: null,
      cityDecisionReason: null,
      delisting: null,
      ...row,
      id: reReviews.length + 1,
    });
  const { cast } = current;
  const determinedAt = new Map(
    current.grades.filter((g) => g.source === "CITY_FINAL").map((g) => [g.organizationId, g]),
  );
  for (const record of data.grades) {
    const org = record.organizationId;
    const grade = record.grade;
    const months = REVIEW_INTERVAL_MONTHS[grade];
    const earliest = addMonthsInChina(DEMO_REFERENCE_DATE, -months).getTime() - 20 * DAY_MS;
    const latest = DEMO_REFERENCE_DATE.getTime() - 5 * DAY_MS;
    const reviewedAt = new Date(
      Math.floor((earliest + rng() * (latest - earliest)) / DAY_MS) * DAY_MS + 2 * 3_600_000,
    );
    const due = new Date(reviewedAt.getTime() + intBetween(rng, -10, 10) * DAY_MS);
    const suggestion = suggestionFor(rng, grade);
    if (org === cast.upgradedInMarch) {
      add(done(org, at("2025-09-10T10:00"), "GOOD"));
      add({
        organizationId: org,
        dueOn: chinaStartOfDay(at("2026-03-10T10:00")),
        reviewedAt: at("2026-03-10T10:00"),
        gradeBefore: "GOOD",
        suggestion: "UPGRADE",
        suggestedGrade: "EXCELLENT",
        notes: "党建工作成效突出，建议升为优秀",
        status: "FILED",
        countyDecidedAt: at("2026-03-15T10:00"),
        cityFiledAt: at("2026-03-20T10:00"),
      });
      add(pending(org, "EXCELLENT", at("2026-03-15T10:00")));
      continue;
    }
    add(done(org, reviewedAt, grade, due));
    const nextDue = chinaStartOfDay(nextReviewDue(grade, reviewedAt));
    if (
      org === cast.awaitingCountyUpgrade ||
      org === cast.escalated ||
      org === cast.awaitingCountyDowngrade
    ) {
      const upgrade = org !== cast.awaitingCountyDowngrade;
      const escalated = org === cast.escalated;
      add({
        organizationId: org,
        dueOn: nextDue,
        reviewedAt: escalated
          ? at("2026-11-02T10:00")
          : at(upgrade ? "2026-11-18T10:00" : "2026-11-17T10:00"),
        gradeBefore: grade,
        suggestion: upgrade ? "UPGRADE" : "DOWNGRADE",
        suggestedGrade: upgrade ? "EXCELLENT" : "GOOD",
        notes: upgrade ? "示范作用明显，建议升为优秀" : "党组织书记调整后活动减少，建议降为良好",
        status: escalated ? "ESCALATED" : "REVIEWED",
        ...(escalated
          ? {
              countyDecidedAt: at("2026-11-06T10:00"),
              decisionReason: "同意升级；本县优秀名额已满，报市委两新工委超额审定",
            }
          : {}),
      });
      continue;
    }
    if (org === cast.downgradedAwaitingFiling) {
      add({
        organizationId: org,
        dueOn: nextDue,
        reviewedAt: at("2026-11-05T10:00"),
        gradeBefore: "EXCELLENT",
        suggestion: "DOWNGRADE",
        suggestedGrade: "GOOD",
        notes: "示范作用下降，建议降为良好",
        status: "APPROVED",
        countyDecidedAt: at("2026-11-12T10:00"),
        delisting: delistingOf(data, org, "GOOD"),
      });
      add(pending(org, "GOOD", at("2026-11-12T10:00")));
      continue;
    }
    const determination = determinedAt.get(org);
    const reviewedEarly =
      suggestion !== null && nextDue.getTime() - DEMO_REFERENCE_DATE.getTime() < 30 * DAY_MS;
    if (reviewedEarly && suggestion) {
      add({
        organizationId: org,
        dueOn: nextDue,
        reviewedAt: new Date(DEMO_REFERENCE_DATE.getTime() - 2 * DAY_MS),
        gradeBefore: grade,
        suggestion: suggestion.suggestion,
        suggestedGrade: suggestion.grade,
        status: determination ? "SUPERSEDED" : "REVIEWED",
        ...(determination ? { cityDecisionReason: SUPERSEDED_BY_2026 } : {}),
      });
      if (!determination) continue;
    }
    add(
      determination
        ? pending(org, determination.grade, determination.effectiveAt)
        : {
            organizationId: org,
            dueOn: nextDue,
            reviewedAt: null,
            gradeBefore: grade,
            suggestion: "NONE",
            suggestedGrade: null,
            status: "PENDING",
          },
    );
  }
  return reReviews;
}

/** A re-review recorded without a suggestion: done, nobody else acts on it. */
function done(organizationId: number, reviewedAt: Date, grade: Grade, due = reviewedAt) {
  return {
    organizationId,
    dueOn: chinaStartOfDay(due),
    reviewedAt,
    gradeBefore: grade,
    suggestion: "NONE" as const,
    suggestedGrade: null,
    status: "REVIEWED" as const,
  };
}

/** The next re-review, due by the grade from `since` (the cadence's restart). */
function pending(organizationId: number, grade: Grade, since: Date) {
  return {
    organizationId,
    dueOn: chinaStartOfDay(nextReviewDue(grade, since)),
    reviewedAt: null,
    gradeBefore: grade,
    suggestion: "NONE" as const,
    suggestedGrade: null,
    status: "PENDING" as const,
  };
}

/** What a 摘牌 of the site took away in 2026, as the county saw it before approving. */
function delistingOf(data: Year2017, organizationId: number, gradeAfter: Grade): DelistingEffect[] {
  const org = data.organizations.find((o) => o.id === organizationId);
  const practice = data.practices.find((p) => p.organizationId === organizationId);
  const members = data.contacts
    .filter((c) => c.organizationId === organizationId)
    .map((c) => data.committeeMembers.find((m) => m.id === c.memberId)?.name ?? "");
  const belts = data.belts.filter((b) => b.stopIds.includes(organizationId)).map((b) => b.name);
  return delistingEffects({
    gradeBefore: "EXCELLENT",
    gradeAfter,
    countyDualManaged: org?.countyDualManaged ?? false,
    cityDualManaged: org?.cityDualManaged ?? false,
    practiceTitle: practice?.title ?? null,
    contactMembers: members,
    belts,
  });
}
