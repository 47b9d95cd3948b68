export { type Database, type OpenOptions, openDatabase } from "./client.ts";
export { createDemoImageFile, type DemoImageFile, openDemoImage } from "./demo-image.ts";
export { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
export { type DatabaseLocation, describeLocation, redact, resolveDatabaseLocation } from "./location.ts";
export { applyMigrations, type MigrationReport, readMigrations } from "./migrate.ts";
export {
  hashPassword,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  TIMING_DECOY_HASH,
  USERNAME_PATTERN,
  usernameProblem,
  verifyPassword,
} from "./passwords.ts";
export { readAppendix2Units } from "./repositories/appendix2.ts";
export { listBeltsWithStops, listServiceCenters } from "./repositories/belts.ts";
export {
  type CarryOverCounts,
  type CycleQuota,
  cycleQuotaOf,
  cycleQuotas,
  findCurrentCycle,
  listCycles,
  type NewCycle,
  openCycleWithCarryOver,
} from "./repositories/cycles.ts";
export { databaseDataVersion } from "./repositories/data-version.ts";
export {
  listMapPoints,
  type MapPointRow,
  mapPointsVersion,
  searchMapPoints,
} from "./repositories/map-points.ts";
export {
  findOrganizationDetail,
  listOrganizationsWithGrades,
  type OrganizationFilter,
} from "./repositories/organizations.ts";
export { countPracticesByUnit } from "./repositories/practices.ts";
export {
  countOfficialExcellent,
  countStandings,
  listComplianceSites,
  listOfficialExcellent,
  type StandingGroup,
} from "./repositories/standings.ts";
export {
  computeStoredGrades,
  countDifferences,
  type GradeInputs,
  officialOf,
  type RebuildReport,
  readStoredGrades,
  rebuildStoredGrades,
  type StoredGradeRow,
  storedGradeOf,
  storeGrades,
  toStageScore,
} from "./repositories/stored-grades.ts";
export { listUnits } from "./repositories/units.ts";
export { findUserByUsername } from "./repositories/users.ts";
export { SEED_HASH_KEY, type SeedResult, seedDemoIfEmpty, seedReferenceDataIfEmpty } from "./seed/index.ts";
