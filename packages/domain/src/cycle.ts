import { chinaDayStart, isChinaDay } from "./china-day.ts";
import type { UnitSpec } from "./quota.ts";

// 年度: the campaign is run again each year (DESIGN.md 1.3a). Deadlines, quotas and targets are data
// of a cycle; the city opens the next one, and every earlier one becomes read-only history.

/** What the campaign document aims at: 100 示范点, about 50 典型做法, ~400 良好, ~600 达标, ~100 未达标. */
export type CycleTargets = {
  excellent: number;
  practices: number;
  good: number;
  pass: number;
  fail: number;
};

export const CAMPAIGN_TARGETS: Readonly<CycleTargets> = Object.freeze({
  excellent: 100,
  practices: 50,
  good: 400,
  pass: 600,
  fail: 100,
});

export const CYCLE_TARGET_KEYS = ["excellent", "practices", "good", "pass", "fail"] as const;

export type CycleUnitQuota = {
  unitId: string;
  excellentQuota: number;
  practiceQuota: number;
  /** Why it differs from Appendix 3; required then, ignored otherwise. */
  reason: string;
};

/** A cycle as the city fills it in: days are China calendar days, YYYY-MM-DD. */
export type CycleDraft = {
  year: number;
  name: string;
  startsOn: string;
  endsOn: string;
  /** 示范带创建方案 due (the whole day counts). */
  beltPlanDeadline: string;
  /** 附件2 初评结果汇总表 due. */
  initialSummaryDeadline: string;
  targets: CycleTargets;
  quotas: CycleUnitQuota[];
};

/** An existing cycle as far as a new one must keep clear of it. */
export type CyclePeriod = { id?: number; year: number; startsOn: string; endsOn: string };

export type CycleProblem = { field: string; message: string };

export const CYCLE_LIMITS = { firstYear: 2000, lastYear: 2100, name: 60, reason: 200, quota: 1000 } as const;

/** The campaign's name for a year, as the 2017 document titles it. */
export function cycleName(year: number): string {
  return `${year}年度“百企示范、千企争先”行动`;
}

/**
 * The next year's cycle as the city would start it: the calendar year, the 2017 deadlines' days
 * (8月10日, 9月20日), Appendix 3's quotas and the document's targets.
 */
export function defaultCycleDraft(
  year: number,
  units: readonly Pick<UnitSpec, "id" | "excellentQuota" | "practiceQuota">[],
): CycleDraft {
  return {
    year,
    name: cycleName(year),
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    beltPlanDeadline: `${year}-08-10`,
    initialSummaryDeadline: `${year}-09-20`,
    targets: { ...CAMPAIGN_TARGETS },
    quotas: units.map((u) => ({
      unitId: u.id,
      excellentQuota: u.excellentQuota,
      practiceQuota: u.practiceQuota,
      reason: "",
    })),
  };
}

const TARGET_NAMES: Readonly<Record<keyof CycleTargets, string>> = {
  excellent: "示范点目标",
  practices: "典型做法目标",
  good: "良好目标",
  pass: "达标目标",
  fail: "未达标目标",
};

const DAY_FIELDS = [
  ["startsOn", "开始日期"],
  ["endsOn", "结束日期"],
  ["beltPlanDeadline", "示范带创建方案报送截止日"],
  ["initialSummaryDeadline", "附件2报送截止日"],
] as const;

function isCount(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * Everything wrong with a cycle before it may be opened (or the current one changed), each
 * problem naming its field: the year, overlapping periods, deadlines outside the period or out of
 * order (the belt plan comes before 附件2, as in 2017), targets, and each unit's quotas, which
 * need a reason where they differ from Appendix 3. `others` are the other cycles on record;
 * `opening` demands the new cycle come after all of them, since it becomes the current one.
 */
export function validateCycleDraft(
  draft: CycleDraft,
  context: {
    others: readonly CyclePeriod[];
    units: readonly Pick<UnitSpec, "id" | "name" | "excellentQuota" | "practiceQuota">[];
    opening: boolean;
  },
): CycleProblem[] {
  const problems: CycleProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const { year } = draft;
  if (!Number.isInteger(year) || year < CYCLE_LIMITS.firstYear || year > CYCLE_LIMITS.lastYear)
    add("year", `年度须为 ${CYCLE_LIMITS.firstYear}–${CYCLE_LIMITS.lastYear} 之间的整数`);
  else if (context.others.some((c) => c.year === year)) add("year", `${year} 年度已存在`);
  else if (context.opening) {
    const latest = Math.max(...context.others.map((c) => c.year));
    if (year < latest) add("year", `新年度须晚于已有的 ${latest} 年度`);
  }
  const name = draft.name.trim();
  if (name === "") add("name", "请填写年度名称");
  else if (name.length > CYCLE_LIMITS.name) add("name", `年度名称最多 ${CYCLE_LIMITS.name} 个字`);

  const validDays = DAY_FIELDS.filter(([field, label]) => {
    const ok = isChinaDay(draft[field]);
    if (!ok) add(field, `${label}不是有效日期（格式：2026-08-10）`);
    return ok;
  }).length;
  if (validDays === DAY_FIELDS.length) problems.push(...periodProblems(draft, context));

  for (const key of Object.keys(TARGET_NAMES) as (keyof CycleTargets)[]) {
    const value = draft.targets[key];
    if (!isCount(value, 100_000)) add(`targets.${key}`, `${TARGET_NAMES[key]}须为不小于 0 的整数`);
  }
  if (isCount(draft.targets.excellent, 100_000) && draft.targets.excellent === 0)
    add("targets.excellent", "示范点目标须大于 0");

  problems.push(...quotaProblems(draft.quotas, context.units));
  return problems;
}

function periodProblems(
  draft: CycleDraft,
  context: { others: readonly CyclePeriod[]; opening: boolean },
): CycleProblem[] {
  const problems: CycleProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const start = chinaDayStart(draft.startsOn).getTime();
  const end = chinaDayStart(draft.endsOn).getTime();
  if (end < start) {
    add("endsOn", "结束日期不能早于开始日期");
    return problems;
  }
  for (const other of context.others) {
    const overlaps =
      start <= chinaDayStart(other.endsOn).getTime() && chinaDayStart(other.startsOn).getTime() <= end;
    if (overlaps) add("startsOn", `与 ${other.year} 年度（${other.startsOn} 至 ${other.endsOn}）时间重叠`);
    else if (context.opening && start < chinaDayStart(other.startsOn).getTime())
      add("startsOn", `新年度须在 ${other.year} 年度（${other.startsOn} 至 ${other.endsOn}）之后`);
  }
  const within = (field: "beltPlanDeadline" | "initialSummaryDeadline", label: string) => {
    const day = chinaDayStart(draft[field]).getTime();
    if (day < start || day > end)
      add(field, `${label}（${draft[field]}）须在本年度起止日期（${draft.startsOn} 至 ${draft.endsOn}）之内`);
  };
  within("beltPlanDeadline", "示范带创建方案报送截止日");
  within("initialSummaryDeadline", "附件2报送截止日");
  if (chinaDayStart(draft.beltPlanDeadline).getTime() > chinaDayStart(draft.initialSummaryDeadline).getTime())
    add(
      "initialSummaryDeadline",
      `附件2报送截止日（${draft.initialSummaryDeadline}）不能早于示范带创建方案报送截止日（${draft.beltPlanDeadline}）`,
    );
  return problems;
}

function quotaProblems(
  quotas: readonly CycleUnitQuota[],
  units: readonly Pick<UnitSpec, "id" | "name" | "excellentQuota" | "practiceQuota">[],
): CycleProblem[] {
  const problems: CycleProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const seen = new Set<string>();
  quotas.forEach((quota, index) => {
    const field = `quotas[${index}]`;
    const unit = units.find((u) => u.id === quota.unitId);
    if (!unit) {
      add(`${field}.unitId`, `第 ${index + 1} 行：未知单位“${quota.unitId}”`);
      return;
    }
    if (seen.has(unit.id)) {
      add(`${field}.unitId`, `${unit.name}的名额填了两次`);
      return;
    }
    seen.add(unit.id);
    const excellentOk = isCount(quota.excellentQuota, CYCLE_LIMITS.quota);
    const practiceOk = isCount(quota.practiceQuota, CYCLE_LIMITS.quota);
    if (!excellentOk) add(`${field}.excellentQuota`, `${unit.name}：优秀创建名额须为不小于 0 的整数`);
    if (!practiceOk) add(`${field}.practiceQuota`, `${unit.name}：典型做法名额须为不小于 0 的整数`);
    if (excellentOk && practiceOk && quota.practiceQuota > quota.excellentQuota)
      add(
        `${field}.practiceQuota`,
        `${unit.name}：典型做法从示范点中选树，名额（${quota.practiceQuota}）不能多于优秀创建名额（${quota.excellentQuota}）`,
      );
    const differs =
      quota.excellentQuota !== unit.excellentQuota || quota.practiceQuota !== unit.practiceQuota;
    const reason = quota.reason.trim();
    if (differs && reason === "")
      add(
        `${field}.reason`,
        `${unit.name}：名额与附件3（${unit.excellentQuota}/${unit.practiceQuota}）不同，须填写调整理由`,
      );
    if (differs && reason.length > CYCLE_LIMITS.reason)
      add(`${field}.reason`, `${unit.name}：调整理由最多 ${CYCLE_LIMITS.reason} 个字`);
  });
  for (const unit of units) {
    if (!seen.has(unit.id)) add("quotas", `缺少${unit.name}的名额`);
  }
  return problems;
}

/** The reason a quota carries when it follows Appendix 3: none, whatever was typed. */
export function quotaReason(
  quota: CycleUnitQuota,
  unit: Pick<UnitSpec, "excellentQuota" | "practiceQuota">,
): string | null {
  const differs = quota.excellentQuota !== unit.excellentQuota || quota.practiceQuota !== unit.practiceQuota;
  return differs ? quota.reason.trim() : null;
}

export type CycleWriteCheck = { ok: true } | { ok: false; message: string };

/** Past cycles are read-only history: only the current one takes writes. */
export function checkCycleWritable(cycle: { year: number; isCurrent: boolean }): CycleWriteCheck {
  return cycle.isCurrent
    ? { ok: true }
    : { ok: false, message: `${cycle.year} 年度已结束，只能查看，不能修改` };
}

/**
 * Where a unit's belt plan in a new cycle starts: a copy of its last accepted version, or, for a
 * unit whose plan was never accepted, of its latest submitted one (so nothing drawn is lost); null
 * when it never submitted one (the new draft then starts from its belts as they stand).
 */
export function carryOverPlanVersion<V extends { version: number; decision: string | null }>(
  versionsOldestFirst: readonly V[],
): V | null {
  const accepted = versionsOldestFirst.filter((v) => v.decision === "ACCEPTED");
  return accepted.at(-1) ?? versionsOldestFirst.at(-1) ?? null;
}
