import type { PlanDto } from "@beltmap/api";
import { describe, expect, it } from "vitest";
import {
  applyDraftAction,
  commit,
  draftCompliance,
  draftFromPlan,
  draftToInput,
  endTyping,
  HISTORY_LIMIT,
  historyOf,
  isDirty,
  optimisedOrder,
  type PlanDraft,
  redo,
  undo,
} from "./draft.ts";

const EMPTY: PlanDraft = { belts: [], serviceCenter: null, nextNew: 1 };

function withBelt(stopIds: number[] = []): PlanDraft {
  const draft = applyDraftAction(EMPTY, { type: "addBelt", name: "一号线", kind: "ORDINARY" });
  return stopIds.reduce(
    (d, id) => applyDraftAction(d, { type: "addStop", key: "new-1", organizationId: id }),
    draft,
  );
}

const stopsOf = (draft: PlanDraft) => draft.belts[0]?.stopIds;

describe("applyDraftAction", () => {
  it("adds belts with keys of their own and stops at the end, once each", () => {
    const draft = applyDraftAction(withBelt([5, 7]), {
      type: "addBelt",
      name: "二号线",
      kind: "SPECIAL_TOWN",
    });
    expect(draft.belts.map((b) => [b.key, b.id, b.kind])).toEqual([
      ["new-1", null, "ORDINARY"],
      ["new-2", null, "SPECIAL_TOWN"],
    ]);
    expect(stopsOf(draft)).toEqual([5, 7]);
    const again = withBelt([5, 7]);
    expect(applyDraftAction(again, { type: "addStop", key: "new-1", organizationId: 5 })).toBe(again);
  });

  it("moves a stop from one place to another and ignores moves out of range", () => {
    const draft = withBelt([1, 2, 3, 4]);
    expect(stopsOf(applyDraftAction(draft, { type: "moveStop", key: "new-1", from: 0, to: 3 }))).toEqual([
      2, 3, 4, 1,
    ]);
    expect(stopsOf(applyDraftAction(draft, { type: "moveStop", key: "new-1", from: 3, to: 1 }))).toEqual([
      1, 4, 2, 3,
    ]);
    expect(applyDraftAction(draft, { type: "moveStop", key: "new-1", from: 1, to: 4 })).toBe(draft);
    expect(applyDraftAction(draft, { type: "moveStop", key: "new-1", from: 2, to: 2 })).toBe(draft);
  });

  it("takes a new order only when it is a permutation of the stops", () => {
    const draft = withBelt([1, 2, 3]);
    expect(stopsOf(applyDraftAction(draft, { type: "setOrder", key: "new-1", stopIds: [3, 1, 2] }))).toEqual([
      3, 1, 2,
    ]);
    expect(applyDraftAction(draft, { type: "setOrder", key: "new-1", stopIds: [3, 1] })).toBe(draft);
    expect(applyDraftAction(draft, { type: "setOrder", key: "new-1", stopIds: [3, 1, 1] })).toBe(draft);
    expect(applyDraftAction(draft, { type: "setOrder", key: "new-1", stopIds: [1, 2, 3] })).toBe(draft);
  });

  it("removes a stop and a belt, and changes nothing for unknown keys", () => {
    const draft = withBelt([1, 2]);
    expect(stopsOf(applyDraftAction(draft, { type: "removeStop", key: "new-1", organizationId: 1 }))).toEqual(
      [2],
    );
    expect(applyDraftAction(draft, { type: "deleteBelt", key: "new-1" }).belts).toEqual([]);
    expect(applyDraftAction(draft, { type: "deleteBelt", key: "nope" })).toBe(draft);
    expect(applyDraftAction(draft, { type: "updateBelt", key: "new-1", changes: { name: "一号线" } })).toBe(
      draft,
    );
  });

  it("places, moves and clears the service center", () => {
    const center = { name: "中心", address: "", lng: 118.87, lat: 28.94, organizationId: null };
    const placed = applyDraftAction(EMPTY, { type: "setCenter", center });
    expect(placed.serviceCenter).toEqual(center);
    expect(applyDraftAction(placed, { type: "setCenter", center: { ...center } })).toBe(placed);
    expect(applyDraftAction(placed, { type: "clearCenter" }).serviceCenter).toBeNull();
  });
});

describe("history", () => {
  it("joins typing in one field into one step, and a pause or another field starts a new one", () => {
    let h = historyOf(withBelt());
    for (const name of ["柯", "柯城", "柯城线"])
      h = commit(h, { type: "updateBelt", key: "new-1", changes: { name } });
    expect(h.past).toHaveLength(1);
    h = commit(h, { type: "updateBelt", key: "new-1", changes: { theme: "红" } });
    expect(h.past).toHaveLength(2);
    h = commit(endTyping(h), { type: "updateBelt", key: "new-1", changes: { theme: "红色" } });
    expect(h.past).toHaveLength(3);
    expect(undo(undo(undo(h))).present.belts[0]?.name).toBe("一号线");
  });

  it("treats a center moved away and back as no change", () => {
    const draft = withBelt();
    const center = { name: "中心", address: "", lng: 118.87, lat: 28.94, organizationId: null };
    const saved = applyDraftAction(draft, { type: "setCenter", center });
    const reordered = { organizationId: null, lat: 28.94, lng: 118.87, address: "", name: "中心" };
    const back = applyDraftAction(applyDraftAction(saved, { type: "clearCenter" }), {
      type: "setCenter",
      center: reordered,
    });
    expect(isDirty(back, saved)).toBe(false);
  });

  it("undoes and redoes, and a new step drops what could be redone", () => {
    let h = commit(historyOf(withBelt()), { type: "addStop", key: "new-1", organizationId: 1 });
    h = commit(h, { type: "addStop", key: "new-1", organizationId: 2 });
    expect(stopsOf(h.present)).toEqual([1, 2]);
    h = undo(h);
    expect(stopsOf(h.present)).toEqual([1]);
    h = redo(h);
    expect(stopsOf(h.present)).toEqual([1, 2]);
    h = commit(undo(h), { type: "addStop", key: "new-1", organizationId: 3 });
    expect(stopsOf(h.present)).toEqual([1, 3]);
    expect(redo(h)).toBe(h);
    expect(undo(undo(undo(h))).past).toEqual([]);
  });

  it("does not record a step that changes nothing, and keeps the last HISTORY_LIMIT steps", () => {
    const start = historyOf(withBelt([1]));
    expect(commit(start, { type: "addStop", key: "new-1", organizationId: 1 })).toBe(start);
    let h = start;
    for (let id = 2; id < HISTORY_LIMIT + 12; id++)
      h = commit(h, { type: "addStop", key: "new-1", organizationId: id });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});

const PLAN = {
  unitId: "KECHENG",
  unitKind: "COUNTY",
  countyCode: "330802",
  minBelts: 3,
  needsServiceCenter: true,
  departmentUnitIds: ["JINGXIN"],
  deadline: "2017-08-10T15:59:59.000Z",
  firstSubmittedAt: "2017-08-09T02:00:00.000Z",
  serverTime: "2026-11-26T02:00:00.000Z",
  belts: [
    {
      id: 11,
      unitId: "KECHENG",
      index: 0,
      name: "甲",
      theme: "",
      kind: "ORDINARY",
      roundTrip: false,
      lengthKm: 1,
      stops: [
        {
          position: 0,
          organizationId: 1,
          name: "一",
          kind: "SPECIAL_TOWN",
          unitId: "KECHENG",
          lng: 118.8,
          lat: 28.9,
        },
      ],
    },
  ],
  serviceCenter: null,
  candidates: [1, 2, 3, 4].map((id) => ({
    id,
    name: String(id),
    kind: id === 1 || id === 4 ? ("SPECIAL_TOWN" as const) : ("ENTERPRISE" as const),
    unitId: "KECHENG",
    countyCode: "330802",
    townshipName: "信安街道",
    lng: 118.8 + id / 100,
    lat: 28.9,
    officialGrade: "EXCELLENT" as const,
    tier: "DEMONSTRATION" as const,
  })),
} satisfies Partial<PlanDto>;

describe("draftFromPlan and draftCompliance", () => {
  it("starts clean from the saved plan and saves what it holds", () => {
    const draft = draftFromPlan(PLAN);
    expect(isDirty(draft, draftFromPlan(PLAN))).toBe(false);
    expect(draftToInput(draft)).toEqual({
      belts: [{ id: 11, name: "甲", theme: "", kind: "ORDINARY", roundTrip: false, stopIds: [1] }],
      serviceCenter: null,
    });
    const changed = applyDraftAction(draft, { type: "addStop", key: "11", organizationId: 2 });
    expect(isDirty(changed, draft)).toBe(true);
  });

  it("turns the rules green as the missing belts, sites and center are drawn", () => {
    const failing = (d: PlanDraft) =>
      draftCompliance(d, PLAN)
        .filter((r) => r.applicable && !r.advisory && !r.passed)
        .map((r) => r.rule);
    let draft = draftFromPlan(PLAN);
    expect(failing(draft)).toEqual(["MIN_BELTS", "SERVICE_CENTER", "EVERY_SITE_ON_A_BELT"]);
    for (const [n, stops] of [
      [1, [2, 4]],
      [2, [3, 4]],
    ] as const) {
      draft = applyDraftAction(draft, { type: "addBelt", name: `新${n}`, kind: "ORDINARY" });
      for (const id of stops)
        draft = applyDraftAction(draft, { type: "addStop", key: `new-${n}`, organizationId: id });
    }
    draft = applyDraftAction(draft, {
      type: "setCenter",
      center: { name: "中心", address: "", lng: 118.81, lat: 28.9, organizationId: 1 },
    });
    expect(failing(draft)).toEqual([]);
    const bare = applyDraftAction(draft, { type: "removeStop", key: "new-2", organizationId: 4 });
    const rule = draftCompliance(bare, PLAN).find((r) => r.rule === "SPECIAL_TOWN_IN_EVERY_BELT");
    expect(rule).toMatchObject({ passed: false, offendingBeltIds: [2] });
  });
});

describe("optimisedOrder", () => {
  const at = new Map([
    [1, { lng: 0, lat: 0 }],
    [2, { lng: 0.03, lat: 0 }],
    [3, { lng: 0.01, lat: 0 }],
    [4, { lng: 0.02, lat: 0 }],
  ]);

  it("orders the stops along the line", () => {
    expect(optimisedOrder([2, 1, 4, 3], (id) => at.get(id), { roundTrip: false })).toEqual([1, 3, 4, 2]);
  });

  it("starts next to the service center when one is given", () => {
    expect(
      optimisedOrder([1, 2, 3, 4], (id) => at.get(id), { roundTrip: false, startAt: { lng: 0.035, lat: 0 } }),
    ).toEqual([2, 4, 3, 1]);
  });

  it("refuses a stop without a location", () => {
    expect(() => optimisedOrder([1, 9], (id) => at.get(id), { roundTrip: false })).toThrow("stop 9");
  });
});
