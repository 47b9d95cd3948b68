import { describe, expect, it } from "vitest";
import {
  type BeltInput,
  type BeltSite,
  checkUnitCompliance,
  isEligibleStop,
  type UnitComplianceInput,
  type UnitInput,
} from "./belts.ts";
import { APPENDIX3_UNITS } from "./quota.ts";
import type { RosterFacts } from "./roster.ts";
import {
  bindingRuleTally,
  isDemonstrationSite,
  RULE_IDS,
  RULE_TITLES_ZH,
  type RuleId,
  type RuleResult,
  ruleResultJson,
  submissionIsLate,
  unitPasses,
} from "./rules.ts";
import { RULE_TITLES_EN } from "./rules-en.ts";

function unitById(id: string): UnitInput {
  const unit = APPENDIX3_UNITS.find((u) => u.id === id);
  if (!unit) throw new Error(`no unit ${id}`);
  return unit;
}

const KECHENG = unitById("KECHENG");
const WEST_ZONE = unitById("WEST_ZONE");
const JINGXIN = unitById("JINGXIN");
const GREEN_ZONE = unitById("GREEN_ZONE");
const DEPARTMENTS: ReadonlySet<string> = new Set(["JINGXIN"]);

const site = (
  id: number,
  unitId: string,
  kind: BeltSite["kind"],
  grade: BeltSite["grade"],
  countyCode = "330802",
): BeltSite => ({ id, unitId, kind, countyCode, grade });

// 柯城区 with two 特色小镇, three other demonstration sites, a 市经信委 site in its county and one
// elsewhere, and a 市西区 site that lies in the same county but belongs to the zone.
const SITES: readonly BeltSite[] = [
  site(1, "KECHENG", "SPECIAL_TOWN", "EXCELLENT"),
  site(2, "KECHENG", "ENTERPRISE", "EXCELLENT"),
  site(3, "KECHENG", "ENTERPRISE", "EXCELLENT"),
  site(4, "KECHENG", "SPECIAL_TOWN", "GOOD"),
  site(5, "KECHENG", "LAW_FIRM", "EXCELLENT"),
  site(6, "KECHENG", "ENTERPRISE", "PASS"),
  site(7, "KECHENG", "ENTERPRISE", null),
  site(10, "JINGXIN", "ENTERPRISE", "EXCELLENT"),
  site(11, "JINGXIN", "ENTERPRISE", "EXCELLENT", "330825"),
  site(20, "WEST_ZONE", "SPECIAL_TOWN", "EXCELLENT"),
];
const SITE_MAP: ReadonlyMap<number, BeltSite> = new Map(SITES.map((s) => [s.id, s]));

const belt = (id: number, unitId: string, stopIds: number[]): BeltInput => ({
  id,
  unitId,
  name: `示范带 ${id}`,
  stopIds,
});

const KECHENG_BELTS: readonly BeltInput[] = [
  belt(101, "KECHENG", [1, 2]),
  belt(102, "KECHENG", [4, 3]),
  belt(103, "KECHENG", [1, 5, 10]),
];

function stopsOf(belts: readonly BeltInput[]): Set<number> {
  return new Set(belts.flatMap((b) => b.stopIds));
}

// 2017's deadline, 8月10日 at the end of the day in China.
const DEADLINE = new Date("2017-08-10T15:59:59.999Z");
const AFTER = new Date("2017-11-01T00:00:00Z");
const ON_TIME = { deadline: DEADLINE, firstSubmittedAt: new Date("2017-08-08T02:00:00Z"), now: AFTER };

function check(overrides: Partial<UnitComplianceInput> = {}): RuleResult[] {
  const belts = overrides.belts ?? KECHENG_BELTS;
  return checkUnitCompliance({
    unit: KECHENG,
    belts,
    sites: SITE_MAP,
    onAnyBelt: stopsOf(belts),
    hasServiceCenter: true,
    departmentUnitIds: DEPARTMENTS,
    plan: ON_TIME,
    ...overrides,
  });
}

function ruleOf(results: RuleResult[], rule: RuleId): RuleResult {
  const found = results.find((r) => r.rule === rule);
  if (!found) throw new Error(`no result for ${rule}`);
  return found;
}

describe("isEligibleStop", () => {
  const byId = (id: number): BeltSite => {
    const found = SITE_MAP.get(id);
    if (!found) throw new Error(`no site ${id}`);
    return found;
  };

  it("takes the unit's own sites, whatever their grade", () => {
    expect(isEligibleStop(KECHENG, byId(1), DEPARTMENTS)).toBe(true);
    expect(isEligibleStop(KECHENG, byId(7), DEPARTMENTS)).toBe(true);
  });

  it("takes a 市经信委 site lying in the unit's county", () => {
    expect(isEligibleStop(KECHENG, byId(10), DEPARTMENTS)).toBe(true);
    expect(isEligibleStop(WEST_ZONE, byId(10), DEPARTMENTS)).toBe(true);
  });

  it("refuses a 市经信委 site in another county", () => {
    expect(isEligibleStop(KECHENG, byId(11), DEPARTMENTS)).toBe(false);
    expect(isEligibleStop(unitById("LONGYOU"), byId(11), DEPARTMENTS)).toBe(true);
  });

  it("refuses another unit's site in the same county: zones plan their own belts", () => {
    expect(isEligibleStop(KECHENG, byId(20), DEPARTMENTS)).toBe(false);
    expect(isEligibleStop(WEST_ZONE, byId(1), DEPARTMENTS)).toBe(false);
  });

  it("only lends sites of units listed as departments", () => {
    expect(isEligibleStop(KECHENG, byId(10), new Set())).toBe(false);
  });

  it("lets 市经信委 take its own sites but no other department's", () => {
    expect(isEligibleStop(JINGXIN, byId(10), DEPARTMENTS)).toBe(true);
    const otherDepartmentSite = site(30, "OTHER_DEPT", "ENTERPRISE", "EXCELLENT");
    expect(isEligibleStop(JINGXIN, otherDepartmentSite, new Set(["JINGXIN", "OTHER_DEPT"]))).toBe(false);
  });
});

describe("rule titles", () => {
  it("exist in both languages for every rule", () => {
    expect(Object.keys(RULE_TITLES_ZH)).toEqual([...RULE_IDS]);
    expect(Object.keys(RULE_TITLES_EN)).toEqual([...RULE_IDS]);
  });
});

describe("checkUnitCompliance", () => {
  it("returns one result per rule, in RULE_IDS order", () => {
    expect(check().map((r) => r.rule)).toEqual([...RULE_IDS]);
  });

  it("passes a compliant 柯城区", () => {
    const results = check();
    expect(results.filter((r) => r.applicable && !r.advisory).every((r) => r.passed)).toBe(true);
    expect(unitPasses(results)).toBe(true);
  });

  describe("MIN_BELTS", () => {
    it("passes with exactly 3 belts", () => {
      expect(ruleOf(check(), "MIN_BELTS")).toMatchObject({
        applicable: true,
        passed: true,
        expected: 3,
        actual: 3,
      });
    });

    it("fails with 2", () => {
      const results = check({ belts: KECHENG_BELTS.slice(0, 2), onAnyBelt: stopsOf(KECHENG_BELTS) });
      expect(ruleOf(results, "MIN_BELTS")).toMatchObject({ passed: false, expected: 3, actual: 2 });
      expect(unitPasses(results)).toBe(false);
    });

    it("passes for 市西区 with one belt", () => {
      const results = check({
        unit: WEST_ZONE,
        belts: [belt(201, "WEST_ZONE", [20])],
        hasServiceCenter: true,
      });
      expect(ruleOf(results, "MIN_BELTS")).toMatchObject({ passed: true, expected: 1, actual: 1 });
      expect(unitPasses(results)).toBe(true);
    });

    it("fails for 市西区 with none", () => {
      const results = check({ unit: WEST_ZONE, belts: [], onAnyBelt: new Set([20]) });
      expect(ruleOf(results, "MIN_BELTS").passed).toBe(false);
    });

    it("does not apply to 市经信委", () => {
      expect(ruleOf(check({ unit: JINGXIN, belts: [] }), "MIN_BELTS")).toMatchObject({
        applicable: false,
        passed: true,
      });
    });
  });

  describe("SERVICE_CENTER", () => {
    it("fails a county without one", () => {
      const results = check({ hasServiceCenter: false });
      expect(ruleOf(results, "SERVICE_CENTER")).toMatchObject({ applicable: true, passed: false, actual: 0 });
      expect(unitPasses(results)).toBe(false);
    });

    it("applies to 市绿色产业集聚区", () => {
      const results = check({ unit: GREEN_ZONE, belts: [], hasServiceCenter: false });
      expect(ruleOf(results, "SERVICE_CENTER")).toMatchObject({ applicable: true, passed: false });
    });

    it("applies to 市西区 (the seed: 并统筹配备1个区域性党群服务中心)", () => {
      const results = check({ unit: WEST_ZONE, belts: [], hasServiceCenter: false });
      expect(ruleOf(results, "SERVICE_CENTER")).toMatchObject({ applicable: true, passed: false });
    });

    it("does not apply to 市经信委, a department without territory", () => {
      expect(
        ruleOf(check({ unit: JINGXIN, belts: [], hasServiceCenter: false }), "SERVICE_CENTER"),
      ).toMatchObject({ applicable: false, passed: true });
    });
  });

  describe("SPECIAL_TOWN_IN_EVERY_BELT", () => {
    it("fails a belt whose only 特色小镇 was removed, and names it", () => {
      const belts = [
        belt(101, "KECHENG", [1, 2]),
        belt(102, "KECHENG", [3]),
        belt(103, "KECHENG", [1, 5, 10]),
      ];
      const results = check({ belts, onAnyBelt: stopsOf(KECHENG_BELTS) });
      expect(ruleOf(results, "SPECIAL_TOWN_IN_EVERY_BELT")).toMatchObject({
        passed: false,
        expected: 3,
        actual: 2,
        offendingBeltIds: [102],
      });
      expect(unitPasses(results)).toBe(false);
    });

    it("counts a 特色小镇 of any grade", () => {
      // Belt 102 relies on site 4, a 特色小镇 graded 良好.
      expect(ruleOf(check(), "SPECIAL_TOWN_IN_EVERY_BELT").passed).toBe(true);
    });

    it("fails an empty belt and a belt of stops it cannot resolve", () => {
      const belts = [...KECHENG_BELTS, belt(104, "KECHENG", []), belt(105, "KECHENG", [999])];
      expect(ruleOf(check({ belts }), "SPECIAL_TOWN_IN_EVERY_BELT").offendingBeltIds).toEqual([104, 105]);
    });

    it("does not apply to 市经信委 without belts", () => {
      expect(ruleOf(check({ unit: JINGXIN, belts: [] }), "SPECIAL_TOWN_IN_EVERY_BELT")).toMatchObject({
        applicable: false,
        passed: true,
      });
    });
  });

  describe("EVERY_SITE_ON_A_BELT", () => {
    it("fails on a demonstration site on no belt, and names it", () => {
      const belts = [
        belt(101, "KECHENG", [1, 2]),
        belt(102, "KECHENG", [4, 3]),
        belt(103, "KECHENG", [1, 10]),
      ];
      const results = check({ belts });
      expect(ruleOf(results, "EVERY_SITE_ON_A_BELT")).toMatchObject({
        passed: false,
        expected: 4,
        actual: 3,
        offendingSiteIds: [5],
      });
      expect(unitPasses(results)).toBe(false);
    });

    it("asks nothing of sites that are not 优秀", () => {
      // Sites 6 (达标) and 7 (ungraded) are on no belt.
      expect(ruleOf(check(), "EVERY_SITE_ON_A_BELT")).toMatchObject({ passed: true, expected: 4, actual: 4 });
    });

    it("counts a site that only some other belt carries", () => {
      const belts = [
        belt(101, "KECHENG", [1, 2]),
        belt(102, "KECHENG", [4, 3]),
        belt(103, "KECHENG", [1, 10]),
      ];
      const results = check({ belts, onAnyBelt: new Set([...stopsOf(belts), 5]) });
      expect(ruleOf(results, "EVERY_SITE_ON_A_BELT").passed).toBe(true);
    });

    it("passes 市经信委 with no belts when its site is on a 柯城区 belt", () => {
      const onAnyBelt = new Set([...stopsOf(KECHENG_BELTS), 11]);
      const results = check({ unit: JINGXIN, belts: [], onAnyBelt, hasServiceCenter: false });
      expect(ruleOf(results, "EVERY_SITE_ON_A_BELT")).toMatchObject({ passed: true, expected: 2, actual: 2 });
      expect(unitPasses(results)).toBe(true);
    });

    it("reports a 市经信委 site left off under 市经信委, not under the county", () => {
      const onAnyBelt = stopsOf(KECHENG_BELTS); // site 11 (in 龙游县) is on no belt
      const jingxin = check({ unit: JINGXIN, belts: [], onAnyBelt, hasServiceCenter: false });
      expect(ruleOf(jingxin, "EVERY_SITE_ON_A_BELT").offendingSiteIds).toEqual([11]);
      expect(unitPasses(jingxin)).toBe(false);
      expect(ruleOf(check({ onAnyBelt }), "EVERY_SITE_ON_A_BELT").offendingSiteIds).toEqual([]);
    });

    it("passes vacuously for a unit with no demonstration sites", () => {
      const results = check({ unit: GREEN_ZONE, belts: [] });
      expect(ruleOf(results, "EVERY_SITE_ON_A_BELT")).toMatchObject({ passed: true, expected: 0, actual: 0 });
    });
  });

  describe("SPECIAL_TOWN_BELT (advisory)", () => {
    it("is advisory and unmet here, yet the unit passes", () => {
      const results = check();
      expect(ruleOf(results, "SPECIAL_TOWN_BELT")).toMatchObject({
        advisory: true,
        applicable: true,
        passed: false,
      });
      expect(unitPasses(results)).toBe(true);
    });

    it("is met by a belt made only of 特色小镇", () => {
      const belts = [...KECHENG_BELTS, belt(104, "KECHENG", [1, 4])];
      expect(ruleOf(check({ belts }), "SPECIAL_TOWN_BELT").passed).toBe(true);
    });

    it("is not met by an empty belt", () => {
      const belts = [...KECHENG_BELTS, belt(104, "KECHENG", [])];
      expect(ruleOf(check({ belts }), "SPECIAL_TOWN_BELT").passed).toBe(false);
    });

    it("does not apply to a unit with fewer than two 特色小镇 of its own", () => {
      // 市西区 has one (site 20); 柯城区's two do not count for it.
      const results = check({ unit: WEST_ZONE, belts: [belt(201, "WEST_ZONE", [20])] });
      expect(ruleOf(results, "SPECIAL_TOWN_BELT")).toMatchObject({ applicable: false, passed: true });
    });
  });
});

/** A passing binding rule, for the tallies below to vary. */
const PASSED_RULE: RuleResult = {
  rule: "MIN_BELTS",
  passed: true,
  advisory: false,
  applicable: true,
  offendingBeltIds: [],
  offendingSiteIds: [],
  offendingMemberIds: [],
};

describe("unitPasses", () => {
  const base = PASSED_RULE;

  it("is true for no results", () => {
    expect(unitPasses([])).toBe(true);
  });

  it("ignores failed advisory rules and rules that do not apply", () => {
    expect(
      unitPasses([
        base,
        { ...base, rule: "SPECIAL_TOWN_BELT", advisory: true, passed: false },
        { ...base, rule: "SERVICE_CENTER", applicable: false, passed: false },
      ]),
    ).toBe(true);
  });

  it("is false when one applicable binding rule failed", () => {
    expect(unitPasses([base, { ...base, rule: "SERVICE_CENTER", passed: false }])).toBe(false);
  });
});

describe("bindingRuleTally", () => {
  const base = PASSED_RULE;

  it("is nothing for no results", () => {
    expect(bindingRuleTally([])).toEqual({ passed: 0, failed: 0 });
  });

  it("counts applicable binding rules only, passed and failed apart", () => {
    const results: RuleResult[] = [
      base,
      { ...base, rule: "STOPS_ELIGIBLE" },
      { ...base, rule: "EVERY_SITE_ON_A_BELT", passed: false },
      { ...base, rule: "SPECIAL_TOWN_BELT", advisory: true, passed: false },
      { ...base, rule: "SERVICE_CENTER", applicable: false, passed: false },
    ];
    expect(bindingRuleTally(results)).toEqual({ passed: 2, failed: 1 });
    expect(unitPasses(results)).toBe(false);
  });

  it("agrees with unitPasses: a unit passes exactly when nothing binding failed", () => {
    const failedAdvisory = [
      base,
      { ...base, rule: "SPECIAL_TOWN_BELT" as const, advisory: true, passed: false },
    ];
    expect(bindingRuleTally(failedAdvisory)).toEqual({ passed: 1, failed: 0 });
    expect(unitPasses(failedAdvisory)).toBe(true);
  });
});

describe("STOPS_ELIGIBLE", () => {
  it("passes when every stop is the unit's own or a 市经信委 site in its county", () => {
    expect(ruleOf(check(), "STOPS_ELIGIBLE")).toMatchObject({ applicable: true, passed: true });
  });

  it("names the belt and the stop that belongs elsewhere (a zone's, or 市经信委's in another county)", () => {
    const belts = [
      belt(101, "KECHENG", [1, 2]),
      belt(102, "KECHENG", [4, 20, 11]),
      belt(103, "KECHENG", [1, 3]),
    ];
    expect(ruleOf(check({ belts }), "STOPS_ELIGIBLE")).toMatchObject({
      passed: false,
      offendingBeltIds: [102],
      offendingSiteIds: [20, 11],
    });
  });

  it("does not let a borrowed 特色小镇 make a belt whole", () => {
    const belts = [belt(101, "KECHENG", [1, 2]), belt(102, "KECHENG", [3, 20]), belt(103, "KECHENG", [1, 5])];
    expect(ruleOf(check({ belts }), "SPECIAL_TOWN_IN_EVERY_BELT")).toMatchObject({
      passed: false,
      offendingBeltIds: [102],
    });
  });

  it("is not applicable to a unit without belts", () => {
    expect(ruleOf(check({ unit: JINGXIN, belts: [] }), "STOPS_ELIGIBLE")).toMatchObject({
      applicable: false,
      passed: true,
    });
  });
});

describe("DISTINCT_BELTS", () => {
  it("passes belts that share a stop or two", () => {
    expect(ruleOf(check(), "DISTINCT_BELTS")).toMatchObject({
      applicable: true,
      passed: true,
      actual: 3,
    });
  });

  it("fails a belt made of another's stops, names it, and the unit fails", () => {
    const belts = [...KECHENG_BELTS, belt(104, "KECHENG", [5, 10, 1])];
    const results = check({ belts });
    expect(ruleOf(results, "DISTINCT_BELTS")).toMatchObject({
      passed: false,
      advisory: false,
      expected: 4,
      actual: 3,
      offendingBeltIds: [104],
    });
    expect(unitPasses(results)).toBe(false);
  });

  it("does not apply to a single belt", () => {
    expect(ruleOf(check({ belts: [belt(101, "KECHENG", [1, 2])] }), "DISTINCT_BELTS")).toMatchObject({
      applicable: false,
      passed: true,
    });
  });
});

describe("PLAN_ON_TIME", () => {
  const at = (iso: string) => ({ deadline: DEADLINE, firstSubmittedAt: new Date(iso), now: AFTER });
  const unsubmitted = (now: string) => ({ deadline: DEADLINE, firstSubmittedAt: null, now: new Date(now) });

  it("passes for a plan first submitted on the deadline's last millisecond", () => {
    expect(ruleOf(check({ plan: at("2017-08-10T15:59:59.999Z") }), "PLAN_ON_TIME")).toMatchObject({
      applicable: true,
      passed: true,
      deadline: DEADLINE,
    });
  });

  it("fails for one first submitted a millisecond later, and the unit fails with it", () => {
    const results = check({ plan: at("2017-08-10T16:00:00.000Z") });
    expect(ruleOf(results, "PLAN_ON_TIME")).toMatchObject({ passed: false, advisory: false });
    expect(unitPasses(results)).toBe(false);
  });

  it("is not failed by an unsubmitted plan until the deadline has passed", () => {
    expect(ruleOf(check({ plan: unsubmitted("2017-08-10T15:59:59.999Z") }), "PLAN_ON_TIME")).toMatchObject({
      passed: true,
      submittedAt: null,
    });
    expect(ruleOf(check({ plan: unsubmitted("2017-08-10T16:00:00.000Z") }), "PLAN_ON_TIME")).toMatchObject({
      passed: false,
      submittedAt: null,
    });
    expect(submissionIsLate(unsubmitted("2017-08-10T16:00:00.000Z"))).toBe(true);
    expect(submissionIsLate(unsubmitted("2017-08-10T15:59:59.999Z"))).toBe(false);
  });

  it("does not make a resubmission after the deadline late when the first was on time", () => {
    expect(submissionIsLate(at("2017-08-09T02:00:00Z"))).toBe(false);
  });

  it("does not concern 市经信委, which builds no belts", () => {
    const results = check({
      unit: JINGXIN,
      belts: [],
      hasServiceCenter: false,
      plan: { deadline: DEADLINE, firstSubmittedAt: null, now: AFTER },
    });
    expect(ruleOf(results, "PLAN_ON_TIME")).toMatchObject({ applicable: false, passed: true });
  });
});

describe("isDemonstrationSite", () => {
  it("is the city's 优秀 only", () => {
    expect(isDemonstrationSite("EXCELLENT")).toBe(true);
    for (const grade of ["GOOD", "PASS", "FAIL", null] as const)
      expect(isDemonstrationSite(grade)).toBe(false);
  });
});

describe("ruleResultJson", () => {
  it("carries a result as JSON: dates as ISO text, absent figures as null, the Chinese title", () => {
    const results = check({ plan: { deadline: DEADLINE, firstSubmittedAt: null, now: AFTER } });
    const onTime = ruleResultJson(ruleOf(results, "PLAN_ON_TIME"));
    expect(onTime).toMatchObject({
      rule: "PLAN_ON_TIME",
      title: RULE_TITLES_ZH.PLAN_ON_TIME,
      passed: false,
      expected: null,
      deadline: "2017-08-10T15:59:59.999Z",
      submittedAt: null,
    });
    expect(JSON.parse(JSON.stringify(onTime))).toEqual(onTime);
    expect(ruleResultJson(ruleOf(results, "MIN_BELTS"))).toMatchObject({
      expected: 3,
      actual: 3,
      deadline: null,
    });
  });
});

describe("COMMITTEE_CONTACTS", () => {
  // 柯城区's demonstration sites are 1, 2, 3 and 5; members 501–504 are its active county members.
  const CLEAN: RosterFacts = {
    activeMemberIds: [501, 502, 503, 504],
    siteIds: [1, 2, 3, 5],
    contacts: [
      { memberId: 501, organizationId: 1 },
      { memberId: 502, organizationId: 2 },
      { memberId: 503, organizationId: 3 },
      { memberId: 504, organizationId: 5 },
    ],
  };
  const committee = (roster?: RosterFacts) =>
    ruleOf(check(roster === undefined ? {} : { roster }), "COMMITTEE_CONTACTS");

  it("does not apply without a roster (the planner's live checks)", () => {
    expect(committee()).toMatchObject({
      applicable: false,
      passed: true,
      offendingSiteIds: [],
      offendingMemberIds: [],
    });
    expect(unitPasses(check())).toBe(true);
  });

  it("does not apply to a unit with neither sites nor members", () => {
    expect(committee({ activeMemberIds: [], siteIds: [], contacts: [] })).toMatchObject({
      applicable: false,
      passed: true,
    });
    // Contacts of inactive members alone do not make it apply.
    expect(
      committee({ activeMemberIds: [], siteIds: [], contacts: [{ memberId: 9, organizationId: 1 }] }),
    ).toMatchObject({ applicable: false });
  });

  it("passes when every active member links exactly one site and every site has a contact", () => {
    const results = check({ roster: CLEAN });
    expect(ruleOf(results, "COMMITTEE_CONTACTS")).toMatchObject({
      applicable: true,
      advisory: false,
      passed: true,
      expected: 4,
      actual: 4,
      offendingSiteIds: [],
      offendingMemberIds: [],
    });
    expect(unitPasses(results)).toBe(true);
  });

  it("passes with two members sharing a site", () => {
    const roster: RosterFacts = {
      ...CLEAN,
      activeMemberIds: [...CLEAN.activeMemberIds, 505],
      contacts: [...CLEAN.contacts, { memberId: 505, organizationId: 1 }],
    };
    expect(committee(roster)).toMatchObject({ applicable: true, passed: true, actual: 4 });
  });

  it("fails for a site without a contact, listing it, and the unit fails with it", () => {
    const results = check({
      roster: { ...CLEAN, activeMemberIds: [501, 502, 503], contacts: CLEAN.contacts.slice(0, 3) },
    });
    expect(ruleOf(results, "COMMITTEE_CONTACTS")).toMatchObject({
      applicable: true,
      advisory: false,
      passed: false,
      expected: 4,
      actual: 3,
      offendingSiteIds: [5],
      offendingMemberIds: [],
    });
    expect(unitPasses(results)).toBe(false);
  });

  it("applies to sites without any member, and fails them all", () => {
    expect(committee({ activeMemberIds: [], siteIds: [1, 2], contacts: [] })).toMatchObject({
      applicable: true,
      passed: false,
      expected: 2,
      actual: 0,
      offendingSiteIds: [1, 2],
    });
  });

  it("applies to members when the unit has no site for them to link, and fails them", () => {
    expect(committee({ activeMemberIds: [501, 502], siteIds: [], contacts: [] })).toMatchObject({
      applicable: true,
      passed: false,
      expected: 0,
      actual: 0,
      offendingSiteIds: [],
      offendingMemberIds: [501, 502],
    });
  });

  it("fails for members linking no site or several, listing them: without a site first", () => {
    const result = committee({
      activeMemberIds: [501, 502, 503, 504, 505],
      siteIds: [1, 2, 3, 5],
      contacts: [
        { memberId: 501, organizationId: 1 },
        { memberId: 501, organizationId: 5 },
        { memberId: 502, organizationId: 2 },
        { memberId: 503, organizationId: 3 },
        { memberId: 504, organizationId: 5 },
      ],
    });
    expect(result).toMatchObject({
      applicable: true,
      passed: false,
      expected: 4,
      actual: 4,
      offendingSiteIds: [],
      offendingMemberIds: [505, 501],
    });
  });

  it("lists offending sites and members together", () => {
    const result = committee({
      activeMemberIds: [501, 502],
      siteIds: [1, 2],
      contacts: [{ memberId: 501, organizationId: 1 }],
    });
    expect(result).toMatchObject({ passed: false, offendingSiteIds: [2], offendingMemberIds: [502] });
  });

  it("does not count an inactive member's contact", () => {
    const result = committee({
      ...CLEAN,
      activeMemberIds: [501, 502, 503],
    });
    expect(result).toMatchObject({ passed: false, offendingSiteIds: [5], offendingMemberIds: [] });
  });

  it("travels as JSON with its offending members", () => {
    const json = ruleResultJson(
      committee({
        activeMemberIds: [501, 502],
        siteIds: [1],
        contacts: [{ memberId: 501, organizationId: 1 }],
      }),
    );
    expect(json).toMatchObject({
      rule: "COMMITTEE_CONTACTS",
      title: "每位委员联系一家示范点，每个示范点有联系委员",
      passed: false,
      offendingSiteIds: [],
      offendingMemberIds: [502],
      expected: 1,
      actual: 1,
    });
  });
});
