import type { RosterMemberDto } from "@beltmap/api";
import { describe, expect, it } from "vitest";
import { CITY_LEVEL, membersInUnit, problemMemberIds, shownMembers } from "./rows.ts";

const member = (
  id: number,
  unitId: string | null,
  extra: Partial<RosterMemberDto> = {},
): RosterMemberDto => ({
  id,
  name: `委员${id}`,
  title: "委员",
  level: unitId === null ? "CITY" : "COUNTY",
  unitId,
  unitName: null,
  active: true,
  sites: [],
  ...extra,
});

const units = [
  { unitId: "KECHENG", membersWithoutSite: [2], membersWithSeveralSites: [] },
  { unitId: "JIANGSHAN", membersWithoutSite: [], membersWithSeveralSites: [5] },
];
const none = { showInactive: false, onlyProblems: false, search: "", justAdded: null };

describe("the roster's rows", () => {
  const members = [
    member(5, "JIANGSHAN"),
    member(9, null),
    member(3, "KECHENG", { active: false }),
    member(2, "KECHENG", { title: "区委组织部副部长" }),
    member(1, "KECHENG"),
  ];

  it("keeps a unit's county members, or the city-level ones, or all", () => {
    expect(membersInUnit(members, "KECHENG").map((m) => m.id)).toEqual([3, 2, 1]);
    expect(membersInUnit(members, CITY_LEVEL).map((m) => m.id)).toEqual([9]);
    expect(membersInUnit(members, null)).toHaveLength(5);
  });

  it("orders by the roster's units (city level last), active first, then as added", () => {
    const ids = shownMembers(members, units, new Set(), { ...none, showInactive: true }).map((m) => m.id);
    expect(ids).toEqual([1, 2, 3, 5, 9]);
  });

  it("hides the inactive but the one just added; filters the faulty ones and by name or post", () => {
    const problems = problemMemberIds(units);
    expect([...problems]).toEqual([2, 5]);
    expect(shownMembers(members, units, problems, none).map((m) => m.id)).toEqual([1, 2, 5, 9]);
    expect(shownMembers(members, units, problems, { ...none, justAdded: 3 }).map((m) => m.id)).toContain(3);
    expect(shownMembers(members, units, problems, { ...none, onlyProblems: true }).map((m) => m.id)).toEqual([
      2, 5,
    ]);
    expect(shownMembers(members, units, problems, { ...none, search: " 组织部 " }).map((m) => m.id)).toEqual([
      2,
    ]);
    expect(shownMembers(members, units, problems, { ...none, search: "委员9" }).map((m) => m.id)).toEqual([
      9,
    ]);
  });
});
