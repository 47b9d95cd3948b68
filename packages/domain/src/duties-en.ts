// A demonstration site's duties in English, apart from duties.ts for the same reason as labels-en.ts.
import type { DutyId } from "./duties.ts";

export const DUTY_TITLES_EN: Readonly<Record<DutyId, string>> = {
  COUNTY_DUAL_MANAGEMENT: "Under county dual management",
  COMMITTEE_CONTACT: "Contact point of a county committee member",
  ON_A_BELT: "A stop on a demonstration belt",
};
