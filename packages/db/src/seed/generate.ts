// The deterministic demo data set (示例数据): one fixed random seed, no clock, no I/O.
import {
  APPENDIX3_UNITS,
  chinaDayEnd,
  chinaDayStart,
  cycleName,
  type DelistingEffect,
  type Grade,
  gradeFromTotal,
  haversineKm,
  ITEM_KEYS,
  type ItemScores,
  intBetween,
  isEligibleStop,
  LABELS_ZH,
  mulberry32,
  type OrgKind,
  orderStops,
  type PlanSnapshot,
  type PlanStatus,
  STAGES,
  type Stage,
  sheetTotal,
  shuffle,
  type UnitSpec,
} from "@beltmap/domain";
import {
  COUNTIES,
  countyBbox,
  countyLabelPoint,
  countyName,
  isInCounty,
  randomPointInCounty,
  TOWNSHIPS,
} from "@beltmap/geo";
import { type CurrentCycleStory, currentCycleStory, demoReReviews } from "./current-cycle.ts";
import {
  BELT_THEMES,
  MEMBER_GIVEN,
  MEMBER_SURNAMES,
  organizationName,
  SPECIAL_TOWN_THEMES,
  streetAddress,
} from "./names.ts";
import { type DemoUser, demoTownshipOf, demoUsers } from "./workflow.ts";

export const DEMO_SEED = 20170810;
/**
 * "Today" of the demo: the current cycle's deadlines, re-review dates and the year's progress are
 * laid out around it, so some reports are late, some not yet due, and some re-reviews overdue.
 */
export const DEMO_REFERENCE_DATE = new Date("2026-11-20T00:00:00Z");
/** The first cycle (2017), closed: the campaign's first year as it ended. */
export const DEMO_CYCLE_ID = 1;
const CITY_FINAL_DATE = new Date("2017-10-20T02:00:00Z");
const ROSTER_2017_DATE = new Date("2017-03-01T02:00:00Z");

/** Organisations per unit: twelve per excellent-quota place, about 1,260 in all. */
const ORGS_PER_QUOTA_PLACE = 12;
/** Units that determine one 优秀 fewer than their quota, so the city lands on 100 exactly. */
const ONE_BELOW_QUOTA = new Set(["LONGYOU", "JIANGSHAN", "GREEN_ZONE", "KECHENG", "QUJIANG"]);

/** The deliberate rule breaks the compliance checks must find. */
export const DELIBERATE_BREAKS = {
  /** The demo county's own (demo-county): its plan was returned for this, waiting to be fixed. */
  onlyTwoBelts: "KECHENG",
  beltWithoutSpecialTown: "KAIHUA",
  siteOnNoBelt: "LONGYOU",
  latePlan: "QUJIANG",
  /** Its last demonstration site has no contact member, and one member links no site. */
  roster: "JIANGSHAN",
  /** For 数据质量: three 柯城区 organisations on one spot, and one whose point lies in 开化县. */
  coordinates: { unitId: "KECHENG", county: "柯城区", outsideIn: "开化县" },
} as const;
const DEDICATED_SPECIAL_TOWN_BELT_UNITS = new Set(["JIANGSHAN", "LONGYOU"]);

export type { CurrentCycleStory };
export type DemoTownship = { id: string; name: string; countyCode: string; unitId: string };
export type DemoOrganization = {
  id: number;
  name: string;
  kind: OrgKind;
  unitId: string;
  townshipId: string;
  countyCode: string;
  lng: number;
  lat: number;
  address: string;
  memberCount: number;
  countyDualManaged: boolean;
  cityDualManaged: boolean;
  setupKind: "SINGLE" | "JOINT";
  entityOperated: boolean;
};
export type DemoSheet = {
  id: number;
  organizationId: number;
  cycleId: number;
  stage: Stage;
  items: ItemScores;
  total: number;
  opinion: string | null;
  status: "SUBMITTED" | "DRAFT";
  submittedAt: Date | null;
};
export type DemoBeltPlan = {
  id: number;
  unitId: string;
  cycleId: number;
  status: PlanStatus;
  returnReason: string | null;
  submittedAt: Date | null;
  version: number;
};
export type DemoBeltPlanVersion = {
  id: number;
  planId: number;
  version: number;
  snapshot: PlanSnapshot;
  submittedAt: Date;
  decision: "ACCEPTED" | "RETURNED" | null;
  decidedAt: Date | null;
  returnReason: string | null;
};
export type DemoCycle = {
  id: number;
  year: number;
  name: string;
  startsOn: Date;
  endsOn: Date;
  beltPlanDeadline: Date;
  initialSummaryDeadline: Date;
  isCurrent: boolean;
};
export type DemoCycleQuota = {
  cycleId: number;
  unitId: string;
  excellentQuota: number;
  practiceQuota: number;
  reason: string | null;
};
export type DemoReReview = {
  id: number;
  organizationId: number;
  dueOn: Date;
  reviewedAt: Date | null;
  gradeBefore: Grade;
  suggestion: "NONE" | "UPGRADE" | "DOWNGRADE";
  suggestedGrade: Grade | null;
  notes: string;
  status: "PENDING" | "REVIEWED" | "ESCALATED" | "APPROVED" | "FILED" | "SUPERSEDED";
  countyDecidedAt: Date | null;
  decisionReason: string | null;
  cityFiledAt: Date | null;
  cityDecisionReason: string | null;
  delisting: DelistingEffect[] | null;
};
export type DemoData = {
  units: UnitSpec[];
  townships: DemoTownship[];
  /** The first cycle, 2017: loaded as the current one, closed when the demo opens the next. */
  cycle: DemoCycle;
  cycleQuotas: DemoCycleQuota[];
  organizations: DemoOrganization[];
  sheets: DemoSheet[];
  grades: {
    id: number;
    organizationId: number;
    cycleId: number;
    grade: Grade;
    total: number;
    source: "CITY_FINAL";
    official: true;
    effectiveAt: Date;
  }[];
  /** Organisations that are not 争创对象 (联建, or not 实体运作): never scored. */
  notCompetitorIds: number[];
  belts: {
    id: number;
    unitId: string;
    cycleId: number;
    name: string;
    theme: string;
    kind: "ORDINARY" | "SPECIAL_TOWN";
    stopIds: number[];
  }[];
  serviceCenters: {
    id: number;
    unitId: string;
    cycleId: number;
    name: string;
    lng: number;
    lat: number;
    address: string;
    organizationId: number;
  }[];
  committeeMembers: {
    id: number;
    name: string;
    level: "CITY" | "COUNTY";
    unitId: string | null;
    title: string;
    active: boolean;
    /** When the member joined the roster: a cycle's roster rule counts only the members it had. */
    createdAt: Date;
  }[];
  contacts: { id: number; memberId: number; organizationId: number; cycleId: number }[];
  practices: { id: number; organizationId: number; cycleId: number; title: string; selectedAt: Date }[];
  beltPlans: DemoBeltPlan[];
  beltPlanVersions: DemoBeltPlanVersion[];
  /** The cadence's records across the years, as they stand at the reference date. */
  reReviews: DemoReReview[];
  /** The current cycle's year so far (opened with what carries over from 2017, see load.ts). */
  current: CurrentCycleStory;
  users: DemoUser[];
};

type Rng = () => number;

export type ReferenceData = Pick<DemoData, "units" | "townships" | "cycle" | "cycleQuotas">;

/**
 * What every installation starts with, demo or not: the 9 units of Appendix 3, the townships
 * (the real ones of the six counties and the two zones' parks) and the 2017 cycle's deadlines.
 */
export function referenceData(): ReferenceData {
  return {
    units: [...APPENDIX3_UNITS],
    townships: demoTownships(),
    cycle: {
      id: DEMO_CYCLE_ID,
      year: 2017,
      name: cycleName(2017),
      startsOn: chinaDayStart("2017-01-01"),
      endsOn: chinaDayStart("2017-12-31"),
      beltPlanDeadline: chinaDayEnd("2017-08-10"),
      initialSummaryDeadline: chinaDayEnd("2017-09-20"),
      isCurrent: true,
    },
    cycleQuotas: APPENDIX3_UNITS.map((u) => ({
      cycleId: DEMO_CYCLE_ID,
      unitId: u.id,
      excellentQuota: u.excellentQuota,
      practiceQuota: u.practiceQuota,
      reason: null,
    })),
  };
}

export function generateDemoData(seed = DEMO_SEED): DemoData {
  const rng = mulberry32(seed);
  const { units, townships, cycle, cycleQuotas } = referenceData();
  const { organizations, finalGrades } = demoOrganizations(rng, units, townships);
  const allSheets = demoSheets(rng, organizations, finalGrades);
  const finalSheets = new Map(
    allSheets.filter((s) => s.stage === "CITY_FINAL").map((s) => [s.organizationId, s]),
  );
  const allGrades = organizations.map((org, index) => {
    const sheet = finalSheets.get(org.id);
    if (!sheet) throw new Error(`no CITY_FINAL sheet for organisation ${org.id}`);
    return {
      id: index + 1,
      organizationId: org.id,
      cycleId: DEMO_CYCLE_ID,
      grade: gradeFromTotal(sheet.total),
      total: sheet.total,
      source: "CITY_FINAL" as const,
      official: true as const,
      effectiveAt: CITY_FINAL_DATE,
    };
  });
  const gradeOf = new Map(allGrades.map((g) => [g.organizationId, g.grade]));
  const belts = demoBelts(rng, units, organizations, gradeOf);
  const serviceCenters = demoServiceCenters(units, organizations);
  const { committeeMembers, contacts } = demoCommittee(rng, units, organizations, gradeOf);
  const practices = demoPractices(rng, units, organizations, gradeOf);
  for (const practice of practices) {
    const org = organizations[practice.organizationId - 1];
    if (org) org.cityDualManaged = true;
  }
  const { beltPlans, beltPlanVersions } = demoBeltPlans(units, organizations, belts, serviceCenters);
  // Drawn after the rest, so the 2017 data set does not depend on them.
  const notCompetitorIds = notCompetitors(rng, organizations, gradeOf, belts, serviceCenters);
  const scored = (id: number) => !notCompetitorIds.includes(id);
  const sheets = allSheets.filter((s) => scored(s.organizationId));
  const grades = allGrades.filter((g) => scored(g.organizationId));
  const year2017 = {
    units,
    townships,
    cycle,
    cycleQuotas,
    organizations,
    sheets,
    grades,
    notCompetitorIds,
    belts,
    serviceCenters,
    committeeMembers,
    contacts,
    practices,
    beltPlans,
    beltPlanVersions,
  };
  const demoTownship = demoTownshipOf(townships, organizations);
  const current = currentCycleStory(rng, year2017, demoTownship);
  const users = demoUsers(demoTownship, organizations, current.progress);
  const reReviews = demoReReviews(rng, year2017, current);
  return {
    ...year2017,
    organizations: withCoordinateBreaks(year2017, users, current.storyOrganizationIds).map((o) =>
      notCompetitorIds.includes(o.id) ? { ...o, ...NOT_COMPETITOR_FACTS(o.id) } : o,
    ),
    reReviews,
    current,
    users,
  };
}

/** Half of them 联建, the others 单建 but not run as entities. */
function NOT_COMPETITOR_FACTS(id: number): Pick<DemoOrganization, "setupKind" | "entityOperated"> {
  return id % 2 === 0
    ? { setupKind: "JOINT", entityOperated: true }
    : { setupKind: "SINGLE", entityOperated: false };
}

/**
 * About 2% of each unit's organisations are not 争创对象 (联建, or not 实体运作): shown on the map and
 * counted apart, never scored. None is a demonstration site, a belt stop or a service center.
 */
function notCompetitors(
  rng: Rng,
  organizations: DemoOrganization[],
  gradeOf: Map<number, Grade>,
  belts: DemoData["belts"],
  serviceCenters: DemoData["serviceCenters"],
): number[] {
  const taken = new Set([...belts.flatMap((b) => b.stopIds), ...serviceCenters.map((c) => c.organizationId)]);
  const chosen: number[] = [];
  for (const unit of APPENDIX3_UNITS) {
    const candidates = organizations.filter(
      (o) =>
        o.unitId === unit.id &&
        gradeOf.get(o.id) !== "EXCELLENT" &&
        !taken.has(o.id) &&
        o.kind !== "SPECIAL_TOWN",
    );
    const count = Math.max(1, Math.round(candidates.length * 0.02));
    chosen.push(
      ...shuffle(rng, candidates)
        .slice(0, count)
        .map((o) => o.id),
    );
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * The organisations of DELIBERATE_BREAKS.coordinates whose stored points are wrong, so the data-quality
 * view (数据) has something to show: the last two eligible ones share the spot of the third, and the
 * fourth lies in a neighbouring county. Eligible: in the unit's own county, no demonstration site, on
 * no belt, no service center, no user's organisation, no part of the current cycle's story — so
 * nothing else in the data set moves.
 */
export function coordinateBreakIds(
  data: Pick<DemoData, "organizations" | "grades" | "belts" | "serviceCenters">,
  users: readonly { organizationId?: number | null }[],
  /** Organisations the current cycle's story needs where they are. */
  reserved: readonly number[],
) {
  const unit = DELIBERATE_BREAKS.coordinates;
  const taken = new Set([
    ...reserved,
    ...data.grades.filter((g) => g.grade === "EXCELLENT").map((g) => g.organizationId),
    ...data.belts.flatMap((b) => b.stopIds),
    ...data.serviceCenters.map((c) => c.organizationId),
    ...users.flatMap((u) => (u.organizationId ? [u.organizationId] : [])),
  ]);
  const own = COUNTIES.find((c) => countyName(c.code) === unit.county)?.code;
  const eligible = data.organizations.filter(
    (o) => o.unitId === unit.unitId && o.countyCode === own && !taken.has(o.id),
  );
  const [outside, spot, first, second] = eligible.slice(-4);
  if (!outside || !spot || !first || !second)
    throw new Error("too few organisations for the coordinate breaks");
  return { sameSpot: [spot.id, first.id, second.id], outside: outside.id };
}

function withCoordinateBreaks(
  data: Pick<DemoData, "organizations" | "grades" | "belts" | "serviceCenters">,
  users: readonly { organizationId?: number | null }[],
  reserved: readonly number[],
): DemoOrganization[] {
  const { sameSpot, outside } = coordinateBreakIds(data, users, reserved);
  const spot = data.organizations.find((o) => o.id === sameSpot[0]);
  const elsewhere = COUNTIES.find(
    (c) => countyName(c.code) === DELIBERATE_BREAKS.coordinates.outsideIn,
  )?.code;
  if (!spot || !elsewhere) throw new Error("the coordinate breaks' anchors are missing");
  const [lng, lat] = countyLabelPoint(elsewhere);
  return data.organizations.map((o) => {
    if (sameSpot.slice(1).includes(o.id)) return { ...o, lng: spot.lng, lat: spot.lat };
    if (o.id === outside) return { ...o, lng, lat };
    return o;
  });
}

function demoTownships(): DemoTownship[] {
  const countyUnit = new Map(
    APPENDIX3_UNITS.filter((u) => u.kind === "COUNTY").map((u) => [u.countyCode as string, u.id]),
  );
  const real = TOWNSHIPS.map((t) => {
    const unitId = countyUnit.get(t.countyCode);
    if (!unitId) throw new Error(`township ${t.code} lies in no county unit`);
    return { id: t.code, name: t.name, countyCode: t.countyCode, unitId };
  });
  // The two zones review through their own parks (园区), which lie in their host county.
  const parks: DemoTownship[] = [
    { id: "GREEN_ZONE-1", name: "高新园区", countyCode: "330803", unitId: "GREEN_ZONE" },
    { id: "GREEN_ZONE-2", name: "东港园区", countyCode: "330803", unitId: "GREEN_ZONE" },
    { id: "WEST_ZONE-1", name: "西区核心区", countyCode: "330802", unitId: "WEST_ZONE" },
  ];
  return [...real, ...parks];
}

function shortPlace(unit: UnitSpec): string {
  if (unit.kind === "DEPARTMENT") return "衢州";
  if (unit.kind === "ZONE") return unit.id === "GREEN_ZONE" ? "衢州绿色产业集聚区" : "衢州市西区";
  return unit.name.slice(0, 2);
}

/** Counts per official grade for one unit: near 8/30/50/12 and never over its quota. */
function gradePlan(unit: UnitSpec, size: number): Grade[] {
  const excellent = unit.excellentQuota - (ONE_BELOW_QUOTA.has(unit.id) ? 1 : 0);
  const good = Math.round(size * 0.3);
  const fail = Math.round(size * 0.12);
  const pass = size - excellent - good - fail;
  return [
    ...Array<Grade>(excellent).fill("EXCELLENT"),
    ...Array<Grade>(good).fill("GOOD"),
    ...Array<Grade>(pass).fill("PASS"),
    ...Array<Grade>(fail).fill("FAIL"),
  ];
}

function kindPlan(rng: Rng, unit: UnitSpec, size: number): OrgKind[] {
  const specialTowns = (SPECIAL_TOWN_THEMES[unit.id] ?? []).length;
  const kinds: OrgKind[] = Array<OrgKind>(specialTowns).fill("SPECIAL_TOWN");
  const shares: [OrgKind, number][] = [
    ["PRIVATE_SCHOOL", 0.05],
    ["PRIVATE_HOSPITAL", 0.04],
    ["LAW_FIRM", 0.04],
    ["ACCOUNTING_FIRM", 0.03],
    ["OTHER", 0.06],
  ];
  for (const [kind, share] of shares) kinds.push(...Array<OrgKind>(Math.round(size * share)).fill(kind));
  while (kinds.length < size) kinds.push("ENTERPRISE");
  // Special towns first (they take the first 优秀 places below), the rest shuffled.
  return [...kinds.slice(0, specialTowns), ...shuffle(rng, kinds.slice(specialTowns))];
}

function demoOrganizations(rng: Rng, units: UnitSpec[], townships: DemoTownship[]) {
  const organizations: DemoOrganization[] = [];
  const finalGrades: Grade[] = [];
  const usedNames = new Set<string>();
  for (const unit of units) {
    const size = unit.excellentQuota * ORGS_PER_QUOTA_PLACE;
    const kinds = kindPlan(rng, unit, size);
    // Special towns are demonstration sites first; the other 优秀 places go to random organisations.
    const specialCount = kinds.filter((k) => k === "SPECIAL_TOWN").length;
    const plan = gradePlan(unit, size);
    const grades = [...plan.slice(0, specialCount), ...shuffle(rng, plan.slice(specialCount))];
    const themes = SPECIAL_TOWN_THEMES[unit.id] ?? [];
    kinds.forEach((kind, i) => {
      const countyCode =
        unit.countyCode ?? (COUNTIES[intBetween(rng, 0, COUNTIES.length - 1)]?.code as string);
      const candidates = townships.filter((t) =>
        unit.kind === "COUNTY" || unit.kind === "ZONE"
          ? t.unitId === unit.id
          : t.countyCode === countyCode && !t.id.includes("-"),
      );
      const township = candidates[intBetween(rng, 0, candidates.length - 1)];
      if (!township) throw new Error(`no township for unit ${unit.id}`);
      const [lng, lat] = nearTownshipSeat(township, countyCode, sitePoint(unit, countyCode, rng));
      let name =
        kind === "SPECIAL_TOWN"
          ? `${shortPlace(unit)}${themes[i] ?? "特色"}小镇党委`
          : organizationName(rng, kind, shortPlace(unit));
      for (let n = 2; usedNames.has(name); n++) name = name.replace(/(党[委支总].*)$/, `${n}$1`);
      usedNames.add(name);
      const grade = grades[i] ?? "PASS";
      organizations.push({
        id: organizations.length + 1,
        name,
        kind,
        unitId: unit.id,
        townshipId: township.id,
        countyCode,
        lng,
        lat,
        address: streetAddress(rng, countyName(countyCode) ?? "", township.name),
        memberCount:
          kind === "SPECIAL_TOWN" ? intBetween(rng, 30, 150) : intBetween(rng, 3, 12) * intBetween(rng, 1, 6),
        // A few demonstration sites still lack county dual management: the duty checklist finds them.
        countyDualManaged: grade === "EXCELLENT" ? rng() > 0.04 : false,
        cityDualManaged: false,
        setupKind: "SINGLE",
        entityOperated: true,
      });
      finalGrades.push(grade);
    });
  }
  return { organizations, finalGrades };
}

/**
 * Organisations gather in their township, as real ones do around a town's centre: a point drawn
 * anywhere in the county keeps its offset from the county's centre, shrunk to this share, around its
 * township's seat (drawn once per township, from the township's code). The zones' parks are compact
 * already (below) and stay as drawn.
 */
const TOWNSHIP_SPREAD = 0.16;

const seats = new Map<string, [number, number]>();
/**
 * The seats of a county's townships, spread out as towns are: drawn in code order from the county's
 * own generator, each at least `spacing` from those before it (or the farthest of 60 tries).
 */
function townshipSeat(township: DemoTownship, countyCode: string): [number, number] {
  const known = seats.get(township.id);
  if (known) return known;
  const rng = mulberry32(Number(countyCode));
  const townships = TOWNSHIPS.filter((t) => t.countyCode === countyCode);
  const [w, s, e, n] = countyBbox(countyCode);
  const spacing = Math.sqrt(((e - w) * (n - s)) / townships.length) * 0.55;
  const placed: [number, number][] = [];
  for (const t of townships) {
    let best: [number, number] = randomPointInCounty(countyCode, rng, { insetKm: 2 });
    let bestGap = gapTo(best, placed);
    for (let attempt = 0; attempt < 60 && bestGap < spacing; attempt++) {
      const candidate = randomPointInCounty(countyCode, rng, { insetKm: 2 });
      const gap = gapTo(candidate, placed);
      if (gap > bestGap) [best, bestGap] = [candidate, gap];
    }
    placed.push(best);
    seats.set(t.code, best);
  }
  const seat = seats.get(township.id);
  if (!seat) throw new Error(`no seat for township ${township.id}`);
  return seat;
}

function gapTo([x, y]: [number, number], others: readonly [number, number][]): number {
  return Math.min(Number.POSITIVE_INFINITY, ...others.map(([ox, oy]) => Math.hypot(ox - x, oy - y)));
}

function nearTownshipSeat(
  township: DemoTownship,
  countyCode: string,
  drawn: [number, number],
): [number, number] {
  if (township.id.includes("-") || township.countyCode !== countyCode) return drawn;
  const [cx, cy] = countyLabelPoint(countyCode);
  const [sx, sy] = townshipSeat(township, countyCode);
  // Nearer still where the shrunk offset would leave the county (a seat by its border).
  for (const spread of [TOWNSHIP_SPREAD, TOWNSHIP_SPREAD / 2, TOWNSHIP_SPREAD / 4]) {
    const point: [number, number] = [
      Math.round((sx + (drawn[0] - cx) * spread) * 1e6) / 1e6,
      Math.round((sy + (drawn[1] - cy) * spread) * 1e6) / 1e6,
    ];
    if (isInCounty(point[0], point[1], countyCode)) return point;
  }
  return [sx, sy];
}

/** The zones are compact parks inside their host county, not the whole county. */
const ZONE_RADIUS_KM: Record<string, number> = { GREEN_ZONE: 9, WEST_ZONE: 5 };

function sitePoint(unit: UnitSpec, countyCode: string, rng: Rng): [number, number] {
  const radius = ZONE_RADIUS_KM[unit.id];
  if (radius === undefined) return randomPointInCounty(countyCode, rng);
  const centre = countyLabelPoint(countyCode);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const point = randomPointInCounty(countyCode, rng);
    if (haversineKm(point, centre) <= radius) return point;
  }
  throw new Error(`no point within ${radius} km of the centre of ${unit.id}`);
}

const TOTAL_RANGES: Record<Grade, [number, number]> = {
  EXCELLENT: [90, 98],
  GOOD: [80, 89.5],
  PASS: [60, 79.5],
  FAIL: [42, 59.5],
};

/** A total in half points inside the grade's range. */
export function totalFor(rng: Rng, grade: Grade): number {
  const [lo, hi] = TOTAL_RANGES[grade];
  return lo + intBetween(rng, 0, (hi - lo) * 2) / 2;
}

/** 25 item scores (0–4, halves) that add up to exactly `total`. */
export function itemsForTotal(rng: Rng, total: number): ItemScores {
  let halves = Math.round(total * 2);
  const scores = ITEM_KEYS.map(() => 0);
  const base = Math.floor(halves / ITEM_KEYS.length);
  scores.fill(base);
  halves -= base * ITEM_KEYS.length;
  const order = shuffle(
    rng,
    ITEM_KEYS.map((_, i) => i),
  );
  for (const i of order.slice(0, halves)) scores[i] = (scores[i] ?? 0) + 1;
  // Move half points between items so sheets do not look flat, staying within 0–8 halves.
  for (let n = 0; n < 12; n++) {
    const from = intBetween(rng, 0, 24);
    const to = intBetween(rng, 0, 24);
    if (from !== to && (scores[from] ?? 0) > 0 && (scores[to] ?? 8) < 8) {
      scores[from] = (scores[from] ?? 0) - 1;
      scores[to] = (scores[to] ?? 0) + 1;
    }
  }
  return Object.fromEntries(ITEM_KEYS.map((key, i) => [key, (scores[i] ?? 0) / 2]));
}

const STAGE_DATES: Record<Stage, Date> = {
  SELF: new Date("2017-07-15T02:00:00Z"),
  TOWNSHIP_REVIEW: new Date("2017-08-20T02:00:00Z"),
  COUNTY_INITIAL: new Date("2017-09-15T02:00:00Z"),
  CITY_FINAL: CITY_FINAL_DATE,
};

/** Organisations rate themselves a little higher; each level corrects a little. */
const STAGE_DRIFT: Record<Stage, [number, number]> = {
  SELF: [0, 6],
  TOWNSHIP_REVIEW: [0, 3],
  COUNTY_INITIAL: [-1, 1],
  CITY_FINAL: [0, 0],
};

function demoSheets(rng: Rng, organizations: DemoOrganization[], finalGrades: Grade[]): DemoSheet[] {
  const sheets: DemoSheet[] = [];
  organizations.forEach((org, i) => {
    const final = totalFor(rng, finalGrades[i] ?? "PASS");
    for (const stage of STAGES) {
      const [lo, hi] = STAGE_DRIFT[stage];
      const target = Math.min(100, Math.max(0, final + intBetween(rng, lo * 2, hi * 2) / 2));
      const items = itemsForTotal(rng, target);
      const total = sheetTotal(items);
      sheets.push({
        id: sheets.length + 1,
        organizationId: org.id,
        cycleId: DEMO_CYCLE_ID,
        stage,
        items,
        total,
        opinion: stage === "COUNTY_INITIAL" ? countyOpinion(gradeFromTotal(total)) : null,
        status: "SUBMITTED",
        submittedAt: STAGE_DATES[stage],
      });
    }
  });
  return sheets;
}

export function countyOpinion(grade: Grade): string {
  const label = LABELS_ZH.grade[grade];
  return grade === "FAIL" ? `初评为${label}，列入预警梯队，限期整改` : `同意初评为${label}`;
}

/** Sites eligible for a unit's belts: its own, plus 市经信委 sites in its county. */
const DEPARTMENT_UNIT_IDS: ReadonlySet<string> = new Set(
  APPENDIX3_UNITS.filter((u) => u.kind === "DEPARTMENT").map((u) => u.id),
);

/**
 * The demonstration sites a unit's belts take: those the domain allows as stops. A zone may also
 * carry 市经信委 sites of its host county, but the demo gives each to the county alone.
 */
function beltCandidates(unit: UnitSpec, organizations: DemoOrganization[], gradeOf: Map<number, Grade>) {
  return organizations.filter(
    (o) =>
      gradeOf.get(o.id) === "EXCELLENT" &&
      isEligibleStop(unit, { ...o, grade: "EXCELLENT" }, DEPARTMENT_UNIT_IDS) &&
      (o.unitId === unit.id || unit.kind === "COUNTY"),
  );
}

function demoBelts(
  rng: Rng,
  units: UnitSpec[],
  organizations: DemoOrganization[],
  gradeOf: Map<number, Grade>,
) {
  const belts: DemoData["belts"] = [];
  for (const unit of units) {
    if (unit.minBelts === 0) continue;
    const beltCount = unit.id === DELIBERATE_BREAKS.onlyTwoBelts ? 2 : unit.minBelts;
    const candidates = beltCandidates(unit, organizations, gradeOf);
    const leftOut =
      unit.id === DELIBERATE_BREAKS.siteOnNoBelt
        ? candidates.find((s) => s.unitId === unit.id && s.kind !== "SPECIAL_TOWN")
        : undefined;
    const sites = candidates.filter((s) => s !== leftOut);
    const towns = sites.filter((s) => s.kind === "SPECIAL_TOWN");
    const others = sites.filter((s) => s.kind !== "SPECIAL_TOWN");
    // Split the other sites into geographic sectors around their centre: belts that make sense on a map.
    const groups = sectorGroups(others, beltCount);
    towns.forEach((town, i) => {
      let target = i % beltCount;
      if (unit.id === DELIBERATE_BREAKS.beltWithoutSpecialTown && target === beltCount - 1) target = 0;
      groups[target]?.push(town);
    });
    const themes = shuffle(rng, BELT_THEMES);
    groups.forEach((group, i) => {
      const theme = themes[i % themes.length] ?? "党建引领";
      belts.push(
        makeBelt(belts.length + 1, unit, `${shortPlace(unit)}“${theme}”示范带`, theme, "ORDINARY", group),
      );
    });
    if (DEDICATED_SPECIAL_TOWN_BELT_UNITS.has(unit.id) && towns.length >= 2) {
      belts.push(
        makeBelt(
          belts.length + 1,
          unit,
          `${shortPlace(unit)}特色小镇示范带`,
          "特色小镇",
          "SPECIAL_TOWN",
          towns,
        ),
      );
    }
  }
  return belts;
}

function makeBelt(
  id: number,
  unit: UnitSpec,
  name: string,
  theme: string,
  kind: "ORDINARY" | "SPECIAL_TOWN",
  sites: DemoOrganization[],
) {
  const order = orderStops(sites.map((s) => [s.lng, s.lat] as [number, number]));
  return {
    id,
    unitId: unit.id,
    cycleId: DEMO_CYCLE_ID,
    name,
    theme,
    kind,
    stopIds: order.map((i) => sites[i]?.id as number),
  };
}

function sectorGroups<T extends { lng: number; lat: number }>(sites: T[], count: number): T[][] {
  const cx = sites.reduce((s, p) => s + p.lng, 0) / Math.max(1, sites.length);
  const cy = sites.reduce((s, p) => s + p.lat, 0) / Math.max(1, sites.length);
  const sorted = [...sites].sort(
    (a, b) => Math.atan2(a.lat - cy, a.lng - cx) - Math.atan2(b.lat - cy, b.lng - cx),
  );
  const groups: T[][] = Array.from({ length: count }, () => []);
  sorted.forEach((site, i) => {
    groups[Math.floor((i * count) / sorted.length)]?.push(site);
  });
  return groups;
}

/**
 * Each center sits at one of the unit's own sites (placing it "at a site"): the one nearest the
 * middle of its county, or for the zone its first 特色小镇.
 */
function demoServiceCenters(units: UnitSpec[], organizations: DemoOrganization[]) {
  return units
    .filter((u) => u.needsServiceCenter)
    .map((unit, i) => {
      const own = organizations.filter((o) => o.unitId === unit.id);
      const middle = unit.kind === "COUNTY" && unit.countyCode ? countyLabelPoint(unit.countyCode) : null;
      const site = middle ? nearest(own, middle) : (own.find((o) => o.kind === "SPECIAL_TOWN") ?? own[0]);
      if (!site) throw new Error(`unit ${unit.id} has no site for its service center`);
      return {
        id: i + 1,
        unitId: unit.id,
        cycleId: DEMO_CYCLE_ID,
        name: `${unit.name}区域性党群服务中心`,
        lng: site.lng,
        lat: site.lat,
        address: site.address,
        organizationId: site.id,
      };
    });
}

function nearest<T extends { lng: number; lat: number }>(
  sites: T[],
  [lng, lat]: [number, number],
): T | undefined {
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const site of sites) {
    const distance = (site.lng - lng) ** 2 + (site.lat - lat) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [site, distance];
  }
  return best;
}

function personName(rng: Rng): string {
  return `${MEMBER_SURNAMES[intBetween(rng, 0, MEMBER_SURNAMES.length - 1)]}${MEMBER_GIVEN[intBetween(rng, 0, MEMBER_GIVEN.length - 1)]}`;
}

/**
 * "三联一领": one county member per demonstration site of the unit, each linking exactly that one,
 * but in the unit of DELIBERATE_BREAKS.roster, whose last site is left without a contact and whose
 * last member links none. Seven city-level members link one site each, in different units.
 */
function demoCommittee(
  rng: Rng,
  units: UnitSpec[],
  organizations: DemoOrganization[],
  gradeOf: Map<number, Grade>,
) {
  const committeeMembers: DemoData["committeeMembers"] = [];
  const contacts: DemoData["contacts"] = [];
  const member = (level: "CITY" | "COUNTY", unit: UnitSpec | null) => {
    const created = {
      id: committeeMembers.length + 1,
      name: personName(rng),
      level,
      unitId: unit?.id ?? null,
      title: unit ? `${unit.name}两新工委委员` : "市两新工委委员",
      active: true,
      createdAt: ROSTER_2017_DATE,
    };
    committeeMembers.push(created);
    return created;
  };
  const link = (memberId: number, organizationId: number) =>
    contacts.push({ id: contacts.length + 1, memberId, organizationId, cycleId: DEMO_CYCLE_ID });
  for (const unit of units) {
    const sites = organizations.filter((o) => o.unitId === unit.id && gradeOf.get(o.id) === "EXCELLENT");
    const broken = unit.id === DELIBERATE_BREAKS.roster;
    sites.forEach((site, i) => {
      const county = member("COUNTY", unit);
      if (!(broken && i === sites.length - 1)) link(county.id, site.id);
    });
  }
  const cityUnits = units.filter((u) => u.kind === "COUNTY").slice(0, 6);
  for (let i = 0; i < 7; i++) {
    const city = member("CITY", null);
    const unit = cityUnits[i % cityUnits.length];
    const sites = organizations.filter((o) => o.unitId === unit?.id && gradeOf.get(o.id) === "EXCELLENT");
    const site = sites[Math.floor(i / cityUnits.length)];
    if (site) link(city.id, site.id);
  }
  return { committeeMembers, contacts };
}

function demoPractices(
  rng: Rng,
  units: UnitSpec[],
  organizations: DemoOrganization[],
  gradeOf: Map<number, Grade>,
) {
  const practices: DemoData["practices"] = [];
  for (const unit of units) {
    const sites = organizations.filter((o) => o.unitId === unit.id && gradeOf.get(o.id) === "EXCELLENT");
    const chosen = shuffle(rng, sites).slice(
      0,
      Math.max(0, Math.min(unit.practiceQuota, sites.length) - (unit.practiceQuota > 5 ? 1 : 0)),
    );
    for (const site of chosen) {
      const theme = BELT_THEMES[intBetween(rng, 0, BELT_THEMES.length - 1)];
      practices.push({
        id: practices.length + 1,
        organizationId: site.id,
        cycleId: DEMO_CYCLE_ID,
        title: `“${theme}”党建工作法`,
        selectedAt: new Date("2017-11-10T02:00:00Z"),
      });
    }
  }
  return practices.sort((a, b) => a.organizationId - b.organizationId).map((p, i) => ({ ...p, id: i + 1 }));
}

/**
 * How each unit's belt plan went in the demo (China time): most were accepted on time; 柯城区's was
 * returned for its missing belt, 开化县's waits for the city, 衢江区's came in late.
 */
const PLAN_HISTORY: Readonly<
  Record<string, { submitted: string; decision: "ACCEPTED" | "RETURNED" | null; decided?: string }>
> = {
  [DELIBERATE_BREAKS.onlyTwoBelts]: {
    submitted: "2017-08-09T10:00",
    decision: "RETURNED",
    decided: "2017-08-11T09:30",
  },
  [DELIBERATE_BREAKS.beltWithoutSpecialTown]: { submitted: "2017-08-10T17:00", decision: null },
  [DELIBERATE_BREAKS.latePlan]: {
    submitted: "2017-08-14T09:00",
    decision: "ACCEPTED",
    decided: "2017-08-16T15:00",
  },
};
const ON_TIME_PLAN = {
  submitted: "2017-08-08T10:00",
  decision: "ACCEPTED",
  decided: "2017-08-15T10:00",
} as const;
const DEMO_RETURN_REASON = "示范带不足3条，请补齐后重新报送";

function demoBeltPlans(
  units: UnitSpec[],
  organizations: DemoOrganization[],
  belts: DemoData["belts"],
  serviceCenters: DemoData["serviceCenters"],
): Pick<DemoData, "beltPlans" | "beltPlanVersions"> {
  const beltPlans: DemoBeltPlan[] = [];
  const beltPlanVersions: DemoBeltPlanVersion[] = [];
  const stopOf = (id: number) => {
    const org = organizations[id - 1];
    if (!org || org.id !== id) throw new Error(`no organisation ${id} for a plan snapshot`);
    return { organizationId: id, name: org.name, lng: org.lng, lat: org.lat };
  };
  for (const unit of units) {
    if (unit.minBelts === 0) continue;
    const history = PLAN_HISTORY[unit.id] ?? ON_TIME_PLAN;
    const center = serviceCenters.find((c) => c.unitId === unit.id);
    const snapshot: PlanSnapshot = {
      belts: belts
        .filter((b) => b.unitId === unit.id)
        .map((b) => ({
          id: b.id,
          name: b.name,
          theme: b.theme,
          kind: b.kind,
          roundTrip: false,
          stops: b.stopIds.map(stopOf),
        })),
      serviceCenter: center
        ? {
            name: center.name,
            lng: center.lng,
            lat: center.lat,
            address: center.address,
            organizationId: center.organizationId,
          }
        : null,
    };
    const planId = beltPlans.length + 1;
    const submittedAt = new Date(`${history.submitted}:00+08:00`);
    const returned = history.decision === "RETURNED";
    beltPlans.push({
      id: planId,
      unitId: unit.id,
      cycleId: DEMO_CYCLE_ID,
      status: history.decision ?? "SUBMITTED",
      returnReason: returned ? DEMO_RETURN_REASON : null,
      submittedAt,
      version: 1,
    });
    beltPlanVersions.push({
      id: beltPlanVersions.length + 1,
      planId,
      version: 1,
      snapshot,
      submittedAt,
      decision: history.decision,
      decidedAt: history.decided ? new Date(`${history.decided}:00+08:00`) : null,
      returnReason: returned ? DEMO_RETURN_REASON : null,
    });
  }
  return { beltPlans, beltPlanVersions };
}
