import { type BeltSite, checkUnitCompliance, type UnitInput } from "./belts.ts";
import { BELT_KINDS, type BeltKind, type Role } from "./codes.ts";
import { RULE_TITLES_ZH, type RuleId, type RuleResult, unitPasses } from "./rules.ts";

// A unit's 示范带创建方案: its belts and service center, drafted by the county, checked by the city.

export const PLAN_STATUSES = ["DRAFT", "SUBMITTED", "ACCEPTED", "RETURNED"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS_ZH: Readonly<Record<PlanStatus, string>> = {
  DRAFT: "草稿",
  SUBMITTED: "已报送，待市里审核",
  ACCEPTED: "已通过",
  RETURNED: "已退回",
};

export type PlanAction = "EDIT" | "SUBMIT" | "ACCEPT" | "RETURN";

/** Why an action is refused: a code the UI translates, with the Chinese reason the API sends. */
export const PLAN_REFUSALS = {
  NO_BELTS_UNIT: "本单位不建示范带：其示范点排进所在县（市、区）的示范带",
  NOT_PLANNER_EDIT: "只有本单位的县级用户可以编辑示范带方案",
  FROZEN: "方案已报送，市里审核期间不能修改；如需修改，请市里退回",
  NOT_PLANNER_SUBMIT: "只有本单位的县级用户可以报送示范带方案",
  ALREADY_SUBMITTED: "方案已报送，正在等待市里审核",
  NOTHING_TO_SUBMIT: "方案已通过，没有新的修改需要报送",
  NOT_CHECKER: "只有市级用户可以审核示范带方案",
  NOT_SUBMITTED: "只有已报送的方案可以审核",
} as const;
export type PlanRefusal = keyof typeof PLAN_REFUSALS;

export type PlanActionCheck = { ok: true } | { ok: false; code: PlanRefusal; reason: string };

/**
 * Who may do what to a plan in `status`. The county plans its own unit; the city checks. A
 * submitted plan is frozen while the city checks it; an accepted one may be revised, which makes
 * it a draft again (see statusAfterEdit) that must be submitted anew.
 */
export function checkPlanAction(args: {
  action: PlanAction;
  status: PlanStatus;
  role: Role;
  /** The user's own unit is the plan's unit. */
  ownUnit: boolean;
  /** False for a unit that builds no belts (市经信委): it has no plan. */
  buildsBelts?: boolean;
}): PlanActionCheck {
  const { action, status, role, ownUnit } = args;
  const planner = role === "COUNTY" && ownUnit;
  if (args.buildsBelts === false) return refuse("NO_BELTS_UNIT");
  switch (action) {
    case "EDIT":
      if (!planner) return refuse("NOT_PLANNER_EDIT");
      if (status === "SUBMITTED") return refuse("FROZEN");
      return { ok: true };
    case "SUBMIT":
      if (!planner) return refuse("NOT_PLANNER_SUBMIT");
      if (status === "SUBMITTED") return refuse("ALREADY_SUBMITTED");
      if (status === "ACCEPTED") return refuse("NOTHING_TO_SUBMIT");
      return { ok: true };
    case "ACCEPT":
    case "RETURN":
      if (role !== "CITY") return refuse("NOT_CHECKER");
      if (status !== "SUBMITTED") return refuse("NOT_SUBMITTED");
      return { ok: true };
  }
}

function refuse(code: PlanRefusal): PlanActionCheck {
  return { ok: false, code, reason: PLAN_REFUSALS[code] };
}

/** Editing an accepted plan makes it a draft again; a returned one stays returned (its reason stays shown) until resubmitted. */
export function statusAfterEdit(status: PlanStatus): PlanStatus {
  return status === "ACCEPTED" ? "DRAFT" : status;
}

/**
 * The binding rules a plan still breaks when it is submitted: the county is warned and the city
 * sees them, but submitting is not refused (the city decides). The deadline is left out: a late
 * plan is better submitted than not.
 */
export function submissionWarnings(results: readonly RuleResult[]): RuleResult[] {
  return results.filter((r) => r.rule !== "PLAN_ON_TIME" && !unitPasses([r]));
}

/** What the plan's rules need besides its belts and center: the unit, what may be a stop, the deadline. */
export type PlanFacts = {
  unit: UnitInput;
  /** The unit's organisations and the department (市经信委) sites its belts may borrow. */
  candidates: readonly BeltSite[];
  departmentUnitIds: readonly string[];
  deadline: Date;
  firstSubmittedAt: Date | null;
  now: Date;
};

/** The plan's facts as they travel as JSON (the plan's API answer): ISO dates, grades as officialGrade. */
export type PlanFactsJson = {
  unitId: string;
  unitKind: UnitInput["kind"];
  countyCode: string | null;
  minBelts: number;
  needsServiceCenter: boolean;
  candidates: readonly (Omit<BeltSite, "grade"> & {
    officialGrade: BeltSite["grade"];
  })[];
  departmentUnitIds: readonly string[];
  deadline: string;
  firstSubmittedAt: string | null;
  serverTime: string;
};

export function planFactsFromJson(plan: PlanFactsJson): PlanFacts {
  return {
    unit: {
      id: plan.unitId,
      kind: plan.unitKind,
      countyCode: plan.countyCode,
      minBelts: plan.minBelts,
      needsServiceCenter: plan.needsServiceCenter,
    },
    candidates: plan.candidates.map((c) => ({
      id: c.id,
      unitId: c.unitId,
      kind: c.kind,
      countyCode: c.countyCode,
      grade: c.officialGrade,
    })),
    departmentUnitIds: plan.departmentUnitIds,
    deadline: new Date(plan.deadline),
    firstSubmittedAt: plan.firstSubmittedAt === null ? null : new Date(plan.firstSubmittedAt),
    now: new Date(plan.serverTime),
  };
}

/**
 * The belt rules over one unit's plan alone: the planner's live checks and the city's acceptance
 * run this same function. The roster rule is not the plan's and does not apply here.
 */
export function planCompliance(
  facts: PlanFacts,
  belts: readonly { id: number; name: string; stopIds: readonly number[] }[],
  hasServiceCenter: boolean,
): RuleResult[] {
  return checkUnitCompliance({
    unit: facts.unit,
    belts: belts.map((b) => ({
      id: b.id,
      unitId: facts.unit.id,
      name: b.name,
      stopIds: [...b.stopIds],
    })),
    sites: new Map(facts.candidates.map((c) => [c.id, c])),
    // The unit's own sites can ride on its own belts only, so its plan is all that matters here.
    onAnyBelt: new Set(belts.flatMap((b) => b.stopIds)),
    hasServiceCenter,
    departmentUnitIds: new Set(facts.departmentUnitIds),
    plan: {
      deadline: facts.deadline,
      firstSubmittedAt: facts.firstSubmittedAt,
      now: facts.now,
    },
  });
}

/**
 * The binding rules a submitted plan breaks, the deadline included: what the city is shown before it
 * accepts, and what makes a written reason necessary.
 */
export function acceptanceFailures(results: readonly RuleResult[]): RuleId[] {
  return results.filter((r) => !unitPasses([r])).map((r) => r.rule);
}

/**
 * Accepting a plan that breaks binding rules needs the city's written reason (kept in the audit
 * log), so a ✗ is never waved through with a bare "确认". Null when the acceptance may go ahead.
 */
export function validateAcceptance(failures: readonly RuleId[], reason: string): string | null {
  if (failures.length === 0 || reason.trim().length > 0) return null;
  const titles = failures.map((rule) => `“${RULE_TITLES_ZH[rule]}”`).join("、");
  return `该方案有 ${failures.length} 项要求未达标（${titles}），通过须填写理由`;
}

// ——— The plan's content, as drafted and as kept for every submitted version ———

export type PlanStop = { organizationId: number; name: string; lng: number; lat: number };

export type PlanBelt = {
  /** Null for a belt drafted but not yet saved. */
  id: number | null;
  name: string;
  theme: string;
  kind: BeltKind;
  roundTrip: boolean;
  stops: PlanStop[];
};

export type PlanServiceCenter = {
  name: string;
  lng: number;
  lat: number;
  address: string;
  /** The site it is at, or null for a clicked location. */
  organizationId: number | null;
};

export type PlanSnapshot = { belts: PlanBelt[]; serviceCenter: PlanServiceCenter | null };

export const PLAN_LIMITS = {
  belts: 20,
  stopsPerBelt: 60,
  beltName: 40,
  theme: 60,
  centerName: 60,
  address: 120,
} as const;

export type PlanProblem = { field: string; message: string };

/**
 * What is wrong with a draft before it may be saved, each problem naming its field (e.g.
 * `belts[2].name`) and the belt by its number and name. `isEligible` says whether an organisation
 * may be a stop of this unit's belts (see isEligibleStop), `undefined` when it does not exist.
 */
export function validatePlanDraft(
  draft: PlanSnapshot,
  isEligible: (organizationId: number) => boolean | undefined,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (draft.belts.length > PLAN_LIMITS.belts)
    problems.push({ field: "belts", message: `示范带最多 ${PLAN_LIMITS.belts} 条` });
  const names = new Map<string, number>();
  draft.belts.forEach((belt, index) => {
    const field = `belts[${index}]`;
    const label = `第 ${index + 1} 条示范带${belt.name.trim() ? `“${belt.name.trim()}”` : ""}`;
    const name = belt.name.trim();
    if (name.length === 0) problems.push({ field: `${field}.name`, message: `${label}：名称不能为空` });
    else if (name.length > PLAN_LIMITS.beltName)
      problems.push({ field: `${field}.name`, message: `${label}：名称最多 ${PLAN_LIMITS.beltName} 个字` });
    else if (names.has(name))
      problems.push({
        field: `${field}.name`,
        message: `${label}：与第 ${(names.get(name) ?? 0) + 1} 条示范带同名`,
      });
    else names.set(name, index);
    if (belt.theme.trim().length > PLAN_LIMITS.theme)
      problems.push({ field: `${field}.theme`, message: `${label}：主题最多 ${PLAN_LIMITS.theme} 个字` });
    if (!(BELT_KINDS as readonly string[]).includes(belt.kind))
      problems.push({ field: `${field}.kind`, message: `${label}：类型“${belt.kind}”无效` });
    if (belt.stops.length > PLAN_LIMITS.stopsPerBelt)
      problems.push({
        field: `${field}.stops`,
        message: `${label}：站点最多 ${PLAN_LIMITS.stopsPerBelt} 个`,
      });
    const seen = new Set<number>();
    belt.stops.forEach((stop, position) => {
      const stopField = `${field}.stops[${position}]`;
      if (seen.has(stop.organizationId)) {
        problems.push({ field: stopField, message: `${label}：第 ${position + 1} 站与前面的站点重复` });
        return;
      }
      seen.add(stop.organizationId);
      // Unknown and not allowed read alike: the answer must not tell what exists outside the region.
      if (isEligible(stop.organizationId) !== true)
        problems.push({
          field: stopField,
          message: `${label}：第 ${position + 1} 站（组织 ${stop.organizationId}）不可用，站点须为本单位（或所在县市经信委）的组织`,
        });
    });
  });
  const center = draft.serviceCenter;
  if (center) {
    const name = center.name.trim();
    if (name.length === 0)
      problems.push({ field: "serviceCenter.name", message: "区域性党群服务中心：名称不能为空" });
    else if (name.length > PLAN_LIMITS.centerName)
      problems.push({
        field: "serviceCenter.name",
        message: `区域性党群服务中心：名称最多 ${PLAN_LIMITS.centerName} 个字`,
      });
    if (center.address.trim().length > PLAN_LIMITS.address)
      problems.push({
        field: "serviceCenter.address",
        message: `区域性党群服务中心：地址最多 ${PLAN_LIMITS.address} 个字`,
      });
    if (!isValidLngLat(center.lng, center.lat))
      problems.push({ field: "serviceCenter.lng", message: "区域性党群服务中心：坐标无效" });
  }
  return problems;
}

function isValidLngLat(lng: number, lat: number): boolean {
  return Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
}
