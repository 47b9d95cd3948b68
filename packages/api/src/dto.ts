// The public contract's output types. The web app imports these (types only), never Prisma's.
import type {
  Appendix2Status,
  BeltKind,
  CycleTargets,
  DelistingEffect,
  DelistingFacts,
  DutyId,
  Grade,
  MapCategory,
  MapCategoryCounts,
  OrgKind,
  PlanRefusal,
  PlanStatus,
  Region,
  RereviewStatus,
  Role,
  RuleResultJson,
  SetupKind,
  SheetStatus,
  Stage,
  SubmissionState,
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
  /** A 争创对象 (单建 and 实体运作); the others are shown marked and never scored. */
  competitor: boolean;
};

/** What the tiled map needs before its first tile: the data's version and each unit's counts and box. */
export type MapTileSetDto = {
  cycleId: number;
  /** Changes whenever an organisation of the region is added, moved, renamed or regraded. */
  version: string;
  /** Organisations of the user's region, whatever the filters. */
  total: number;
  units: { unitId: string; counts: MapCategoryCounts; bounds: [number, number, number, number] | null }[];
  /** Clusters up to this zoom, single organisations beyond; tiles exist up to maxZoom. */
  clusterMaxZoom: number;
  maxZoom: number;
};

/** An organisation the map's search found: enough to list it and fly there. */
export type MapSearchHitDto = {
  id: number;
  name: string;
  unitId: string;
  lng: number;
  lat: number;
  category: MapCategory;
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
  setupKind: SetupKind;
  entityOperated: boolean;
  /** Why it is not scored (联建, 非实体运作); null for a 争创对象. */
  notCompetitorReason: string | null;
  /** Where the official grade comes from (null: none, or only provisional). */
  gradeSource: GradeSource | null;
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
  /** Its 0-based place among its unit's belts, in plan order: its letter and colour (beltIdentity). */
  index: number;
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

/**
 * A township's area on the map, derived from its organisations' positions (no township boundaries
 * are vendored): an approximation, drawn dashed. A park (园区) of a zone is the hull round its own.
 */
export type TownshipAreaDto = {
  townshipId: string;
  name: string;
  unitId: string;
  countyCode: string;
  kind: "TOWNSHIP" | "PARK";
  /** The organisations it was derived from. */
  organizations: number;
  /** Its seat (the median of its organisations), where its name goes. */
  labelLng: number;
  labelLat: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
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
  cycle: CycleSummaryDto;
  /**
   * The region the figures count: its level and name ("信安街道"); partOfUnit where it is a part of
   * one unit (a township or an organisation), whose quota use is then counted over the whole unit.
   */
  region: { level: Region["level"]; name: string; partOfUnit: boolean };
  /** The cycle's 示范点 target (100 in the document). */
  target: number;
  /** All of the cycle's targets: 示范点, 典型做法, and the counts of 良好, 达标, 未达标. */
  targets: CycleTargets;
  /** The units' 优秀 quotas in the cycle, added up. */
  quotaTotal: number;
  /** 示范点 now: official 优秀, whether determined this cycle, carried over or adjusted since. */
  excellentOfficial: number;
  /** Of those, determined 优秀 by the city in this cycle (its 评定 done). */
  excellentDetermined: number;
  /** Not determined this cycle yet, whose furthest stage this cycle gives 优秀 (e.g. 初评优秀, 待评定). */
  excellentProvisional: number;
  /** Typical practices that count (not released by a 摘牌). */
  practicesTotal: number;
  /** 争创对象 in the user's region: the organisations scored. */
  organizations: number;
  /** Organisations not scored (联建 or not 实体运作), counted apart. */
  nonCompetitors: number;
  perUnit: {
    unitId: string;
    unitName: string;
    /** 示范点 (official 优秀) in the user's region. */
    excellent: number;
    /** The unit's 示范点 its quota counts: all of the unit, even where the user's region is part of it. */
    quotaUsed: number;
    quota: number;
    /** quotaUsed against quota. */
    quotaReached: boolean;
    quotaExceeded: boolean;
    /** 典型做法 in the user's region, and the unit's whole count its quota counts. */
    practices: number;
    practiceQuotaUsed: number;
    practiceQuota: number;
    /** The unit's 争创对象 in the user's region. */
    organizations: number;
    nonCompetitors: number;
    /** By tier (official or provisional); NONE: not graded yet. */
    tiers: Record<Tier | "NONE", number>;
    pipeline: Record<PipelineStep, number>;
    reReviewsDueSoon: number;
    reReviewsOverdue: number;
    /** Its belt plan against the deadline; null for a unit that builds no belts. */
    plan: { status: PlanStatus; timeliness: SubmissionTimelinessDto } | null;
    /** Its 附件2 against the deadline. */
    appendix2: { status: Appendix2Status; resubmitted: boolean; timeliness: SubmissionTimelinessDto };
    /** 三联一领: active county members, sites, sites with a contact, members linking no site. */
    roster: {
      activeMembers: number;
      sites: number;
      sitesWithContact: number;
      membersWithoutSite: number;
      passed: boolean;
    };
  }[];
  /** Each tier over all 争创对象 of the cycle, against the target share (8/30/50/12) and count. */
  perTier: { tier: Tier; count: number; share: number; targetShare: number; targetCount: number }[];
  /** Organisations by the stage they wait for (DETERMINED: the city has graded them). */
  pipeline: Record<PipelineStep, number>;
  /** The cycle's deadlines (ISO). */
  deadlines: { beltPlan: string; initialSummary: string };
  /** How many units stand where against each deadline (in place of one countdown for all). */
  reports: {
    beltPlan: { deadline: string; tally: Record<SubmissionState, number> };
    initialSummary: { deadline: string; tally: Record<SubmissionState, number> };
  };
  roster: { activeMembers: number; sites: number; sitesWithContact: number; membersWithoutSite: number };
  /** When these figures were computed (ISO): the "data time" a screen shows. */
  generatedAt: string;
};

export type PipelineStep = Stage | "DETERMINED";

/** Time playback: every cycle, oldest first, with each unit's official figures in it. */
export type CycleSeriesDto = {
  units: { unitId: string; unitName: string }[];
  cycles: {
    cycle: CycleSummaryDto;
    perUnit: {
      unitId: string;
      /** Official 优秀 (示范点) at the end of the cycle's records. */
      excellent: number;
      quota: number;
      practices: number;
      /** Official grades by tier. */
      tiers: Record<Tier, number>;
    }[];
  }[];
};

/** A cycle (年度) as every page names it; days YYYY-MM-DD (China), deadlines ISO instants. */
export type CycleSummaryDto = {
  id: number;
  year: number;
  name: string;
  /** The one that takes writes; every other is read-only history. */
  isCurrent: boolean;
  startsOn: string;
  endsOn: string;
  beltPlanDeadline: string;
  initialSummaryDeadline: string;
  targets: CycleTargets;
  openedAt: string | null;
  closedAt: string | null;
};

export type CycleQuotaDto = {
  unitId: string;
  unitName: string;
  excellentQuota: number;
  practiceQuota: number;
  appendix3ExcellentQuota: number;
  appendix3PracticeQuota: number;
  /** Why it differs from Appendix 3; null when it does not. */
  reason: string | null;
};

export type CycleDetailDto = CycleSummaryDto & {
  quotas: CycleQuotaDto[];
  /** For the city: what is still open in the cycle (city-wide); opening the next cycle freezes it. */
  unfinished: { undetermined: number; plansAwaitingCity: number; reportsAwaitingCity: number } | null;
};

export type OpenedCycleDto = {
  cycle: CycleSummaryDto;
  /** What came over from the cycle before. */
  carried: {
    grades: number;
    practices: number;
    contacts: number;
    plans: number;
    belts: number;
    serviceCenters: number;
  };
};

export type AppInfoDto = {
  demoData: boolean;
  seedHash: string | null;
  /** The current cycle (the one that takes writes). */
  cycle: CycleSummaryDto | null;
  generatedAt: string;
  /**
   * The user's region has more organisations than the server sends whole (MAP_TILES_ABOVE): its
   * maps draw them from tiles (map.tileSet, map.tile) and search them on the server (map.search).
   */
  mapTiled: boolean;
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
  /** The unit (创建单位) the region lies in, where pages open; null for the whole city. */
  regionUnitId: string | null;
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

/** What a 摘牌 takes away: the effects, and each in the words shown before it is confirmed. */
export type DelistingDto = { effects: DelistingEffect[]; texts: string[] };

export type SheetDto = {
  organization: {
    id: number;
    name: string;
    kind: string;
    unitId: string;
    unitName: string;
    townshipId: string;
    townshipName: string;
    setupKind: SetupKind;
    entityOperated: boolean;
    /** Why the organisation is not scored (联建, 非实体运作); null for a 争创对象. */
    notCompetitorReason: string | null;
  };
  cycleId: number;
  cycleYear: number;
  /** False for a past cycle: the sheet is history, nobody may change it. */
  cycleIsCurrent: boolean;
  stages: SheetStageDto[];
  /** The first stage not yet submitted; null once the city has determined the grade. */
  pendingStage: Stage | null;
  /**
   * While the cycle's scoring is under way: the provisional grade of its furthest submitted stage,
   * beside the standing official grade (e.g. last year's, carried over) it has not replaced yet.
   */
  provisional: { grade: Grade; tier: Tier; total: number; stage: Stage } | null;
  grade: {
    grade: Grade;
    tier: Tier;
    total: number | null;
    official: boolean;
    /** Where an official grade comes from: this cycle's 评定, an approved re-review, or the cycle before. */
    source: GradeSource | null;
  } | null;
  /** The unit's 优秀 quota of the cycle and how much of it official grades use. */
  quota: QuotaUseDto;
  /**
   * For the city about to determine a demonstration site's grade: what a grade below 优秀 would take
   * away (摘牌); the page words it with delistingEffects for the grade entered. Null otherwise.
   */
  siteFacts: Omit<DelistingFacts, "gradeBefore" | "gradeAfter"> | null;
};

export type GradeSource = "CITY_FINAL" | "REREVIEW_ADJUSTMENT" | "CARRY_OVER";

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
  /** 争创对象 in view (the queue's organisations). */
  total: number;
  /** Organisations in view that are not 争创对象 (联建 or not 实体运作): never scored. */
  notCompetitors: number;
  /** One page of the organisations waiting at the stage, by id. */
  rows: QueueRowDto[];
  page: {
    /** Rows of the stage before this page. */
    before: number;
    size: number;
    /** The `after` that asks for the next page; null on the last. */
    nextAfter: number | null;
  };
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
  status: RereviewStatus;
  reviewedAt: string | null;
  /** The county's reason (required when it rejects a suggestion), and when it decided. */
  decisionReason: string | null;
  decidedAt: string | null;
  /** For an upgrade over a full quota: the city's reason (over quota, or a refusal) and when it decided. */
  cityDecisionReason: string | null;
  cityDecidedAt: string | null;
  /** The city determined 优秀 beyond the unit's quota. */
  overQuota: boolean;
  /** When the city filed (备案) the adjustment. */
  filedAt: string | null;
  /** Who acts next; null once it is done (or shown as a past cycle's history). */
  nextActor: Role | null;
  /** Waiting for the signed-in user's level to act. */
  awaitsMe: boolean;
  /** A downgrade of a demonstration site: what the 摘牌 takes away (or took, once approved). */
  delisting: DelistingDto | null;
};

export type ReReviewCountsDto = {
  id: string;
  name: string;
  due: number;
  overdue: number;
  /** Suggestions waiting for the county. */
  awaitingDecision: number;
  /** Escalated upgrades and approved adjustments waiting for the city. */
  awaitingCity: number;
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

export type RosterMemberDto = {
  id: number;
  name: string;
  title: string;
  level: "CITY" | "COUNTY";
  unitId: string | null;
  unitName: string | null;
  active: boolean;
  /** The sites it links in the cycle: one when all is well. */
  sites: { organizationId: number; name: string }[];
};

export type RosterUnitDto = {
  unitId: string;
  unitName: string;
  activeMembers: number;
  /** Demonstration sites of the unit, and how many a county member links. */
  sites: number;
  sitesWithContact: number;
  membersWithoutSite: number[];
  membersWithSeveralSites: number[];
  sitesWithoutContact: { organizationId: number; name: string }[];
  passed: boolean;
};

export type RosterDto = { cycleId: number; members: RosterMemberDto[]; units: RosterUnitDto[] };

export type CommitteeMemberDto = {
  id: number;
  name: string;
  title: string;
  level: string;
  unitId: string | null;
  /** The sites it links in the cycle (a member links one). */
  linkedSites: { organizationId: number; name: string }[];
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
export type PlanPermissionDto = {
  ok: boolean;
  /** PAST_CYCLE: the plan belongs to a cycle that has ended (read-only history). */
  code: PlanRefusal | "PAST_CYCLE" | null;
  reason: string | null;
};

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

/** Where a unit's report stands against its deadline (see submissionTimeliness). */
export type SubmissionTimelinessDto = {
  state: SubmissionState;
  daysLeft: number;
  daysLate: number;
};

export type Appendix2UnitStatusDto = {
  unitId: string;
  unitName: string;
  status: Appendix2Status;
  /** Who acts next (the county submits, the city receives or returns); null once received. */
  nextActor: Role | null;
  timeliness: SubmissionTimelinessDto;
  /** Submitted more than once (after a return). */
  resubmitted: boolean;
  versions: {
    version: number;
    submittedAt: string;
    submittedBy: string | null;
    decision: "RECEIVED" | "RETURNED" | null;
    decidedAt: string | null;
    decidedBy: string | null;
    returnReason: string | null;
  }[];
  can: { submit: PlanPermissionDto; receive: PlanPermissionDto; return: PlanPermissionDto };
};

export type Appendix2StatusDto = { cycleId: number; deadline: string; units: Appendix2UnitStatusDto[] };

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
