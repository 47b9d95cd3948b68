// The code labels in English: apart from the Chinese ones (labels.ts) so that the Chinese UI's
// first load does not carry them; the English UI loads them with its strings.
import type { LabelGroups } from "./labels.ts";

export const LABELS_EN: LabelGroups = {
  orgKind: {
    ENTERPRISE: "Non-public enterprise",
    SPECIAL_TOWN: "Special town",
    PRIVATE_SCHOOL: "Private school",
    PRIVATE_HOSPITAL: "Private hospital",
    LAW_FIRM: "Law firm",
    ACCOUNTING_FIRM: "Accounting firm",
    OTHER: "Other",
  },
  stage: {
    SELF: "Self-assessment",
    TOWNSHIP_REVIEW: "Township review",
    COUNTY_INITIAL: "County initial evaluation",
    CITY_FINAL: "City determination",
  },
  grade: {
    EXCELLENT: "Excellent",
    GOOD: "Good",
    PASS: "Pass",
    FAIL: "Fail",
  },
  tier: {
    DEMONSTRATION: "Demonstration tier",
    CONSOLIDATION: "Consolidation tier",
    IMPROVEMENT: "Improvement tier",
    WARNING: "Warning tier",
  },
  unitKind: {
    COUNTY: "County / city / district",
    ZONE: "Zone",
    DEPARTMENT: "City department",
  },
  beltKind: {
    ORDINARY: "Belt",
    SPECIAL_TOWN: "Special-town belt",
  },
  role: {
    CITY: "City committee",
    COUNTY: "County committee",
    TOWNSHIP: "Township",
    ORG: "Organisation",
    LEADER: "Leader",
  },
  sheetStatus: {
    DRAFT: "Draft",
    SUBMITTED: "Submitted",
    RETURNED: "Returned",
  },
  rereviewSuggestion: {
    NONE: "Keep",
    UPGRADE: "Upgrade",
    DOWNGRADE: "Downgrade",
  },
  rereviewStatus: {
    PENDING: "Due",
    REVIEWED: "Re-reviewed",
    ESCALATED: "Awaiting the city (quota full)",
    APPROVED: "Approved, to be filed",
    REJECTED: "Rejected",
    FILED: "Filed by city",
    SUPERSEDED: "Superseded by a determination",
  },
  setupKind: {
    SINGLE: "Set up alone",
    JOINT: "Set up jointly",
  },
};
