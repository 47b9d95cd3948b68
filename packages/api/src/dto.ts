// The public contract's output types. The web app imports these (types only), never Prisma's.
import type {
  BeltKind,
  DutyId,
  Grade,
  OrgKind,
  RuleId,
  SheetStatus,
  Stage,
  Tier,
  UnitSpec,
} from "@beltmap/domain";

export type SheetDefinitionDto = {
  dimensions: { key: string; name: string; items: { key: string; text: string; maxScore: number }[] }[];
  maxTotal: number;
  step: number;
};

/** A unit of Appendix 3 as the domain defines it (its sort order stays inside). */
export type UnitDto = Omit<UnitSpec, "sortOrder">;

export type MapOrganizationDto = {
  id: number;
  name: string;
  kind: OrgKind;
  unitId: string;
  townshipName: string;
  /** 6-digit code of the county the site lies in. */
  countyCode: string;
  lng: number;
  lat: number;
  total: number | null;
  grade: Grade | null;
  tier: Tier | null;
  gradeIsOfficial: boolean;
};

export type StageScoreDto = {
  stage: Stage;
  total: number;
  status: SheetStatus;
  grade: Grade;
  opinion: string | null;
  submittedAt: string | null;
};

export type OrganizationDetailDto = MapOrganizationDto & {
  unitName: string;
  address: string;
  memberCount: number;
  countyDualManaged: boolean;
  cityDualManaged: boolean;
  stages: StageScoreDto[];
  belts: { id: number; name: string; position: number }[];
  typicalPractice: string | null;
  contactMembers: string[];
  /** A demonstration site's duties (DESIGN 1.2), each met or not; empty for other organisations. */
  duties: { duty: DutyId; title: string; met: boolean }[];
};

export type BeltStopDto = {
  position: number;
  organizationId: number;
  name: string;
  kind: OrgKind;
  unitId: string;
  lng: number;
  lat: number;
};

export type BeltDto = {
  id: number;
  unitId: string;
  name: string;
  theme: string;
  kind: BeltKind;
  roundTrip: boolean;
  lengthKm: number;
  stops: BeltStopDto[];
};

export type CountyDto = {
  code: string;
  name: string;
  /** A point inside the county for its label. */
  labelLng: number;
  labelLat: number;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
};

export type ServiceCenterDto = {
  id: number;
  unitId: string;
  name: string;
  lng: number;
  lat: number;
  address: string;
  organizationId: number | null;
};

export type RuleResultDto = {
  rule: RuleId;
  title: string;
  passed: boolean;
  advisory: boolean;
  applicable: boolean;
  expected: number | null;
  actual: number | null;
  offendingBeltIds: number[];
  offendingSiteIds: number[];
};

export type UnitComplianceDto = { unitId: string; unitName: string; passed: boolean; rules: RuleResultDto[] };

export type DashboardSummaryDto = {
  cycle: { id: number; year: number; name: string };
  target: number;
  quotaTotal: number;
  excellentOfficial: number;
  excellentProvisional: number;
  organizations: number;
  perUnit: {
    unitId: string;
    unitName: string;
    excellent: number;
    quota: number;
    quotaReached: boolean;
    quotaExceeded: boolean;
    practices: number;
    practiceQuota: number;
  }[];
  perTier: { tier: Tier; count: number; share: number; targetShare: number }[];
};

export type AppInfoDto = {
  demoData: boolean;
  seedHash: string | null;
  cycle: {
    id: number;
    year: number;
    name: string;
    beltPlanDeadline: string;
    initialSummaryDeadline: string;
  } | null;
  generatedAt: string;
};
