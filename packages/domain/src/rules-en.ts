// The belt rules' titles in English, apart from rules.ts for the same reason as labels-en.ts.
import { NEAR_DUPLICATE_SHARE } from "./belt-identity.ts";
import type { RuleId } from "./rules.ts";

export const RULE_TITLES_EN: Readonly<Record<RuleId, string>> = {
  MIN_BELTS: "Required number of belts",
  SERVICE_CENTER: "A regional party-mass service center",
  STOPS_ELIGIBLE: "Every stop is a site of the unit (or of 市经信委 in its county)",
  SPECIAL_TOWN_IN_EVERY_BELT: "A special-town site in every belt",
  DISTINCT_BELTS: `No belt repeats another (under ${NEAR_DUPLICATE_SHARE * 100}% of its stops on one other belt)`,
  EVERY_SITE_ON_A_BELT: "Every demonstration site on a belt",
  SPECIAL_TOWN_BELT: "One belt of special-town sites (advisory)",
  PLAN_ON_TIME: "Belt plan submitted by the deadline",
  COMMITTEE_CONTACTS: "Each committee member links one site; each site has a contact",
};
