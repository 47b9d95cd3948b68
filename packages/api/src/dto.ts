// The public contract's output types. The web app imports these (types only), never Prisma's.
import type {
  BeltKind,
  DutyId,
  Grade,
  OrgKind,
  PlanRefusal,
  PlanStatus,
  Region,
  Role,
  RuleResultJson,
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

export type TownshipDto = { id: string; name: string; unitId: string; countyCode: string };

export type MapOrganizationDto = {
  id: number;
  name: string;
  kind: OrgKind;
  unitId: string;
  townshipId: string;
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

/** One belt rule's result; PLAN_ON_TIME carries the deadline and the first submission (ISO). */
export type RuleResultDto = RuleResultJson;

export type UnitComplianceDto = {
  unitId: string;
  unitName: string;
  passed: boolean;
  /** The unit's belt plan, or null before it was first saved. */
  planStatus: PlanStatus | null;
  /** The latest submitted version (0: none yet). */
  planVersion: number;
  rules: RuleResultDto[];
};

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
    /** The unit's organisations in the user's region. */
    organizations: number;
    /** By tier (official or provisional); NONE: not graded yet. */
    tiers: Record<Tier | "NONE", number>;
    pipeline: Record<PipelineStep, number>;
    reReviewsDueSoon: number;
    reReviewsOverdue: number;
  }[];
  perTier: { tier: Tier; count: number; share: number; targetShare: number }[];
  /** Organisations by the stage they wait for (DETERMINED: the city has graded them). */
  pipeline: Record<PipelineStep, number>;
  /** The cycle's deadlines (ISO), for countdowns. */
  deadlines: { beltPlan: string; initialSummary: string };
  /** When these figures were computed (ISO): the "data time" a screen shows. */
  generatedAt: string;
};

export type PipelineStep = Stage | "DETERMINED";

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
  /**
   * The raster basemap drawn beneath the boundaries (server setting BASEMAP), or null: the map is
   * offline, boundaries only. The tile URLs may carry the provider's key: signed-in users only.
   */
  basemap: {
    /** {z}/{x}/{y} tile URL templates of one layer; several are mirrors (subdomains) of it. */
    tiles: string[];
    /** A layer of labels drawn on it (天地图's annotations), or null. */
    labelTiles: string[] | null;
    /** The provider's copyright line, shown on the map. */
    attribution: string;
    /** The deepest zoom the tiles exist for; beyond it they are enlarged. */
    maxZoom: number;
  } | null;
};

export type MeDto = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  townshipId: string | null;
  organizationId: number | null;
  region: Region;
  /** e.g. 衢州市, 柯城区, 信安街道, or the organisation's name. */
  regionName: string;
};

export type SheetStageDto = {
  stage: Stage;
  /** EMPTY: never saved. */
  status: SheetStatus | "EMPTY";
  /** Sent back with every write; 0 for a stage never saved. */
  version: number;
  items: Record<string, number>;
  total: number | null;
  opinion: string | null;
  returnReason: string | null;
  submittedAt: string | null;
  updatedAt: string | null;
  canEdit: boolean;
  canReturn: boolean;
};

export type QuotaUseDto = {
  unitId: string;
  quota: number;
  used: number;
  remaining: number;
  reached: boolean;
  exceeded: boolean;
};

export type SheetDto = {
  organization: {
    id: number;
    name: string;
    kind: string;
    unitId: string;
    unitName: string;
    townshipId: string;
    townshipName: string;
  };
  cycleId: number;
  stages: SheetStageDto[];
  /** The first stage not yet submitted; null once the city has determined the grade. */
  pendingStage: Stage | null;
  grade: { grade: Grade; tier: Tier; total: number | null; official: boolean } | null;
  /** The unit's 优秀 quota and how much of it official determinations use. */
  quota: QuotaUseDto;
};

export type QueueRowDto = {
  organizationId: number;
  name: string;
  unitId: string;
  unitName: string;
  townshipId: string;
  townshipName: string;
  /** The stage the organisation waits at, and that stage's state. */
  stage: Stage;
  status: SheetStatus | "EMPTY";
  version: number;
  returnReason: string | null;
  previousStage: Stage | null;
  previousVersion: number | null;
  previousTotal: number | null;
  previousGrade: Grade | null;
  updatedAt: string | null;
  canEdit: boolean;
  canReturnPrevious: boolean;
};

export type QueueDto = {
  stage: Stage;
  /** The stage the user's role fills in; null for leaders. */
  ownStage: Stage | null;
  /** How many organisations of the region wait at each stage. */
  counts: Record<Stage, number>;
  /** Organisations whose grade the city has determined. */
  determined: number;
  total: number;
  rows: QueueRowDto[];
  truncated: boolean;
  quotas: QuotaUseDto[];
};

export type BulkResultDto = { organizationId: number; ok: boolean; message: string };

export type UserDto = MeDto & { disabled: boolean; createdAt: string; sessions: number };

export type ReReviewRowDto = {
  id: number;
  organizationId: number;
  organizationName: string;
  unitId: string;
  unitName: string;
  townshipId: string;
  townshipName: string;
  dueOn: string;
  /** For open re-reviews: OVERDUE, DUE_SOON (within 30 days) or OK, on China's calendar. */
  dueState: "OVERDUE" | "DUE_SOON" | "OK" | null;
  daysOverdue: number;
  gradeBefore: Grade;
  suggestion: "NONE" | "UPGRADE" | "DOWNGRADE";
  suggestedGrade: Grade | null;
  notes: string;
  status: "PENDING" | "REVIEWED" | "APPROVED" | "REJECTED" | "FILED";
  reviewedAt: string | null;
  /** The county's reason (required when it rejects a suggestion), and when it decided. */
  decisionReason: string | null;
  decidedAt: string | null;
  /** When the city filed (备案) the adjustment. */
  filedAt: string | null;
  /** Waiting for the signed-in user's level to act. */
  awaitsMe: boolean;
};

export type ReReviewCountsDto = {
  id: string;
  name: string;
  due: number;
  overdue: number;
  awaitingDecision: number;
};

export type ReReviewListDto = {
  rows: ReReviewRowDto[];
  truncated: boolean;
  byTownship: ReReviewCountsDto[];
  byUnit: ReReviewCountsDto[];
};

export type SiteRowDto = {
  organizationId: number;
  name: string;
  unitId: string;
  townshipName: string;
  countyDualManaged: boolean;
  cityDualManaged: boolean;
  contacts: { id: number; name: string; level: string }[];
  belts: { id: number; name: string }[];
  practiceTitle: string | null;
  duties: { duty: DutyId; title: string; met: boolean }[];
};

export type SiteListDto = {
  rows: SiteRowDto[];
  practiceQuotas: {
    unitId: string;
    unitName: string;
    quota: number;
    used: number;
    remaining: number;
    reached: boolean;
    exceeded: boolean;
  }[];
};

export type CommitteeMemberDto = {
  id: number;
  name: string;
  title: string;
  level: string;
  unitId: string | null;
};

export type AuditEntryDto = {
  id: string;
  at: string;
  userId: number | null;
  userName: string | null;
  role: string | null;
  region: string | null;
  action: string;
  before: unknown;
  after: unknown;
};

/** A site the unit's belts may visit: its own organisations and 市经信委's in its county. */
export type PlanCandidateDto = {
  id: number;
  name: string;
  kind: OrgKind;
  unitId: string;
  countyCode: string;
  townshipName: string;
  lng: number;
  lat: number;
  /** The city's determination only: an official 优秀 is a demonstration site. */
  officialGrade: Grade | null;
  /** The grade shown on the map (official or provisional). */
  tier: Tier | null;
};

export type PlanVersionDto = {
  version: number;
  submittedAt: string;
  submittedBy: string | null;
  decision: "ACCEPTED" | "RETURNED" | null;
  decidedAt: string | null;
  decidedBy: string | null;
  returnReason: string | null;
};

/** May the signed-in user do this now; if not, why (in Chinese). */
export type PlanPermissionDto = { ok: boolean; code: PlanRefusal | null; reason: string | null };

export type PlanDto = {
  unitId: string;
  unitName: string;
  unitKind: UnitSpec["kind"];
  countyCode: string | null;
  minBelts: number;
  needsServiceCenter: boolean;
  status: PlanStatus;
  /** The latest submitted version (0: none yet). */
  version: number;
  /** The working draft's save count: a save must name the revision it started from. */
  revision: number;
  returnReason: string | null;
  /** Of the latest version (ISO). */
  submittedAt: string | null;
  /** Of version 1: what the deadline rule looks at (ISO). */
  firstSubmittedAt: string | null;
  deadline: string;
  /** When the server answered (ISO): the deadline rule's "now" for the planner's live checks. */
  serverTime: string;
  can: { edit: PlanPermissionDto; submit: PlanPermissionDto; review: PlanPermissionDto };
  belts: BeltDto[];
  serviceCenter: ServiceCenterDto | null;
  versions: PlanVersionDto[];
  candidates: PlanCandidateDto[];
  departmentUnitIds: string[];
};

export type BriefingLinkDto = {
  id: number;
  label: string;
  /** The unit it shows, or null for the whole city. */
  unitId: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
};

/** A new link: `path` carries the secret, shown this once. */
export type CreatedBriefingLinkDto = { id: number; label: string; unitId: string | null; path: string };

/** One problem of an import file: its row as the spreadsheet numbers it (header = 1) and column. */
export type ImportProblemDto = { row: number; column: string; message: string; suggestions: string[] };

export type ImportCoordSystemDto = "WGS84" | "GCJ02" | "BD09";

/** What an import would do (preview), or did (commit). */
export type ImportPreviewDto = {
  fileName: string;
  format: "xlsx" | "csv";
  encoding: "UTF-8" | "GBK" | null;
  /** Problems with the whole file (a required column missing): no row is read. */
  fileProblems: string[];
  /** Worth knowing, not a problem (a column not recognised, ignored). */
  notices: string[];
  system: {
    choice: ImportCoordSystemDto | "AUTO";
    /** For rows whose 坐标系 cell is empty. */
    used: ImportCoordSystemDto;
    detected: {
      system: ImportCoordSystemDto;
      inside: Record<ImportCoordSystemDto, number>;
      confident: boolean;
    } | null;
  };
  rows: { total: number; create: number; update: number; invalid: number };
  problems: ImportProblemDto[];
  /** All problems, listed or not (the list is capped). */
  problemsTotal: number;
};

export type CoordinateIssueDto =
  | { kind: "MISSING" }
  | {
      kind: "OUTSIDE_COUNTY";
      countyCode: string;
      countyName: string;
      /** Where it lies instead (null: outside Quzhou). */
      foundIn: string | null;
      foundInName: string | null;
    }
  | { kind: "SHIFTED"; system: "GCJ02" | "BD09" }
  | { kind: "SAME_SPOT"; others: { id: number; name: string }[] };

/** An organisation whose stored coordinates look wrong, with every reason. */
export type DataQualityRowDto = {
  organizationId: number;
  name: string;
  unitId: string;
  townshipName: string;
  lng: number;
  lat: number;
  issues: CoordinateIssueDto[];
};

export type DataQualityDto = {
  /** How many organisations were checked (the user's region, or one unit of it). */
  checked: number;
  counts: Record<CoordinateIssueDto["kind"], number>;
  rows: DataQualityRowDto[];
};
