// The code lists of the domain. They are stored as plain strings in the database (see DESIGN.md 3:
// Prisma enums would force an engine download), so every list comes with a type guard.

export const ORG_KINDS = [
  "ENTERPRISE",
  "SPECIAL_TOWN",
  "PRIVATE_SCHOOL",
  "PRIVATE_HOSPITAL",
  "LAW_FIRM",
  "ACCOUNTING_FIRM",
  "OTHER",
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The four scoring stages, in the order an organisation moves through them. */
export const STAGES = ["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL", "CITY_FINAL"] as const;
export type Stage = (typeof STAGES)[number];

/** Ordered from best to worst. */
export const GRADES = ["EXCELLENT", "GOOD", "PASS", "FAIL"] as const;
export type Grade = (typeof GRADES)[number];

/** Ordered like GRADES: the n-th tier is where the n-th grade lands. */
export const TIERS = ["DEMONSTRATION", "CONSOLIDATION", "IMPROVEMENT", "WARNING"] as const;
export type Tier = (typeof TIERS)[number];

export const UNIT_KINDS = ["COUNTY", "ZONE", "DEPARTMENT"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const SHEET_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED"] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export const BELT_KINDS = ["ORDINARY", "SPECIAL_TOWN"] as const;
export type BeltKind = (typeof BELT_KINDS)[number];

export const ROLES = ["CITY", "COUNTY", "TOWNSHIP", "ORG", "LEADER"] as const;
export type Role = (typeof ROLES)[number];

export const REREVIEW_SUGGESTIONS = ["NONE", "UPGRADE", "DOWNGRADE"] as const;
export type RereviewSuggestion = (typeof REREVIEW_SUGGESTIONS)[number];

/**
 * PENDING → REVIEWED (township) → APPROVED / REJECTED (county) → FILED (city, after APPROVED). An
 * upgrade to 优秀 the county approves while the unit's quota is full goes to the city instead:
 * REVIEWED → ESCALATED → APPROVED / REJECTED (city). A city determination (评定) supersedes a
 * re-review still in progress: SUPERSEDED.
 */
export const REREVIEW_STATUSES = [
  "PENDING",
  "REVIEWED",
  "ESCALATED",
  "APPROVED",
  "REJECTED",
  "FILED",
  "SUPERSEDED",
] as const;
export type RereviewStatus = (typeof REREVIEW_STATUSES)[number];

/** 组建方式: a party organisation set up in the organisation alone (单建) or jointly with others (联建). */
export const SETUP_KINDS = ["SINGLE", "JOINT"] as const;
export type SetupKind = (typeof SETUP_KINDS)[number];

/** The stage after `stage`, or null after the city's determination (评定), which is final. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

function isOneOf<T extends string>(codes: readonly T[], x: unknown): x is T {
  return (codes as readonly unknown[]).includes(x);
}

export function isOrgKind(x: unknown): x is OrgKind {
  return isOneOf(ORG_KINDS, x);
}

export function isGrade(x: unknown): x is Grade {
  return isOneOf(GRADES, x);
}

export function isTier(x: unknown): x is Tier {
  return isOneOf(TIERS, x);
}

export function isStage(x: unknown): x is Stage {
  return isOneOf(STAGES, x);
}

export function isRole(x: unknown): x is Role {
  return isOneOf(ROLES, x);
}

export function isSetupKind(x: unknown): x is SetupKind {
  return isOneOf(SETUP_KINDS, x);
}

export function isRereviewStatus(x: unknown): x is RereviewStatus {
  return isOneOf(REREVIEW_STATUSES, x);
}
