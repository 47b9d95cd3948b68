import { describe, expect, it } from "vitest";
import {
  APPENDIX2_STATUSES,
  type Appendix2Action,
  appendix2NextActor,
  checkAppendix2Action,
} from "./appendix2.ts";
import { REREVIEW_STATUSES, REREVIEW_SUGGESTIONS, ROLES, type Role, STAGES, type Stage } from "./codes.ts";
import { checkCycleWritable } from "./cycle.ts";
import { checkPlanAction, PLAN_STATUSES, type PlanAction, type PlanStatus, statusAfterEdit } from "./plan.ts";
import { checkReReviewAction, type ReReviewAction, reReviewNextActor } from "./rereview.ts";
import {
  checkStageAction,
  pendingStage,
  type SheetStages,
  STAGE_OWNER,
  type StageAction,
  stagePermissions,
} from "./workflow.ts";

// Every state of the four workflows is either waiting for someone who can move it on, or final
// with nobody able to do anything: no state where the work is stuck.

// ——— The score sheet ———

type Cycle = { year: number; isCurrent: boolean };
const CURRENT: Cycle = { year: 2018, isCurrent: true };
const CLOSED: Cycle = { year: 2017, isCurrent: false };

type Move = { role: Role; stage: Stage; action: StageAction };
const STAGE_ACTIONS: readonly StageAction[] = ["save", "submit", "return"];

/** What a user may do to a sheet, as the server decides: the cycle must take writes, then the workflow. */
function mayAct(cycle: Cycle, move: Move, stages: SheetStages): boolean {
  return checkCycleWritable(cycle).ok && checkStageAction({ ...move, stages }).ok;
}

function allowedMoves(cycle: Cycle, stages: SheetStages, roles: readonly Role[] = ROLES): Move[] {
  const moves: Move[] = [];
  for (const role of roles)
    for (const stage of STAGES)
      for (const action of STAGE_ACTIONS)
        if (mayAct(cycle, { role, stage, action }, stages)) moves.push({ role, stage, action });
  return moves;
}

/** A move's effect as the sheet service writes it: a save keeps a returned stage RETURNED (its reason stays shown). */
function apply(stages: SheetStages, { stage, action }: Move): SheetStages {
  const status =
    action === "submit"
      ? "SUBMITTED"
      : action === "return"
        ? "RETURNED"
        : stages[stage]?.status === "RETURNED"
          ? "RETURNED"
          : "DRAFT";
  return { ...stages, [stage]: { status, version: 1 } };
}

const sheetKey = (stages: SheetStages): string => STAGES.map((s) => stages[s]?.status ?? "—").join(" / ");

/** Every state a sheet can reach from an empty one by allowed moves in the current cycle. */
function reachableSheets(from: SheetStages = {}): Map<string, SheetStages> {
  const seen = new Map<string, SheetStages>([[sheetKey(from), from]]);
  const queue = [from];
  for (let stages = queue.shift(); stages !== undefined; stages = queue.shift()) {
    for (const move of allowedMoves(CURRENT, stages)) {
      const next = apply(stages, move);
      const key = sheetKey(next);
      if (!seen.has(key)) {
        seen.set(key, next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const SHEETS = reachableSheets();
const SHEET_CASES = [...SHEETS].map(([key, stages]) => ({ key, stages }));
const ALL_SUBMITTED = sheetKey(
  Object.fromEntries(STAGES.map((s) => [s, { status: "SUBMITTED", version: 1 }])),
);

describe("score sheet: the reachable states", () => {
  it("run from the empty sheet to the city's determination", () => {
    expect(SHEETS.has(sheetKey({}))).toBe(true);
    expect(SHEETS.has(ALL_SUBMITTED)).toBe(true);
  });

  it("include every stage in every status it can take, and a later stage only after the previous was submitted", () => {
    for (const [index, stage] of STAGES.entries()) {
      const statuses = new Set(SHEET_CASES.map(({ stages }) => stages[stage]?.status ?? "absent"));
      // The city's determination is final: never returned.
      const expected =
        stage === "CITY_FINAL"
          ? ["absent", "DRAFT", "SUBMITTED"]
          : ["absent", "DRAFT", "SUBMITTED", "RETURNED"];
      expect([...statuses].sort(), stage).toEqual(expected.sort());
      const previous = STAGES[index - 1];
      if (previous === undefined) continue;
      for (const { key, stages } of SHEET_CASES) {
        // The previous stage was submitted when this one began; it may since have been returned.
        if (stages[stage] !== undefined)
          expect(["SUBMITTED", "RETURNED"], key).toContain(stages[previous]?.status);
      }
    }
  });

  it("include every state where each stage exists only after the previous one is submitted", () => {
    const options = ["absent", "DRAFT", "SUBMITTED", "RETURNED"] as const;
    const chain = (index: number, stages: SheetStages): SheetStages[] => {
      const stage = STAGES[index];
      if (stage === undefined) return [stages];
      return options.flatMap((status) => {
        if (status === "absent") return [stages];
        const next = { ...stages, [stage]: { status, version: 1 } };
        return status === "SUBMITTED" ? chain(index + 1, next) : [next];
      });
    };
    const orderly = chain(0, {}).filter((stages) => stages.CITY_FINAL?.status !== "RETURNED");
    expect(orderly).toHaveLength(12);
    for (const stages of orderly) expect(SHEETS.has(sheetKey(stages)), sheetKey(stages)).toBe(true);
  });
});

describe.each(SHEET_CASES)("score sheet $key", ({ key, stages }) => {
  const pending = pendingStage(stages);

  if (pending === null) {
    it("is final: determined, and nobody may do anything", () => {
      expect(key).toBe(ALL_SUBMITTED);
      expect(allowedMoves(CURRENT, stages)).toEqual([]);
      for (const role of ROLES)
        for (const perms of Object.values(stagePermissions(role, stages)))
          expect(perms).toEqual({ canEdit: false, canReturn: false });
    });
  } else {
    const actor = STAGE_OWNER[pending];

    it(`waits for ${actor}, who may fill in ${pending}`, () => {
      expect(key).not.toBe(ALL_SUBMITTED);
      const perms = stagePermissions(actor, stages);
      expect(perms[pending].canEdit).toBe(true);
      expect(allowedMoves(CURRENT, stages, [actor]).length).toBeGreaterThan(0);
    });

    it("lets nobody else act", () => {
      const others = ROLES.filter((r) => r !== actor);
      expect(allowedMoves(CURRENT, stages, others)).toEqual([]);
      for (const role of others)
        for (const perms of Object.values(stagePermissions(role, stages)))
          expect(perms).toEqual({ canEdit: false, canReturn: false });
    });

    it("can still reach the city's determination", () => {
      expect(reachableSheets(stages).has(ALL_SUBMITTED)).toBe(true);
    });
  }

  it("is final for everyone in a closed cycle", () => {
    expect(checkCycleWritable(CLOSED).ok).toBe(false);
    expect(allowedMoves(CLOSED, stages)).toEqual([]);
  });
});

// ——— The re-review ———

const REREVIEW_ACTIONS: readonly ReReviewAction[] = [
  "record",
  "approve",
  "reject",
  "cityApprove",
  "cityReject",
  "file",
];

const REREVIEW_CASES = REREVIEW_STATUSES.flatMap((status) =>
  REREVIEW_SUGGESTIONS.map((suggestion) => ({ status, suggestion })),
);

describe.each(REREVIEW_CASES)("re-review $status with suggestion $suggestion", (review) => {
  const next = reReviewNextActor(review);
  const allowed = (role: Role) =>
    REREVIEW_ACTIONS.filter((action) => checkReReviewAction(role, action, review).ok);

  if (next === null) {
    it("is final: no role may do any action", () => {
      for (const role of ROLES) expect(allowed(role), role).toEqual([]);
    });
  } else {
    it(`waits for ${next}, who may act`, () => {
      expect(allowed(next).length).toBeGreaterThan(0);
    });

    it("lets nobody else act", () => {
      for (const role of ROLES.filter((r) => r !== next)) expect(allowed(role), role).toEqual([]);
    });
  }
});

describe("re-review: the states", () => {
  it("leave three statuses final whatever the suggestion, and a review without suggestion final", () => {
    const finals = REREVIEW_CASES.filter((r) => reReviewNextActor(r) === null).map(
      (r) => `${r.status}/${r.suggestion}`,
    );
    expect(finals.sort()).toEqual(
      [
        "REVIEWED/NONE",
        ...["REJECTED", "FILED", "SUPERSEDED"].flatMap((s) => REREVIEW_SUGGESTIONS.map((g) => `${s}/${g}`)),
      ].sort(),
    );
  });
});

// ——— The belt plan ———

type PlanActor = { label: string; role: Role; ownUnit: boolean };
const PLAN_ACTORS: readonly PlanActor[] = ROLES.flatMap((role) => [
  { label: `${role} (own unit)`, role, ownUnit: true },
  { label: `${role} (another unit)`, role, ownUnit: false },
]);
const PLAN_ACTIONS: readonly PlanAction[] = ["EDIT", "SUBMIT", "ACCEPT", "RETURN"];

function planAllowed(status: PlanStatus, actor: PlanActor, buildsBelts?: boolean): PlanAction[] {
  return PLAN_ACTIONS.filter(
    (action) => checkPlanAction({ action, status, role: actor.role, ownUnit: actor.ownUnit, buildsBelts }).ok,
  );
}

/** Everyone allowed anything on a plan in `status`, with what. */
function planMoves(status: PlanStatus, buildsBelts?: boolean): Record<string, PlanAction[]> {
  const moves: Record<string, PlanAction[]> = {};
  for (const actor of PLAN_ACTORS) {
    const actions = planAllowed(status, actor, buildsBelts);
    if (actions.length > 0) moves[actor.label] = actions;
  }
  return moves;
}

describe.each(PLAN_STATUSES)("belt plan %s", (status) => {
  it("has someone who may move it on", () => {
    expect(Object.keys(planMoves(status)).length).toBeGreaterThan(0);
  });

  it("has nothing to move for a unit that builds no belts", () => {
    expect(planMoves(status, false)).toEqual({});
  });
});

describe("belt plan: who moves each state on", () => {
  it("DRAFT and RETURNED: the unit's county may edit and submit, nobody else anything", () => {
    for (const status of ["DRAFT", "RETURNED"] as const)
      expect(planMoves(status), status).toEqual({ "COUNTY (own unit)": ["EDIT", "SUBMIT"] });
  });

  it("SUBMITTED: the city may accept or return it, and the county waits", () => {
    expect(planMoves("SUBMITTED")).toEqual({
      "CITY (own unit)": ["ACCEPT", "RETURN"],
      "CITY (another unit)": ["ACCEPT", "RETURN"],
    });
  });

  it("ACCEPTED: final, except that the county may revise it, which makes it a draft to submit anew", () => {
    expect(planMoves("ACCEPTED")).toEqual({ "COUNTY (own unit)": ["EDIT"] });
    const revised = statusAfterEdit("ACCEPTED");
    expect(revised).toBe("DRAFT");
    expect(planMoves(revised)["COUNTY (own unit)"]).toContain("SUBMIT");
  });

  it("a returned plan stays returned while edited, and may still be submitted", () => {
    expect(statusAfterEdit("RETURNED")).toBe("RETURNED");
    expect(statusAfterEdit("DRAFT")).toBe("DRAFT");
  });
});

// ——— 附件2 ———

const APPENDIX2_ACTIONS: readonly Appendix2Action[] = ["SUBMIT", "RECEIVE", "RETURN"];

describe.each(APPENDIX2_STATUSES)("附件2 %s", (status) => {
  const next = appendix2NextActor(status);
  const allowed = (role: Role, ownUnit: boolean) =>
    APPENDIX2_ACTIONS.filter((action) => checkAppendix2Action({ action, status, role, ownUnit }).ok);

  if (next === null) {
    it("is final: nobody may do anything", () => {
      for (const role of ROLES)
        for (const ownUnit of [true, false]) expect(allowed(role, ownUnit)).toEqual([]);
    });
  } else {
    it(`waits for ${next}, who may act`, () => {
      expect(allowed(next, true).length).toBeGreaterThan(0);
    });

    it("lets nobody else act, nor another unit's county", () => {
      for (const role of ROLES.filter((r) => r !== next))
        for (const ownUnit of [true, false]) expect(allowed(role, ownUnit), `${role}/${ownUnit}`).toEqual([]);
      if (next === "COUNTY") expect(allowed("COUNTY", false)).toEqual([]);
    });
  }
});
