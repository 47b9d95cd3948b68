import { describe, expect, it } from "vitest";
import type { Role } from "./codes.ts";
import {
  acceptanceFailures,
  checkPlanAction,
  PLAN_LIMITS,
  PLAN_STATUS_LABELS_ZH,
  PLAN_STATUSES,
  type PlanAction,
  type PlanBelt,
  type PlanProblem,
  type PlanServiceCenter,
  type PlanSnapshot,
  type PlanStatus,
  type PlanStop,
  statusAfterEdit,
  submissionWarnings,
  validateAcceptance,
  validatePlanDraft,
} from "./plan.ts";
import { RULE_IDS, type RuleId, type RuleResult } from "./rules.ts";

describe("plan statuses", () => {
  it("has a Chinese label for every status", () => {
    expect(PLAN_STATUSES).toEqual(["DRAFT", "SUBMITTED", "ACCEPTED", "RETURNED"]);
    for (const status of PLAN_STATUSES) expect(PLAN_STATUS_LABELS_ZH[status]).toMatch(/\S/);
  });
});

// ——— checkPlanAction ———

type Actor = { label: string; role: Role; ownUnit: boolean };

const COUNTY_OWN: Actor = { label: "COUNTY of the plan's unit", role: "COUNTY", ownUnit: true };
const COUNTY_OTHER: Actor = { label: "COUNTY of another unit", role: "COUNTY", ownUnit: false };
const CITY: Actor = { label: "CITY", role: "CITY", ownUnit: false };
const CITY_OWN: Actor = { label: "CITY (ownUnit set)", role: "CITY", ownUnit: true };
// The other roles are tried with ownUnit set too: being inside the unit is not enough.
const TOWNSHIP: Actor = { label: "TOWNSHIP in the unit", role: "TOWNSHIP", ownUnit: true };
const TOWNSHIP_OTHER: Actor = { label: "TOWNSHIP elsewhere", role: "TOWNSHIP", ownUnit: false };
const ORG: Actor = { label: "ORG in the unit", role: "ORG", ownUnit: true };
const ORG_OTHER: Actor = { label: "ORG elsewhere", role: "ORG", ownUnit: false };
const LEADER: Actor = { label: "LEADER in the unit", role: "LEADER", ownUnit: true };
const LEADER_OTHER: Actor = { label: "LEADER elsewhere", role: "LEADER", ownUnit: false };

const ACTORS: readonly Actor[] = [
  COUNTY_OWN,
  COUNTY_OTHER,
  CITY,
  CITY_OWN,
  TOWNSHIP,
  TOWNSHIP_OTHER,
  ORG,
  ORG_OTHER,
  LEADER,
  LEADER_OTHER,
];
const ACTIONS: readonly PlanAction[] = ["EDIT", "SUBMIT", "ACCEPT", "RETURN"];

/** Who may do what, in which status: everything not listed is refused. */
function allowed(action: PlanAction, status: PlanStatus, actor: Actor): boolean {
  const planner = actor.role === "COUNTY" && actor.ownUnit;
  switch (action) {
    case "EDIT":
      return planner && status !== "SUBMITTED";
    case "SUBMIT":
      return planner && (status === "DRAFT" || status === "RETURNED");
    case "ACCEPT":
    case "RETURN":
      return actor.role === "CITY" && status === "SUBMITTED";
  }
}

const MATRIX = ACTIONS.flatMap((action) =>
  PLAN_STATUSES.flatMap((status) =>
    ACTORS.map((actor) => ({ action, status, actor, ok: allowed(action, status, actor) })),
  ),
);

describe("checkPlanAction", () => {
  it("the matrix covers every action × status × actor, with both outcomes", () => {
    expect(MATRIX).toHaveLength(ACTIONS.length * PLAN_STATUSES.length * ACTORS.length);
    expect(MATRIX.filter((c) => c.ok)).toHaveLength(3 + 2 + 2 * 2);
  });

  it.each(MATRIX.map((c) => [c.action, c.status, c.actor.label, c.ok, c] as const))(
    "%s while %s by %s → ok %s",
    (_action, _status, _label, ok, { action, status, actor }) => {
      const check = checkPlanAction({ action, status, role: actor.role, ownUnit: actor.ownUnit });
      if (ok) {
        expect(check).toEqual({ ok: true });
      } else {
        expect(check.ok).toBe(false);
        if (check.ok) return;
        expect(check.reason.trim()).not.toBe("");
        // The refusals are for Chinese-speaking users.
        expect(check.reason).toMatch(/[\u4e00-\u9fff]/);
      }
    },
  );

  const reason = (action: PlanAction, status: PlanStatus, actor: Actor): string => {
    const check = checkPlanAction({ action, status, role: actor.role, ownUnit: actor.ownUnit });
    if (check.ok) throw new Error(`${action} while ${status} by ${actor.label} was allowed`);
    return check.reason;
  };

  it("EDIT: the county may revise its own plan except while the city checks it", () => {
    expect(reason("EDIT", "SUBMITTED", COUNTY_OWN)).toBe(
      "方案已报送，市里审核期间不能修改；如需修改，请市里退回",
    );
    expect(reason("EDIT", "DRAFT", COUNTY_OTHER)).toBe("只有本单位的县级用户可以编辑示范带方案");
    expect(reason("EDIT", "DRAFT", CITY)).toBe("只有本单位的县级用户可以编辑示范带方案");
  });

  it("EDIT by someone else while SUBMITTED names who may edit, not the status", () => {
    expect(reason("EDIT", "SUBMITTED", COUNTY_OTHER)).toBe("只有本单位的县级用户可以编辑示范带方案");
  });

  it("SUBMIT: refused while already submitted and once accepted, each with its own reason", () => {
    expect(reason("SUBMIT", "SUBMITTED", COUNTY_OWN)).toBe("方案已报送，正在等待市里审核");
    expect(reason("SUBMIT", "ACCEPTED", COUNTY_OWN)).toBe("方案已通过，没有新的修改需要报送");
    expect(reason("SUBMIT", "DRAFT", COUNTY_OTHER)).toBe("只有本单位的县级用户可以报送示范带方案");
    expect(reason("SUBMIT", "DRAFT", CITY)).toBe("只有本单位的县级用户可以报送示范带方案");
  });

  it("ACCEPT / RETURN: only the city, and only a submitted plan", () => {
    for (const action of ["ACCEPT", "RETURN"] as const) {
      expect(reason(action, "SUBMITTED", COUNTY_OWN)).toBe("只有市级用户可以审核示范带方案");
      expect(reason(action, "SUBMITTED", LEADER)).toBe("只有市级用户可以审核示范带方案");
      for (const status of ["DRAFT", "ACCEPTED", "RETURNED"] as const)
        expect(reason(action, status, CITY)).toBe("只有已报送的方案可以审核");
    }
  });
});

// ——— statusAfterEdit ———

describe("statusAfterEdit", () => {
  it("an accepted plan becomes a draft again when revised", () => {
    expect(statusAfterEdit("ACCEPTED")).toBe("DRAFT");
  });

  it("a draft stays a draft", () => {
    expect(statusAfterEdit("DRAFT")).toBe("DRAFT");
  });

  it("a returned plan stays returned while it is revised (as returned score sheets do)", () => {
    expect(statusAfterEdit("RETURNED")).toBe("RETURNED");
  });

  it("a revised plan may always be submitted by its county", () => {
    for (const status of PLAN_STATUSES) {
      if (!checkPlanAction({ action: "EDIT", status, role: "COUNTY", ownUnit: true }).ok) continue;
      const after = statusAfterEdit(status);
      expect(checkPlanAction({ action: "SUBMIT", status: after, role: "COUNTY", ownUnit: true })).toEqual({
        ok: true,
      });
    }
  });
});

// ——— submissionWarnings ———

function rule(rule: RuleId, fields: Partial<Omit<RuleResult, "rule">> = {}): RuleResult {
  return {
    rule,
    passed: true,
    advisory: false,
    applicable: true,
    offendingBeltIds: [],
    offendingSiteIds: [],
    offendingMemberIds: [],
    ...fields,
  };
}

describe("submissionWarnings", () => {
  it("nothing to warn about when every rule passes", () => {
    expect(submissionWarnings(RULE_IDS.map((id) => rule(id)))).toEqual([]);
    expect(submissionWarnings([])).toEqual([]);
  });

  it("keeps the failing binding rules, in their order, as they are", () => {
    const minBelts = rule("MIN_BELTS", { passed: false, expected: 3, actual: 1 });
    const eligible = rule("STOPS_ELIGIBLE", { passed: false, offendingBeltIds: [7], offendingSiteIds: [42] });
    const results = [
      minBelts,
      rule("SERVICE_CENTER"),
      eligible,
      rule("EVERY_SITE_ON_A_BELT"),
      rule("SPECIAL_TOWN_IN_EVERY_BELT"),
    ];
    expect(submissionWarnings(results)).toEqual([minBelts, eligible]);
  });

  it("leaves the deadline out, passed or not", () => {
    const late = rule("PLAN_ON_TIME", { passed: false, deadline: new Date(0), submittedAt: null });
    expect(submissionWarnings([late])).toEqual([]);
    const center = rule("SERVICE_CENTER", { passed: false });
    expect(submissionWarnings([late, center])).toEqual([center]);
  });

  it("leaves out a failing advisory rule", () => {
    expect(submissionWarnings([rule("SPECIAL_TOWN_BELT", { advisory: true, passed: false })])).toEqual([]);
  });

  it("leaves out a rule that does not concern the unit, even if marked failed", () => {
    expect(submissionWarnings([rule("SERVICE_CENTER", { applicable: false, passed: false })])).toEqual([]);
  });

  it("does not change its input", () => {
    const results = [rule("MIN_BELTS", { passed: false }), rule("PLAN_ON_TIME", { passed: false })];
    const copy = structuredClone(results);
    submissionWarnings(results);
    expect(results).toEqual(copy);
  });
});

describe("acceptanceFailures", () => {
  it("lists the failing binding rules, the deadline included, and nothing else", () => {
    const results = [
      rule("MIN_BELTS", { passed: false }),
      rule("SERVICE_CENTER"),
      rule("DISTINCT_BELTS", { passed: false, offendingBeltIds: [4] }),
      rule("SPECIAL_TOWN_BELT", { advisory: true, passed: false }),
      rule("PLAN_ON_TIME", { passed: false }),
      rule("COMMITTEE_CONTACTS", { applicable: false, passed: false }),
    ];
    expect(acceptanceFailures(results)).toEqual(["MIN_BELTS", "DISTINCT_BELTS", "PLAN_ON_TIME"]);
    expect(acceptanceFailures(RULE_IDS.map((id) => rule(id)))).toEqual([]);
  });
});

describe("validateAcceptance", () => {
  it("lets a plan that breaks nothing through without a reason", () => {
    expect(validateAcceptance([], "")).toBeNull();
  });

  it("asks for a reason naming every failing rule, and a blank one is none", () => {
    for (const reason of ["", "  \n "])
      expect(validateAcceptance(["MIN_BELTS", "DISTINCT_BELTS"], reason)).toBe(
        "该方案有 2 项要求未达标（“示范带数量达到要求”、“示范带互不重复（与另一条共用的站点少于75%）”），通过须填写理由",
      );
  });

  it("takes any written reason", () => {
    expect(validateAcceptance(["PLAN_ON_TIME"], "逾期系系统故障，经研究同意")).toBeNull();
  });
});

// ——— validatePlanDraft ———

const stop = (organizationId: number, name = `站点${organizationId}`): PlanStop => ({
  organizationId,
  name,
  lng: 118.87 + organizationId / 1000,
  lat: 28.94,
});

const planBelt = (fields: Partial<PlanBelt> = {}): PlanBelt => ({
  id: 1,
  name: "衢江两新示范带",
  theme: "红色引擎",
  kind: "ORDINARY",
  roundTrip: false,
  stops: [stop(1), stop(2), stop(3)],
  ...fields,
});

const CENTER: PlanServiceCenter = {
  name: "柯城区两新党群服务中心",
  lng: 118.87,
  lat: 28.94,
  address: "衢州市柯城区荷花街道",
  organizationId: 1,
};

function draftOf(belts: PlanBelt[], serviceCenter: PlanServiceCenter | null = CENTER): PlanSnapshot {
  return { belts, serviceCenter };
}

/** Organisations 1–99 may be stops; 500–599 exist but belong elsewhere; nothing else exists. */
function isEligible(organizationId: number): boolean | undefined {
  if (organizationId >= 1 && organizationId <= 99) return true;
  if (organizationId >= 500 && organizationId <= 599) return false;
  return undefined;
}

function validate(draft: PlanSnapshot): PlanProblem[] {
  return validatePlanDraft(draft, isEligible);
}

function fields(problems: PlanProblem[]): string[] {
  return problems.map((p) => p.field);
}

const chars = (n: number): string => "示".repeat(n);

describe("validatePlanDraft: a valid draft", () => {
  it("has no problems", () => {
    expect(
      validate(
        draftOf([
          planBelt({ id: 1, name: "第一条", stops: [stop(1), stop(2)] }),
          planBelt({
            id: null,
            name: "第二条",
            kind: "SPECIAL_TOWN",
            roundTrip: true,
            stops: [stop(2), stop(3)],
          }),
        ]),
      ),
    ).toEqual([]);
  });

  it("an empty plan, with or without a service center, has no problems (the rules judge it later)", () => {
    expect(validate(draftOf([], null))).toEqual([]);
    expect(validate(draftOf([]))).toEqual([]);
  });

  it("a belt without stops and without a theme is fine to save", () => {
    expect(validate(draftOf([planBelt({ theme: "", stops: [] })]))).toEqual([]);
  });

  it("asks isEligible once per distinct stop of each belt, not for a repeat", () => {
    const asked: number[] = [];
    validatePlanDraft(
      draftOf([
        planBelt({ stops: [stop(1), stop(2), stop(1)] }),
        planBelt({ id: 2, name: "b", stops: [stop(1)] }),
      ]),
      (id) => {
        asked.push(id);
        return true;
      },
    );
    expect(asked).toEqual([1, 2, 1]);
  });
});

describe("validatePlanDraft: belt count", () => {
  const belts = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      planBelt({ id: i + 1, name: `示范带${i + 1}`, stops: [stop(i + 1)] }),
    );

  it(`${PLAN_LIMITS.belts} belts pass, one more does not`, () => {
    expect(validate(draftOf(belts(PLAN_LIMITS.belts)))).toEqual([]);
    const problems = validate(draftOf(belts(PLAN_LIMITS.belts + 1)));
    expect(problems).toEqual([{ field: "belts", message: `示范带最多 ${PLAN_LIMITS.belts} 条` }]);
  });
});

describe("validatePlanDraft: belt name", () => {
  it.each([[""], ["   "], ["\t\n　"]])("refuses the empty name %j", (name) => {
    const problems = validate(draftOf([planBelt({ name })]));
    expect(problems).toEqual([{ field: "belts[0].name", message: "第 1 条示范带：名称不能为空" }]);
  });

  it(`takes a name of exactly ${PLAN_LIMITS.beltName} characters and refuses one more`, () => {
    expect(validate(draftOf([planBelt({ name: chars(PLAN_LIMITS.beltName) })]))).toEqual([]);
    const long = chars(PLAN_LIMITS.beltName + 1);
    expect(validate(draftOf([planBelt({ name: long })]))).toEqual([
      { field: "belts[0].name", message: `第 1 条示范带“${long}”：名称最多 ${PLAN_LIMITS.beltName} 个字` },
    ]);
  });

  it("measures the name without its surrounding spaces", () => {
    expect(validate(draftOf([planBelt({ name: `  ${chars(PLAN_LIMITS.beltName)}  ` })]))).toEqual([]);
  });

  it("refuses a name used by an earlier belt, naming that belt's number", () => {
    const problems = validate(
      draftOf([
        planBelt({ id: 1, name: "甲" }),
        planBelt({ id: 2, name: "乙" }),
        planBelt({ id: 3, name: " 甲 " }),
        planBelt({ id: 4, name: "乙" }),
      ]),
    );
    expect(problems).toEqual([
      { field: "belts[2].name", message: "第 3 条示范带“甲”：与第 1 条示范带同名" },
      { field: "belts[3].name", message: "第 4 条示范带“乙”：与第 2 条示范带同名" },
    ]);
  });

  it("a third belt of the same name points back at the first", () => {
    const problems = validate(draftOf([1, 2, 3].map((id) => planBelt({ id, name: "同名" }))));
    expect(problems.map((p) => p.message)).toEqual([
      "第 2 条示范带“同名”：与第 1 条示范带同名",
      "第 3 条示范带“同名”：与第 1 条示范带同名",
    ]);
  });

  it("two empty names are reported as empty, not as the same name", () => {
    const problems = validate(draftOf([planBelt({ id: 1, name: "" }), planBelt({ id: 2, name: " " })]));
    expect(problems).toEqual([
      { field: "belts[0].name", message: "第 1 条示范带：名称不能为空" },
      { field: "belts[1].name", message: "第 2 条示范带：名称不能为空" },
    ]);
  });
});

describe("validatePlanDraft: theme and kind", () => {
  it(`takes a theme of exactly ${PLAN_LIMITS.theme} characters and refuses one more`, () => {
    expect(validate(draftOf([planBelt({ theme: chars(PLAN_LIMITS.theme) })]))).toEqual([]);
    expect(validate(draftOf([planBelt({ theme: ` ${chars(PLAN_LIMITS.theme)} ` })]))).toEqual([]);
    expect(validate(draftOf([planBelt({ name: "甲", theme: chars(PLAN_LIMITS.theme + 1) })]))).toEqual([
      { field: "belts[0].theme", message: `第 1 条示范带“甲”：主题最多 ${PLAN_LIMITS.theme} 个字` },
    ]);
  });

  it("refuses a kind that is not a belt kind", () => {
    const belt = { ...planBelt({ name: "甲" }), kind: "SCENIC" } as unknown as PlanBelt;
    expect(validate(draftOf([planBelt({ id: 9, name: "乙" }), belt]))).toEqual([
      { field: "belts[1].kind", message: "第 2 条示范带“甲”：类型“SCENIC”无效" },
    ]);
  });

  it("takes both belt kinds", () => {
    expect(validate(draftOf([planBelt({ kind: "ORDINARY" })]))).toEqual([]);
    expect(validate(draftOf([planBelt({ kind: "SPECIAL_TOWN" })]))).toEqual([]);
  });
});

describe("validatePlanDraft: stops", () => {
  const stops = (n: number) => Array.from({ length: n }, (_, i) => stop(i + 1));

  it(`takes exactly ${PLAN_LIMITS.stopsPerBelt} stops and refuses one more`, () => {
    expect(PLAN_LIMITS.stopsPerBelt).toBeLessThan(99); // all of them eligible in this test
    expect(validate(draftOf([planBelt({ stops: stops(PLAN_LIMITS.stopsPerBelt) })]))).toEqual([]);
    expect(validate(draftOf([planBelt({ name: "甲", stops: stops(PLAN_LIMITS.stopsPerBelt + 1) })]))).toEqual(
      [{ field: "belts[0].stops", message: `第 1 条示范带“甲”：站点最多 ${PLAN_LIMITS.stopsPerBelt} 个` }],
    );
  });

  it("refuses a stop visited twice on one belt, at its second position", () => {
    const problems = validate(
      draftOf([
        planBelt({ id: 1, name: "甲", stops: [stop(1)] }),
        planBelt({ id: 2, name: "乙", stops: [stop(1), stop(2), stop(1, "一号站")] }),
      ]),
    );
    expect(problems).toEqual([
      { field: "belts[1].stops[2]", message: "第 2 条示范带“乙”：第 3 站与前面的站点重复" },
    ]);
  });

  it("the same stop on two belts is fine", () => {
    expect(
      validate(
        draftOf([
          planBelt({ id: 1, name: "甲", stops: [stop(1)] }),
          planBelt({ id: 2, name: "乙", stops: [stop(1)] }),
        ]),
      ),
    ).toEqual([]);
  });

  const UNUSABLE = "不可用，站点须为本单位（或所在县市经信委）的组织";

  it("refuses a stop that does not exist, in the same words as one outside the region", () => {
    const problems = validate(draftOf([planBelt({ name: "甲", stops: [stop(1), stop(2), stop(1000)] })]));
    expect(problems).toEqual([
      { field: "belts[0].stops[2]", message: `第 1 条示范带“甲”：第 3 站（组织 1000）${UNUSABLE}` },
    ]);
  });

  it("refuses a stop the unit may not use", () => {
    const problems = validate(
      draftOf([
        planBelt({ id: 1, name: "甲" }),
        planBelt({ id: 2, name: "乙", stops: [stop(1), stop(2), stop(500, "外县企业")] }),
      ]),
    );
    expect(problems).toEqual([
      {
        field: "belts[1].stops[2]",
        // No name: what lies outside the user's region stays unnamed.
        message: `第 2 条示范带“乙”：第 3 站（组织 500）${UNUSABLE}`,
      },
    ]);
  });

  it("a repeated bad stop is reported once as bad and once as repeated", () => {
    const problems = validate(draftOf([planBelt({ stops: [stop(1000), stop(1000)] })]));
    expect(fields(problems)).toEqual(["belts[0].stops[0]", "belts[0].stops[1]"]);
    expect(problems[0]?.message).toContain("不可用");
    expect(problems[1]?.message).toContain("重复");
  });

  it("labels the belt by number alone when its name is empty", () => {
    const problems = validate(draftOf([planBelt({ name: " ", stops: [stop(500, "外县企业")] })]));
    expect(problems.map((p) => p.message)).toEqual([
      "第 1 条示范带：名称不能为空",
      `第 1 条示范带：第 1 站（组织 500）${UNUSABLE}`,
    ]);
  });
});

describe("validatePlanDraft: service center", () => {
  const withCenter = (fields: Partial<PlanServiceCenter>) =>
    validate(draftOf([planBelt()], { ...CENTER, ...fields }));

  it("takes a center at a site or at a clicked location", () => {
    expect(withCenter({})).toEqual([]);
    expect(withCenter({ organizationId: null, address: "" })).toEqual([]);
  });

  it.each([[""], ["  "]])("refuses the empty name %j", (name) => {
    expect(withCenter({ name })).toEqual([
      { field: "serviceCenter.name", message: "区域性党群服务中心：名称不能为空" },
    ]);
  });

  it(`takes a name of exactly ${PLAN_LIMITS.centerName} characters and refuses one more`, () => {
    expect(withCenter({ name: chars(PLAN_LIMITS.centerName) })).toEqual([]);
    expect(withCenter({ name: ` ${chars(PLAN_LIMITS.centerName)} ` })).toEqual([]);
    expect(withCenter({ name: chars(PLAN_LIMITS.centerName + 1) })).toEqual([
      { field: "serviceCenter.name", message: `区域性党群服务中心：名称最多 ${PLAN_LIMITS.centerName} 个字` },
    ]);
  });

  it(`takes an address of exactly ${PLAN_LIMITS.address} characters and refuses one more`, () => {
    expect(withCenter({ address: chars(PLAN_LIMITS.address) })).toEqual([]);
    expect(withCenter({ address: chars(PLAN_LIMITS.address + 1) })).toEqual([
      { field: "serviceCenter.address", message: `区域性党群服务中心：地址最多 ${PLAN_LIMITS.address} 个字` },
    ]);
  });

  it.each([
    [Number.NaN, 28.94],
    [118.87, Number.NaN],
    [181, 28.94],
    [-180.0001, 28.94],
    [118.87, 90.5],
    [118.87, -91],
    [Number.POSITIVE_INFINITY, 28.94],
    [118.87, Number.NEGATIVE_INFINITY],
  ])("refuses the coordinates (%s, %s)", (lng, lat) => {
    expect(withCenter({ lng, lat })).toEqual([
      { field: "serviceCenter.lng", message: "区域性党群服务中心：坐标无效" },
    ]);
  });

  it.each([
    [180, 90],
    [-180, -90],
    [0, 0],
  ])("takes the coordinates (%s, %s) at the edges", (lng, lat) => {
    expect(withCenter({ lng, lat })).toEqual([]);
  });

  it("reports every problem of the center together", () => {
    expect(fields(withCenter({ name: "", address: chars(PLAN_LIMITS.address + 1), lng: 181 }))).toEqual([
      "serviceCenter.name",
      "serviceCenter.address",
      "serviceCenter.lng",
    ]);
  });
});

describe("validatePlanDraft: many problems at once", () => {
  it("reports them belt by belt, in field order, then the center", () => {
    const problems = validate(
      draftOf(
        [
          planBelt({ id: 1, name: "甲", theme: chars(PLAN_LIMITS.theme + 1), stops: [stop(1), stop(500)] }),
          {
            ...planBelt({ id: 2, name: "甲", stops: [stop(2), stop(2), stop(777)] }),
            kind: "X",
          } as unknown as PlanBelt,
        ],
        { ...CENTER, lat: Number.NaN },
      ),
    );
    expect(fields(problems)).toEqual([
      "belts[0].theme",
      "belts[0].stops[1]",
      "belts[1].name",
      "belts[1].kind",
      "belts[1].stops[1]",
      "belts[1].stops[2]",
      "serviceCenter.lng",
    ]);
  });
});

describe("checkPlanAction for a unit without belts", () => {
  it("refuses every action on 市经信委, which builds none, with the reason", () => {
    for (const action of ["EDIT", "SUBMIT", "ACCEPT", "RETURN"] as const) {
      const check = checkPlanAction({
        action,
        status: "SUBMITTED",
        role: "CITY",
        ownUnit: true,
        buildsBelts: false,
      });
      expect(check).toEqual({
        ok: false,
        code: "NO_BELTS_UNIT",
        reason: expect.stringContaining("不建示范带"),
      });
    }
  });
});
