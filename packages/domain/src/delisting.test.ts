import { describe, expect, it } from "vitest";
import { GRADES } from "./codes.ts";
import { type DelistingFacts, delistingEffects, delistingEffectText, isDelisting } from "./delisting.ts";

// A demonstration site with everything that can follow it: both dual managements, a practice, a
// contact member and two belts.
const FULL: DelistingFacts = {
  gradeBefore: "EXCELLENT",
  gradeAfter: "GOOD",
  countyDualManaged: true,
  cityDualManaged: true,
  practiceTitle: "红色引擎助发展",
  contactMembers: ["张三"],
  belts: ["柯城红色走廊", "古城新韵"],
};

// The same site with nothing attached but its status.
const BARE: DelistingFacts = {
  ...FULL,
  countyDualManaged: false,
  cityDualManaged: false,
  practiceTitle: null,
  contactMembers: [],
  belts: [],
};

describe("isDelisting", () => {
  it("is a 优秀 going to any lower grade", () => {
    expect(isDelisting("EXCELLENT", "GOOD")).toBe(true);
    expect(isDelisting("EXCELLENT", "PASS")).toBe(true);
    expect(isDelisting("EXCELLENT", "FAIL")).toBe(true);
  });

  it("is nothing else", () => {
    expect(isDelisting("EXCELLENT", "EXCELLENT")).toBe(false);
    for (const before of [null, "GOOD", "PASS", "FAIL"] as const) {
      for (const after of GRADES) expect(isDelisting(before, after), `${before} → ${after}`).toBe(false);
    }
  });
});

describe("delistingEffects", () => {
  it("is empty unless a 优秀 goes lower", () => {
    expect(delistingEffects({ ...FULL, gradeAfter: "EXCELLENT" })).toEqual([]);
    for (const before of [null, "GOOD", "PASS", "FAIL"] as const) {
      for (const after of GRADES)
        expect(delistingEffects({ ...FULL, gradeBefore: before, gradeAfter: after })).toEqual([]);
    }
  });

  it("always takes away the site's status, with the grade it falls to", () => {
    expect(delistingEffects(BARE)).toEqual([{ kind: "LOSES_SITE_STATUS", gradeAfter: "GOOD" }]);
    expect(delistingEffects({ ...BARE, gradeAfter: "FAIL" })).toEqual([
      { kind: "LOSES_SITE_STATUS", gradeAfter: "FAIL" },
    ]);
  });

  it("lists every effect that applies, in order", () => {
    expect(delistingEffects(FULL)).toEqual([
      { kind: "LOSES_SITE_STATUS", gradeAfter: "GOOD" },
      { kind: "COUNTY_DUAL_MANAGEMENT_ENDS" },
      { kind: "PRACTICE_RELEASED", title: "红色引擎助发展" },
      { kind: "CITY_DUAL_MANAGEMENT_ENDS" },
      { kind: "CONTACT_FREED", members: ["张三"] },
      { kind: "BELT_STOPS_NO_LONGER_SITES", belts: ["柯城红色走廊", "古城新韵"] },
    ]);
  });

  it("includes each effect only when it applies", () => {
    const kinds = (facts: Partial<DelistingFacts>) =>
      delistingEffects({ ...BARE, ...facts }).map((e) => e.kind);
    expect(kinds({ countyDualManaged: true })).toEqual(["LOSES_SITE_STATUS", "COUNTY_DUAL_MANAGEMENT_ENDS"]);
    expect(kinds({ cityDualManaged: true })).toEqual(["LOSES_SITE_STATUS", "CITY_DUAL_MANAGEMENT_ENDS"]);
    expect(kinds({ practiceTitle: "书记项目" })).toEqual(["LOSES_SITE_STATUS", "PRACTICE_RELEASED"]);
    expect(kinds({ contactMembers: ["李四"] })).toEqual(["LOSES_SITE_STATUS", "CONTACT_FREED"]);
    expect(kinds({ belts: ["一号线"] })).toEqual(["LOSES_SITE_STATUS", "BELT_STOPS_NO_LONGER_SITES"]);
    expect(kinds({ cityDualManaged: true, belts: ["一号线"] })).toEqual([
      "LOSES_SITE_STATUS",
      "CITY_DUAL_MANAGEMENT_ENDS",
      "BELT_STOPS_NO_LONGER_SITES",
    ]);
  });

  it("keeps an empty practice title, which is still a practice", () => {
    expect(delistingEffects({ ...BARE, practiceTitle: "" })).toContainEqual({
      kind: "PRACTICE_RELEASED",
      title: "",
    });
  });

  it("copies the members and belts, leaving the facts alone", () => {
    const members = ["张三", "李四"];
    const belts = ["一号线"];
    const effects = delistingEffects({ ...BARE, contactMembers: members, belts });
    members.push("王五");
    belts.push("二号线");
    expect(effects).toContainEqual({ kind: "CONTACT_FREED", members: ["张三", "李四"] });
    expect(effects).toContainEqual({ kind: "BELT_STOPS_NO_LONGER_SITES", belts: ["一号线"] });
  });
});

describe("delistingEffectText", () => {
  it("says what losing the status means, with the new grade in Chinese", () => {
    expect(delistingEffectText({ kind: "LOSES_SITE_STATUS", gradeAfter: "GOOD" })).toBe(
      "降为良好，摘去“两新党建示范点”牌子，不再计入本单位优秀创建名额",
    );
    expect(delistingEffectText({ kind: "LOSES_SITE_STATUS", gradeAfter: "PASS" })).toContain("降为达标");
    expect(delistingEffectText({ kind: "LOSES_SITE_STATUS", gradeAfter: "FAIL" })).toContain("降为未达标");
  });

  it("names the dual managements that end", () => {
    expect(delistingEffectText({ kind: "COUNTY_DUAL_MANAGEMENT_ENDS" })).toBe("退出县级双重管理");
    expect(delistingEffectText({ kind: "CITY_DUAL_MANAGEMENT_ENDS" })).toBe("退出市级双重管理");
  });

  it("names the practice released", () => {
    expect(delistingEffectText({ kind: "PRACTICE_RELEASED", title: "红色引擎助发展" })).toBe(
      "典型做法《红色引擎助发展》撤销，释放本单位的典型做法名额",
    );
  });

  it("names every member freed", () => {
    expect(delistingEffectText({ kind: "CONTACT_FREED", members: ["张三"] })).toBe(
      "张三不再以其为联系点，可改联系其他示范点",
    );
    expect(delistingEffectText({ kind: "CONTACT_FREED", members: ["张三", "李四"] })).toMatch(
      /^张三、李四不再/,
    );
  });

  it("names every belt, each quoted", () => {
    expect(
      delistingEffectText({ kind: "BELT_STOPS_NO_LONGER_SITES", belts: ["柯城红色走廊", "古城新韵"] }),
    ).toBe("仍留在示范带“柯城红色走廊”、“古城新韵”上，但不再计为示范点，示范带规则重新核算");
  });

  it("has a Chinese text for each effect of a full delisting", () => {
    const texts = delistingEffects(FULL).map(delistingEffectText);
    expect(texts).toHaveLength(6);
    for (const text of texts) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(new Set(texts).size).toBe(6);
  });
});
