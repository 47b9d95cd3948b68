import { describe, expect, it } from "vitest";
import type { PlanBelt, PlanServiceCenter, PlanSnapshot, PlanStop } from "./plan.ts";
import { type BeltDiff, diffPlans } from "./plan-diff.ts";

const stop = (organizationId: number): PlanStop => ({
  organizationId,
  name: `站点${organizationId}`,
  lng: 118.87 + organizationId / 1000,
  lat: 28.94,
});

const belt = (id: number | null, stopIds: number[], fields: Partial<PlanBelt> = {}): PlanBelt => ({
  id,
  name: `示范带${id ?? "新"}`,
  theme: "红色引擎",
  kind: "ORDINARY",
  roundTrip: false,
  stops: stopIds.map(stop),
  ...fields,
});

const CENTER: PlanServiceCenter = {
  name: "柯城区两新党群服务中心",
  lng: 118.87,
  lat: 28.94,
  address: "衢州市柯城区荷花街道",
  organizationId: 1,
};

const BEFORE: PlanSnapshot = {
  belts: [belt(1, [1, 2, 3]), belt(2, [4, 5]), belt(3, [6, 7, 8])],
  serviceCenter: CENTER,
};

/** A deep copy, so that "identical" never means "the same object". */
const copy = (snapshot: PlanSnapshot): PlanSnapshot => structuredClone(snapshot);

function withBelt(snapshot: PlanSnapshot, id: number, change: (b: PlanBelt) => PlanBelt): PlanSnapshot {
  return {
    ...copy(snapshot),
    belts: snapshot.belts.map((b) => (b.id === id ? change(structuredClone(b)) : b)),
  };
}

function diffOf(before: PlanSnapshot, after: PlanSnapshot, id: number | null): BeltDiff {
  const found = diffPlans(before, after).belts.find((b) => b.beltId === id);
  if (!found) throw new Error(`no diff for belt ${id}`);
  return found;
}

const unchanged = (id: number, name = `示范带${id}`): BeltDiff => ({
  beltId: id,
  name,
  change: "UNCHANGED",
  renamedFrom: null,
  detailsChanged: false,
  addedStopIds: [],
  removedStopIds: [],
  reordered: false,
});

describe("diffPlans: nothing changed", () => {
  it("identical snapshots are the same", () => {
    expect(diffPlans(BEFORE, copy(BEFORE))).toEqual({
      belts: [unchanged(1), unchanged(2), unchanged(3)],
      serviceCenter: "UNCHANGED",
      same: true,
    });
  });

  it("two empty plans are the same", () => {
    expect(diffPlans({ belts: [], serviceCenter: null }, { belts: [], serviceCenter: null })).toEqual({
      belts: [],
      serviceCenter: "UNCHANGED",
      same: true,
    });
  });

  it("belts moved around in the list are paired by id and unchanged", () => {
    const after = { ...copy(BEFORE), belts: [...copy(BEFORE).belts].reverse() };
    const diff = diffPlans(BEFORE, after);
    expect(diff.belts.map((b) => b.beltId)).toEqual([3, 2, 1]);
    expect(diff.same).toBe(true);
  });

  it("a stop's name or coordinates do not matter, only which organisation it is", () => {
    const after = withBelt(BEFORE, 1, (b) => ({
      ...b,
      stops: b.stops.map((s) => ({ ...s, name: `${s.name}（新）`, lng: s.lng + 0.01 })),
    }));
    expect(diffPlans(BEFORE, after).same).toBe(true);
  });
});

describe("diffPlans: belts added and removed", () => {
  it("a drafted belt (id null) is added with all its stops", () => {
    const after = { ...copy(BEFORE), belts: [...copy(BEFORE).belts, belt(null, [9, 10], { name: "新带" })] };
    const diff = diffPlans(BEFORE, after);
    expect(diff.same).toBe(false);
    expect(diff.belts).toHaveLength(4);
    expect(diff.belts[3]).toEqual({
      beltId: null,
      name: "新带",
      change: "ADDED",
      renamedFrom: null,
      detailsChanged: false,
      addedStopIds: [9, 10],
      removedStopIds: [],
      reordered: false,
    });
    expect(diff.belts.slice(0, 3).every((b) => b.change === "UNCHANGED")).toBe(true);
  });

  it("a saved belt with an id the old version did not have is added", () => {
    const after = { ...copy(BEFORE), belts: [belt(99, [3, 1]), ...copy(BEFORE).belts] };
    expect(diffOf(BEFORE, after, 99)).toMatchObject({
      change: "ADDED",
      addedStopIds: [3, 1],
      reordered: false,
    });
  });

  it("an added belt without stops is still a change", () => {
    const diff = diffPlans(
      { belts: [], serviceCenter: null },
      { belts: [belt(null, [])], serviceCenter: null },
    );
    expect(diff.belts).toEqual([expect.objectContaining({ change: "ADDED", addedStopIds: [] })]);
    expect(diff.same).toBe(false);
  });

  it("a removed belt is listed with all its stops removed", () => {
    const after = { ...copy(BEFORE), belts: copy(BEFORE).belts.filter((b) => b.id !== 2) };
    const diff = diffPlans(BEFORE, after);
    expect(diff.same).toBe(false);
    expect(diff.belts).toEqual([
      unchanged(1),
      unchanged(3),
      {
        beltId: 2,
        name: "示范带2",
        change: "REMOVED",
        renamedFrom: null,
        detailsChanged: false,
        addedStopIds: [],
        removedStopIds: [4, 5],
        reordered: false,
      },
    ]);
  });

  it("every belt removed", () => {
    const diff = diffPlans(BEFORE, { belts: [], serviceCenter: CENTER });
    expect(diff.belts.map((b) => [b.beltId, b.change])).toEqual([
      [1, "REMOVED"],
      [2, "REMOVED"],
      [3, "REMOVED"],
    ]);
    expect(diff.same).toBe(false);
  });

  it("lists the belts of the new version in its order, then the removed ones in the old order", () => {
    const after: PlanSnapshot = {
      belts: [belt(null, [20]), belt(3, [6, 7, 8]), belt(50, [21]), belt(1, [1, 2, 3])],
      serviceCenter: CENTER,
    };
    const before: PlanSnapshot = { ...copy(BEFORE), belts: [...copy(BEFORE).belts, belt(4, [30])] };
    expect(diffPlans(before, after).belts.map((b) => [b.beltId, b.change])).toEqual([
      [null, "ADDED"],
      [3, "UNCHANGED"],
      [50, "ADDED"],
      [1, "UNCHANGED"],
      [2, "REMOVED"],
      [4, "REMOVED"],
    ]);
  });

  it("an unsaved belt cannot be matched: one in each version is one added and one removed", () => {
    const draft = belt(null, [1]);
    const diff = diffPlans({ belts: [draft], serviceCenter: null }, { belts: [draft], serviceCenter: null });
    expect(diff.belts.map((b) => [b.beltId, b.change])).toEqual([
      [null, "ADDED"],
      [null, "REMOVED"],
    ]);
    expect(diff.same).toBe(false);
  });
});

describe("diffPlans: a belt changed", () => {
  it("renamed: the same belt under its new name, with the old one", () => {
    const after = withBelt(BEFORE, 2, (b) => ({ ...b, name: "衢江红色示范带" }));
    const diff = diffPlans(BEFORE, after);
    expect(diff.belts[1]).toEqual({
      ...unchanged(2, "衢江红色示范带"),
      change: "CHANGED",
      renamedFrom: "示范带2",
    });
    expect(diff.same).toBe(false);
  });

  it.each([
    ["kind", { kind: "SPECIAL_TOWN" }],
    ["theme", { theme: "绿色发展" }],
    ["theme emptied", { theme: "" }],
    ["round trip", { roundTrip: true }],
  ] as const)("%s changed: detailsChanged", (_label, fields) => {
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, ...fields }));
    const diff = diffPlans(BEFORE, after);
    expect(diff.belts[0]).toEqual({ ...unchanged(1), change: "CHANGED", detailsChanged: true });
    expect(diff.same).toBe(false);
  });

  it("stops added, at the end or in between", () => {
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [1, 9, 2, 3, 10].map(stop) }));
    expect(diffOf(BEFORE, after, 1)).toEqual({ ...unchanged(1), change: "CHANGED", addedStopIds: [9, 10] });
  });

  it("stops removed, in the old order", () => {
    const after = withBelt(BEFORE, 3, (b) => ({ ...b, stops: [7].map(stop) }));
    expect(diffOf(BEFORE, after, 3)).toEqual({ ...unchanged(3), change: "CHANGED", removedStopIds: [6, 8] });
  });

  it("removing a stop alone is not a reorder", () => {
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [1, 3].map(stop) }));
    expect(diffOf(BEFORE, after, 1)).toMatchObject({
      change: "CHANGED",
      removedStopIds: [2],
      reordered: false,
    });
  });

  it("adding a stop alone is not a reorder, even at the front", () => {
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [9, 1, 2, 3].map(stop) }));
    expect(diffOf(BEFORE, after, 1)).toMatchObject({
      change: "CHANGED",
      addedStopIds: [9],
      reordered: false,
    });
  });

  it("replacing a stop in place is not a reorder", () => {
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [1, 9, 3].map(stop) }));
    expect(diffOf(BEFORE, after, 1)).toMatchObject({
      addedStopIds: [9],
      removedStopIds: [2],
      reordered: false,
    });
  });

  it("the same stops in another order are reordered", () => {
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [1, 3, 2].map(stop) }));
    expect(diffOf(BEFORE, after, 1)).toEqual({ ...unchanged(1), change: "CHANGED", reordered: true });
  });

  it("the route reversed is reordered", () => {
    const after = withBelt(BEFORE, 3, (b) => ({ ...b, stops: [8, 7, 6].map(stop) }));
    expect(diffOf(BEFORE, after, 3)).toMatchObject({ change: "CHANGED", reordered: true });
  });

  it("only the shared stops' relative order counts when stops are also added and removed", () => {
    // 1 2 3 → 3 9 1: shared 1, 3 now run 3 before 1.
    const swapped = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [3, 9, 1].map(stop) }));
    expect(diffOf(BEFORE, swapped, 1)).toMatchObject({
      addedStopIds: [9],
      removedStopIds: [2],
      reordered: true,
    });
    // 1 2 3 → 9 1 3: shared 1, 3 keep their order.
    const kept = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [9, 1, 3].map(stop) }));
    expect(diffOf(BEFORE, kept, 1)).toMatchObject({
      addedStopIds: [9],
      removedStopIds: [2],
      reordered: false,
    });
  });

  it("all stops replaced: nothing shared, nothing reordered", () => {
    const after = withBelt(BEFORE, 2, (b) => ({ ...b, stops: [11, 10].map(stop) }));
    expect(diffOf(BEFORE, after, 2)).toEqual({
      ...unchanged(2),
      change: "CHANGED",
      addedStopIds: [11, 10],
      removedStopIds: [4, 5],
    });
  });

  it("everything at once", () => {
    const after = withBelt(BEFORE, 1, (b) => ({
      ...b,
      name: "新名",
      roundTrip: true,
      stops: [3, 1, 4].map(stop),
    }));
    expect(diffOf(BEFORE, after, 1)).toEqual({
      beltId: 1,
      name: "新名",
      change: "CHANGED",
      renamedFrom: "示范带1",
      detailsChanged: true,
      addedStopIds: [4],
      removedStopIds: [2],
      reordered: true,
    });
  });

  it("one changed belt leaves the others unchanged", () => {
    const after = withBelt(BEFORE, 2, (b) => ({ ...b, stops: [5, 4].map(stop) }));
    expect(diffPlans(BEFORE, after).belts.map((b) => b.change)).toEqual([
      "UNCHANGED",
      "CHANGED",
      "UNCHANGED",
    ]);
  });
});

describe("diffPlans: service center", () => {
  const withCenter = (serviceCenter: PlanServiceCenter | null): PlanSnapshot => ({
    ...copy(BEFORE),
    serviceCenter,
  });

  it("ADDED when the old version had none", () => {
    const diff = diffPlans(withCenter(null), withCenter(CENTER));
    expect(diff).toMatchObject({ serviceCenter: "ADDED", same: false });
    expect(diff.belts.every((b) => b.change === "UNCHANGED")).toBe(true);
  });

  it("REMOVED when the new version has none", () => {
    expect(diffPlans(withCenter(CENTER), withCenter(null))).toMatchObject({
      serviceCenter: "REMOVED",
      same: false,
    });
  });

  it("UNCHANGED when neither has one, or both have the same one", () => {
    expect(diffPlans(withCenter(null), withCenter(null))).toMatchObject({
      serviceCenter: "UNCHANGED",
      same: true,
    });
    expect(diffPlans(withCenter(CENTER), withCenter({ ...CENTER }))).toMatchObject({
      serviceCenter: "UNCHANGED",
      same: true,
    });
  });

  it.each([
    ["longitude", { lng: CENTER.lng + 0.001 }],
    ["latitude", { lat: CENTER.lat - 0.001 }],
  ] as const)("MOVED when its %s changes", (_label, fields) => {
    expect(diffPlans(withCenter(CENTER), withCenter({ ...CENTER, ...fields }))).toMatchObject({
      serviceCenter: "MOVED",
      same: false,
    });
  });

  it("MOVED when it is put at another site, even one at the same coordinates", () => {
    expect(diffPlans(withCenter(CENTER), withCenter({ ...CENTER, organizationId: 2 }))).toMatchObject({
      serviceCenter: "MOVED",
      same: false,
    });
    expect(diffPlans(withCenter(CENTER), withCenter({ ...CENTER, organizationId: null })).serviceCenter).toBe(
      "MOVED",
    );
    expect(diffPlans(withCenter({ ...CENTER, organizationId: null }), withCenter(CENTER)).serviceCenter).toBe(
      "MOVED",
    );
  });

  it("MOVED wins over RENAMED when both change", () => {
    const after = { ...CENTER, lng: 119, name: "新中心", address: "新地址" };
    expect(diffPlans(withCenter(CENTER), withCenter(after)).serviceCenter).toBe("MOVED");
  });

  it.each([
    ["name", { name: "衢州市两新党群服务中心" }],
    ["address", { address: "衢州市柯城区府山街道" }],
  ] as const)("RENAMED when only its %s changes", (_label, fields) => {
    expect(diffPlans(withCenter(CENTER), withCenter({ ...CENTER, ...fields }))).toMatchObject({
      serviceCenter: "RENAMED",
      same: false,
    });
  });

  it("a changed center and changed belts are both reported", () => {
    const after = withBelt(withCenter(null), 1, (b) => ({ ...b, name: "新名" }));
    const diff = diffPlans(BEFORE, after);
    expect(diff.serviceCenter).toBe("REMOVED");
    expect(diff.belts[0]).toMatchObject({ change: "CHANGED", renamedFrom: "示范带1" });
    expect(diff.same).toBe(false);
  });
});

describe("diffPlans: inputs", () => {
  it("does not change the snapshots it compares", () => {
    const before = copy(BEFORE);
    const after = withBelt(BEFORE, 1, (b) => ({ ...b, stops: [3, 2].map(stop) }));
    const afterCopy = structuredClone(after);
    diffPlans(before, after);
    expect(before).toEqual(BEFORE);
    expect(after).toEqual(afterCopy);
  });
});
