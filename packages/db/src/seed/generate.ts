// The deterministic demo data set (示例数据): one fixed random seed, no clock, no I/O.
import {
  APPENDIX3_UNITS,
  addMonthsInChina,
  CHINA_UTC_OFFSET_MS,
  chinaDayNumber,
  type Grade,
  gradeFromTotal,
  haversineKm,
  ITEM_KEYS,
  type ItemScores,
  intBetween,
  isEligibleStop,
  LABELS_ZH,
  mulberry32,
  nextReviewDue,
  type OrgKind,
  orderStops,
  type PlanSnapshot,
  type PlanStatus,
  REVIEW_INTERVAL_MONTHS,
  STAGES,
  type Stage,
  sheetTotal,
  shuffle,
  type UnitSpec,
} from "@beltmap/domain";
import { COUNTIES, countyLabelPoint, countyName, randomPointInCounty, TOWNSHIPS } from "@beltmap/geo";
import {
  BELT_THEMES,
  MEMBER_GIVEN,
  MEMBER_SURNAMES,
  organizationName,
  SPECIAL_TOWN_THEMES,
  streetAddress,
} from "./names.ts";
import { type DemoUser, demoTownshipOf, demoUsers, withWorkInProgress } from "./workflow.ts";

export const DEMO_SEED = 20170810;
/** "Today" of the demo: re-review dates are laid out around it, so some are overdue. */
export const DEMO_REFERENCE_DATE = new Date("2026-11-20T00:00:00Z");
export const DEMO_CYCLE_ID = 1;
const CITY_FINAL_DATE = new Date("2017-10-20T02:00:00Z");

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
  /** For 数据质量: three 柯城区 organisations on one spot, and one whose point lies in 开化县. */
  coordinates: { unitId: "KECHENG", county: "柯城区", outsideIn: "开化县" },
} as const;
const DEDICATED_SPECIAL_TOWN_BELT_UNITS = new Set(["JIANGSHAN", "LONGYOU"]);

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
export type DemoData = {
  units: UnitSpec[];
  townships: DemoTownship[];
  cycle: {
    id: number;
    year: number;
    name: string;
    beltPlanDeadline: Date;
    initialSummaryDeadline: Date;
    isCurrent: boolean;
  };
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
  }[];
  contacts: { id: number; memberId: number; organizationId: number; cycleId: number }[];
  practices: { id: number; organizationId: number; cycleId: number; title: string; selectedAt: Date }[];
  beltPlans: DemoBeltPlan[];
  beltPlanVersions: DemoBeltPlanVersion[];
  reReviews: {
    id: number;
    organizationId: number;
    dueOn: Date;
    reviewedAt: Date | null;
    gradeBefore: Grade;
    suggestion: "NONE" | "UPGRADE" | "DOWNGRADE";
    suggestedGrade: Grade | null;
    status: "PENDING" | "REVIEWED" | "FILED";
    countyDecidedAt: Date | null;
    cityFiledAt: Date | null;
  }[];
  users: DemoUser[];
};

type Rng = () => number;

export type ReferenceData = Pick<DemoData, "units" | "townships" | "cycle">;

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
      name: "2017年度“百企示范、千企争先”行动",
      beltPlanDeadline: chinaEndOfDay("2017-08-10"),
      initialSummaryDeadline: chinaEndOfDay("2017-09-20"),
      isCurrent: true,
    },
  };
}

export function generateDemoData(seed = DEMO_SEED): DemoData {
  const rng = mulberry32(seed);
  const { units, townships, cycle } = referenceData();
  const { organizations, finalGrades } = demoOrganizations(rng, units, townships);
  const sheets = demoSheets(rng, organizations, finalGrades);
  const finalSheets = new Map(
    sheets.filter((s) => s.stage === "CITY_FINAL").map((s) => [s.organizationId, s]),
  );
  const grades = organizations.map((org, index) => {
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
  const gradeOf = new Map(grades.map((g) => [g.organizationId, g.grade]));
  const belts = demoBelts(rng, units, organizations, gradeOf);
  const serviceCenters = demoServiceCenters(units, organizations);
  const { committeeMembers, contacts } = demoCommittee(rng, units, organizations, gradeOf);
  const practices = demoPractices(rng, units, organizations, gradeOf);
  for (const practice of practices) {
    const org = organizations[practice.organizationId - 1];
    if (org) org.cityDualManaged = true;
  }
  const reReviews = demoReReviews(rng, organizations, gradeOf);
  const { beltPlans, beltPlanVersions } = demoBeltPlans(units, organizations, belts, serviceCenters);
  const complete = {
    units,
    townships,
    cycle,
    organizations,
    sheets,
    grades,
    belts,
    serviceCenters,
    committeeMembers,
    contacts,
    practices,
    reReviews,
    beltPlans,
    beltPlanVersions,
  };
  // Drawn last, so the rest of the data set does not depend on it.
  const demoTownship = demoTownshipOf(townships, organizations);
  const { data, progress } = withWorkInProgress(rng, complete, demoTownship);
  const users = demoUsers(demoTownship, organizations, progress);
  return { ...data, organizations: withCoordinateBreaks(data, users), users };
}

/**
 * The organisations of DELIBERATE_BREAKS.coordinates whose stored points are wrong, so the data-quality
 * view (数据) has something to show: the last two eligible ones share the spot of the third, and the
 * fourth lies in a neighbouring county. Eligible: in the unit's own county, no demonstration site, on
 * no belt, no service center, no user's organisation — so nothing else in the data set moves.
 */
export function coordinateBreakIds(
  data: Pick<DemoData, "organizations" | "grades" | "belts" | "serviceCenters">,
  users: readonly { organizationId?: number | null }[],
) {
  const unit = DELIBERATE_BREAKS.coordinates;
  const taken = new Set([
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
): DemoOrganization[] {
  const { sameSpot, outside } = coordinateBreakIds(data, users);
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

/** The last millisecond of a calendar day in China (UTC+8): a deadline "by 8月10日" includes all of it. */
function chinaEndOfDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
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
      const [lng, lat] = sitePoint(unit, countyCode, rng);
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
      });
      finalGrades.push(grade);
    });
  }
  return { organizations, finalGrades };
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
function totalFor(rng: Rng, grade: Grade): number {
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

function countyOpinion(grade: Grade): string {
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

function demoCommittee(
  rng: Rng,
  units: UnitSpec[],
  organizations: DemoOrganization[],
  gradeOf: Map<number, Grade>,
) {
  const committeeMembers: DemoData["committeeMembers"] = [];
  const contacts: DemoData["contacts"] = [];
  for (const unit of units) {
    const sites = organizations.filter((o) => o.unitId === unit.id && gradeOf.get(o.id) === "EXCELLENT");
    // Each county-level member links up to three sites; the last site of a unit is left unlinked
    // in a few units so the duty checklist has something to report.
    const linked = unit.kind === "COUNTY" && unit.excellentQuota >= 20 ? sites.slice(0, -1) : sites;
    for (let i = 0; i < linked.length; i += 3) {
      const member = {
        id: committeeMembers.length + 1,
        name: personName(rng),
        level: "COUNTY" as const,
        unitId: unit.id,
        title: `${unit.name}两新工委委员`,
      };
      committeeMembers.push(member);
      for (const site of linked.slice(i, i + 3)) {
        contacts.push({
          id: contacts.length + 1,
          memberId: member.id,
          organizationId: site.id,
          cycleId: DEMO_CYCLE_ID,
        });
      }
    }
  }
  for (let i = 0; i < 7; i++) {
    committeeMembers.push({
      id: committeeMembers.length + 1,
      name: personName(rng),
      level: "CITY",
      unitId: null,
      title: "市两新工委委员",
    });
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

const DAY_MS = 86_400_000;

/**
 * One filed re-review per organisation, placed so that its next one falls due around the
 * reference date (some already overdue), plus that next re-review as PENDING or, for a few,
 * already REVIEWED with an upgrade/downgrade suggestion waiting for the county.
 */
function demoReReviews(rng: Rng, organizations: DemoOrganization[], gradeOf: Map<number, Grade>) {
  const reReviews: DemoData["reReviews"] = [];
  for (const org of organizations) {
    const grade = gradeOf.get(org.id) ?? "PASS";
    const months = REVIEW_INTERVAL_MONTHS[grade];
    const earliest = addMonthsInChina(DEMO_REFERENCE_DATE, -months).getTime() - 20 * DAY_MS;
    const latest = DEMO_REFERENCE_DATE.getTime() - 5 * DAY_MS;
    const reviewedAt = new Date(
      Math.floor((earliest + rng() * (latest - earliest)) / DAY_MS) * DAY_MS + 2 * 3_600_000,
    );
    const due = new Date(reviewedAt.getTime() + intBetween(rng, -10, 10) * DAY_MS);
    reReviews.push({
      id: reReviews.length + 1,
      organizationId: org.id,
      dueOn: startOfDay(due),
      reviewedAt,
      gradeBefore: grade,
      suggestion: "NONE",
      suggestedGrade: null,
      status: "FILED",
      countyDecidedAt: new Date(reviewedAt.getTime() + 7 * DAY_MS),
      cityFiledAt: new Date(reviewedAt.getTime() + 14 * DAY_MS),
    });
    const nextDue = startOfDay(nextReviewDue(grade, reviewedAt));
    const suggestion = suggestionFor(rng, grade);
    const reviewedEarly =
      suggestion !== null && nextDue.getTime() - DEMO_REFERENCE_DATE.getTime() < 30 * DAY_MS;
    reReviews.push({
      id: reReviews.length + 1,
      organizationId: org.id,
      dueOn: nextDue,
      reviewedAt: reviewedEarly ? new Date(DEMO_REFERENCE_DATE.getTime() - 2 * DAY_MS) : null,
      gradeBefore: grade,
      suggestion: reviewedEarly && suggestion ? suggestion.suggestion : "NONE",
      suggestedGrade: reviewedEarly && suggestion ? suggestion.grade : null,
      status: reviewedEarly ? "REVIEWED" : "PENDING",
      countyDecidedAt: null,
      cityFiledAt: null,
    });
  }
  return reReviews;
}

/** Midnight in Beijing of the date's day in China. */
function startOfDay(date: Date): Date {
  return new Date(chinaDayNumber(date) * DAY_MS - CHINA_UTC_OFFSET_MS);
}

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
