import type { Prisma } from "../generated/prisma/client.ts";
import { hashPassword } from "../passwords.ts";
import { readAppendix2Units } from "../repositories/appendix2.ts";
import { listBeltsWithStops } from "../repositories/belts.ts";
import { openCycleWithCarryOver } from "../repositories/cycles.ts";
import { storeGrades } from "../repositories/stored-grades.ts";
import { CURRENT_CYCLE_ID } from "./current-cycle.ts";
import type { DemoData, ReferenceData } from "./generate.ts";
import { DEMO_PASSWORD } from "./workflow.ts";

type Tx = Prisma.TransactionClient;

// Tables whose ids the seed sets itself; their sequences must continue after the seeded ids.
const SEQUENCED_TABLES = [
  "Organization",
  "ScoreSheet",
  "GradeRecord",
  "Belt",
  "BeltStop",
  "ServiceCenter",
  "CommitteeMember",
  "CommitteeContact",
  "TypicalPractice",
  "ReReview",
  "BeltPlan",
  "BeltPlanVersion",
] as const;

/** The demo's city account: it opened the current cycle and decided the plans and reports. */
const DEMO_CITY_USER_ID = 1;

/**
 * Inserts the rows in one statement with one JSON parameter. Prisma's createMany encodes and checks
 * every row in JavaScript: 2.6 s for the demo's 3,700 score sheets of 2017 on PGlite, 0.6 s this way,
 * on every first start and in every test that seeds. Dates travel as ISO strings, which timestamp
 * columns read as the UTC that Prisma stores; columns a row leaves out take their defaults, and
 * `updatedAt`, which Prisma fills itself, the transaction's time.
 */
async function insertRows(
  tx: Tx,
  table: "Organization" | "ScoreSheet",
  rows: readonly object[],
  options: { updatedAt?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((c) => `"${c}"`);
  const [into, from] = options.updatedAt
    ? [
        [...columns, `"updatedAt"`],
        [...columns, "now()"],
      ]
    : [columns, columns];
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${into.join(", ")})
     SELECT ${from.join(", ")} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    JSON.stringify(rows),
  );
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** Writes the reference data inside the caller's transaction. */
export async function loadReferenceData(tx: Tx, data: ReferenceData): Promise<void> {
  await tx.unit.createMany({ data: data.units });
  await tx.township.createMany({ data: data.townships });
  await tx.evaluationCycle.create({ data: data.cycle });
  await tx.cycleUnitQuota.createMany({ data: data.cycleQuotas });
  await continueSequence(tx, "EvaluationCycle");
}

/**
 * Writes the demo organisations and all that hangs on them inside the caller's transaction: the 2017
 * cycle, then the current one, opened as the city opens a cycle (openCycleWithCarryOver), and its
 * year so far.
 */
export async function loadDemoData(tx: Tx, data: DemoData): Promise<void> {
  await load2017(tx, data);
  for (const table of SEQUENCED_TABLES) await continueSequence(tx, table);
  await loadCurrentCycle(tx, data);
  for (const table of SEQUENCED_TABLES) await continueSequence(tx, table);
}

async function load2017(tx: Tx, data: DemoData): Promise<void> {
  await load2017Tables(tx, data);
  await submitReports(tx, data, data.cycle.id, data.current.reports2017);
}

async function load2017Tables(tx: Tx, data: DemoData): Promise<void> {
  await insertRows(tx, "Organization", data.organizations);
  await insertRows(tx, "ScoreSheet", data.sheets, { updatedAt: true });
  await tx.gradeRecord.createMany({ data: data.grades });
  await storeGrades(tx, data.cycle.id);
  await tx.belt.createMany({ data: data.belts.map(({ stopIds: _stops, ...belt }) => belt) });
  let stopId = 0;
  await tx.beltStop.createMany({
    data: data.belts.flatMap((belt) =>
      belt.stopIds.map((organizationId, position) => ({
        id: ++stopId,
        beltId: belt.id,
        position,
        organizationId,
      })),
    ),
  });
  await tx.serviceCenter.createMany({ data: data.serviceCenters });
  await tx.committeeMember.createMany({ data: data.committeeMembers });
  await tx.committeeContact.createMany({ data: data.contacts });
  await tx.typicalPractice.createMany({ data: data.practices });
  await tx.beltPlan.createMany({ data: data.beltPlans });
  await tx.beltPlanVersion.createMany({
    data: data.beltPlanVersions.map((v) => ({ ...v, snapshot: asJson(v.snapshot) })),
  });
}

async function loadCurrentCycle(tx: Tx, data: DemoData): Promise<void> {
  const story = data.current;
  const opened = await openCycleWithCarryOver(
    tx,
    { ...story.cycle, targets: story.targets, quotas: story.quotas },
    { at: story.openedAt, byUserId: DEMO_CITY_USER_ID },
  );
  if (opened.id !== CURRENT_CYCLE_ID) throw new Error(`the demo's current cycle got id ${opened.id}`);
  const cycleId = opened.id;
  await insertRows(tx, "ScoreSheet", story.sheets, { updatedAt: true });
  await tx.gradeRecord.createMany({ data: story.grades });
  await storeGrades(tx, cycleId);
  // 摘牌, as the API does it (services/site-status.ts applyDelisting), without the audit trail.
  for (const delisting of story.delistings) {
    await tx.organization.update({
      where: { id: delisting.organizationId },
      data: { countyDualManaged: false, cityDualManaged: false },
    });
    await tx.typicalPractice.updateMany({
      where: { organizationId: delisting.organizationId, cycleId, releasedAt: null },
      data: { releasedAt: delisting.at, releaseReason: delisting.cause },
    });
    await tx.committeeContact.deleteMany({ where: { organizationId: delisting.organizationId, cycleId } });
  }
  await tx.committeeMember.createMany({ data: story.members });
  await tx.committeeContact.createMany({ data: story.contacts.map((c) => ({ ...c, cycleId })) });
  await tx.reReview.createMany({
    data: data.reReviews.map((r) => ({ ...r, delisting: r.delisting ? asJson(r.delisting) : undefined })),
  });
  // Hashed here, not in the generator: a salted hash differs every run, the rest of the data not.
  const users = await Promise.all(
    data.users.map(async ({ id: _id, ...user }) => ({
      ...user,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })),
  );
  await tx.user.createMany({ data: users });
  await submitPlans(tx, data, cycleId);
  await submitReports(tx, data, cycleId, data.current.reports);
}

/** Each plan of the story submitted as version 1: its belts and center as they stand in the cycle. */
async function submitPlans(tx: Tx, data: DemoData, cycleId: number): Promise<void> {
  for (const step of data.current.plans) {
    const [belts, center, plan] = await Promise.all([
      listBeltsWithStops(tx, { cycleId, unitId: step.unitId }),
      tx.serviceCenter.findUnique({ where: { unitId_cycleId: { unitId: step.unitId, cycleId } } }),
      tx.beltPlan.findUniqueOrThrow({ where: { unitId_cycleId: { unitId: step.unitId, cycleId } } }),
    ]);
    const snapshot = {
      belts: belts.map((b) => ({
        id: b.id,
        name: b.name,
        theme: b.theme,
        kind: b.kind,
        roundTrip: b.roundTrip,
        stops: b.stops.map((s) => ({
          organizationId: s.organization.id,
          name: s.organization.name,
          lng: s.organization.lng,
          lat: s.organization.lat,
        })),
      })),
      serviceCenter: center && {
        name: center.name,
        lng: center.lng,
        lat: center.lat,
        address: center.address,
        organizationId: center.organizationId,
      },
    };
    const county = data.users.find((u) => u.role === "COUNTY" && u.unitId === step.unitId);
    await tx.beltPlanVersion.create({
      data: {
        planId: plan.id,
        version: 1,
        snapshot: asJson(snapshot),
        submittedAt: step.submittedAt,
        submittedById: county?.id ?? null,
        decision: step.decision,
        decidedAt: step.decidedAt,
        decidedById: step.decision ? DEMO_CITY_USER_ID : null,
        returnReason: step.returnReason,
      },
    });
    await tx.beltPlan.update({
      where: { id: plan.id },
      data: {
        status: step.decision ?? "SUBMITTED",
        version: 1,
        submittedAt: step.submittedAt,
        returnReason: step.returnReason,
      },
    });
  }
}

/** Each 附件2 of the story, frozen as the API freezes a submission (its table as it stands). */
async function submitReports(
  tx: Tx,
  data: DemoData,
  cycleId: number,
  steps: DemoData["current"]["reports"],
): Promise<void> {
  const cycle = await tx.evaluationCycle.findUniqueOrThrow({ where: { id: cycleId } });
  for (const step of steps) {
    const unit = data.units.find((u) => u.id === step.unitId);
    const snapshot = {
      reportingUnit: unit?.name ?? step.unitId,
      reportDate: step.submittedAt,
      cycleName: cycle.name,
      units: await readAppendix2Units(tx, cycleId, [step.unitId]),
    };
    const county = data.users.find((u) => u.role === "COUNTY" && u.unitId === step.unitId);
    await tx.appendix2Submission.create({
      data: {
        cycleId,
        unitId: step.unitId,
        version: 1,
        snapshot: asJson(snapshot),
        submittedAt: step.submittedAt,
        submittedById: county?.id ?? null,
        decision: step.decision,
        decidedAt: step.decidedAt,
        decidedById: step.decision ? DEMO_CITY_USER_ID : null,
        returnReason: step.returnReason,
      },
    });
  }
}

async function continueSequence(tx: Tx, table: string): Promise<void> {
  await tx.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
  );
}
