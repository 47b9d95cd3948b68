import { describe, expect, it } from "vitest";
import { isCompetitor, notCompetitorReason } from "./competitor.ts";

describe("isCompetitor", () => {
  it("is a party organisation set up alone (单建) that runs as an entity (实体运作)", () => {
    expect(isCompetitor({ setupKind: "SINGLE", entityOperated: true })).toBe(true);
  });

  it("is not one set up jointly, or not run as an entity, or both", () => {
    expect(isCompetitor({ setupKind: "JOINT", entityOperated: true })).toBe(false);
    expect(isCompetitor({ setupKind: "SINGLE", entityOperated: false })).toBe(false);
    expect(isCompetitor({ setupKind: "JOINT", entityOperated: false })).toBe(false);
  });
});

describe("notCompetitorReason", () => {
  it("is null for a 争创对象", () => {
    expect(notCompetitorReason({ setupKind: "SINGLE", entityOperated: true })).toBeNull();
  });

  it("names 联建", () => {
    expect(notCompetitorReason({ setupKind: "JOINT", entityOperated: true })).toBe(
      "该党组织为联建，不是“百企示范、千企争先”争创对象，不参加评分",
    );
  });

  it("names 非实体运作", () => {
    expect(notCompetitorReason({ setupKind: "SINGLE", entityOperated: false })).toBe(
      "该党组织为非实体运作，不是“百企示范、千企争先”争创对象，不参加评分",
    );
  });

  it("names both, joined by 、", () => {
    expect(notCompetitorReason({ setupKind: "JOINT", entityOperated: false })).toBe(
      "该党组织为联建、非实体运作，不是“百企示范、千企争先”争创对象，不参加评分",
    );
  });
});
