import type { SetupKind } from "./codes.ts";

// 争创对象: the campaign scores party organisations set up in the organisation alone (单建) that run
// as entities (实体运作). Others stay on the map, marked, and are counted apart.

export type CompetitorFacts = { setupKind: SetupKind; entityOperated: boolean };

export function isCompetitor(facts: CompetitorFacts): boolean {
  return facts.setupKind === "SINGLE" && facts.entityOperated;
}

/** Why an organisation is not scored, in Chinese; null for a 争创对象. */
export function notCompetitorReason(facts: CompetitorFacts): string | null {
  if (isCompetitor(facts)) return null;
  const why = [facts.setupKind === "JOINT" ? "联建" : null, facts.entityOperated ? null : "非实体运作"]
    .filter((x) => x !== null)
    .join("、");
  return `该党组织为${why}，不是“百企示范、千企争先”争创对象，不参加评分`;
}
