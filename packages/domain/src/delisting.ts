import type { Grade } from "./codes.ts";

// 摘牌: a demonstration site (示范点) downgraded below 优秀 stops being one. What follows, decided
// from 衢两新〔2017〕3号: its duties as a site end (纳入县级双重管理; a 典型做法 is chosen among
// 示范点 and is what puts it under 市级双重管理, so the practice is released and no longer counts
// against the unit's quota; the committee member whose 联系点 it was is free to link another site),
// and its belt stops stay on the route but no longer count as a demonstration site.

export type DelistingFacts = {
  gradeBefore: Grade | null;
  gradeAfter: Grade;
  countyDualManaged: boolean;
  cityDualManaged: boolean;
  /** Its 典型做法 in the cycle, if one was selected and not released. */
  practiceTitle: string | null;
  /** Committee members whose contact point (联系点) it is. */
  contactMembers: readonly string[];
  /** Belts that have it as a stop. */
  belts: readonly string[];
};

export type DelistingEffect =
  | { kind: "LOSES_SITE_STATUS"; gradeAfter: Grade }
  | { kind: "COUNTY_DUAL_MANAGEMENT_ENDS" }
  | { kind: "CITY_DUAL_MANAGEMENT_ENDS" }
  | { kind: "PRACTICE_RELEASED"; title: string }
  | { kind: "CONTACT_FREED"; members: string[] }
  | { kind: "BELT_STOPS_NO_LONGER_SITES"; belts: string[] };

/** Does going from `before` to `after` take away a demonstration site's status? */
export function isDelisting(before: Grade | null, after: Grade): boolean {
  return before === "EXCELLENT" && after !== "EXCELLENT";
}

/** Everything a downgrade of a demonstration site changes, in the order it is shown; none otherwise. */
export function delistingEffects(facts: DelistingFacts): DelistingEffect[] {
  if (!isDelisting(facts.gradeBefore, facts.gradeAfter)) return [];
  const effects: DelistingEffect[] = [{ kind: "LOSES_SITE_STATUS", gradeAfter: facts.gradeAfter }];
  if (facts.countyDualManaged) effects.push({ kind: "COUNTY_DUAL_MANAGEMENT_ENDS" });
  if (facts.practiceTitle !== null) effects.push({ kind: "PRACTICE_RELEASED", title: facts.practiceTitle });
  if (facts.cityDualManaged) effects.push({ kind: "CITY_DUAL_MANAGEMENT_ENDS" });
  if (facts.contactMembers.length > 0)
    effects.push({ kind: "CONTACT_FREED", members: [...facts.contactMembers] });
  if (facts.belts.length > 0) effects.push({ kind: "BELT_STOPS_NO_LONGER_SITES", belts: [...facts.belts] });
  return effects;
}

const GRADE_ZH: Readonly<Record<Grade, string>> = {
  EXCELLENT: "优秀",
  GOOD: "良好",
  PASS: "达标",
  FAIL: "未达标",
};

/** One effect in the words the county and city read before they confirm. */
export function delistingEffectText(effect: DelistingEffect): string {
  switch (effect.kind) {
    case "LOSES_SITE_STATUS":
      return `降为${GRADE_ZH[effect.gradeAfter]}，摘去“两新党建示范点”牌子，不再计入本单位优秀创建名额`;
    case "COUNTY_DUAL_MANAGEMENT_ENDS":
      return "退出县级双重管理";
    case "CITY_DUAL_MANAGEMENT_ENDS":
      return "退出市级双重管理";
    case "PRACTICE_RELEASED":
      // 《》: practice titles often carry their own “” (e.g. “山海协作”党建工作法).
      return `典型做法《${effect.title}》撤销，释放本单位的典型做法名额`;
    case "CONTACT_FREED":
      return `${effect.members.join("、")}不再以其为联系点，可改联系其他示范点`;
    case "BELT_STOPS_NO_LONGER_SITES":
      return `仍留在示范带${effect.belts.map((b) => `“${b}”`).join("、")}上，但不再计为示范点，示范带规则重新核算`;
  }
}
