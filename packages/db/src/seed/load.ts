import type { Prisma } from "../generated/prisma/client.ts";
import { hashPassword } from "../passwords.ts";
import type { DemoData, ReferenceData } from "./generate.ts";
import { DEMO_PASSWORD } from "./workflow.ts";

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

/** Writes the reference data inside the caller's transaction. */
export async function loadReferenceData(tx: Prisma.TransactionClient, data: ReferenceData): Promise<void> {
  await tx.unit.createMany({ data: data.units });
  await tx.township.createMany({ data: data.townships });
  await tx.evaluationCycle.create({ data: data.cycle });
  await continueSequence(tx, "EvaluationCycle");
}

/** Writes the demo organisations and all that hangs on them inside the caller's transaction. */
export async function loadDemoData(tx: Prisma.TransactionClient, data: DemoData): Promise<void> {
  await tx.organization.createMany({ data: data.organizations });
  await tx.scoreSheet.createMany({ data: data.sheets });
  await tx.gradeRecord.createMany({ data: data.grades });
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
  await tx.reReview.createMany({ data: data.reReviews });
  await tx.beltPlan.createMany({ data: data.beltPlans });
  await tx.beltPlanVersion.createMany({ data: data.beltPlanVersions });
  // Hashed here, not in the generator: a salted hash differs every run, the rest of the data not.
  const users = await Promise.all(
    data.users.map(async ({ id: _id, ...user }) => ({
      ...user,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })),
  );
  await tx.user.createMany({ data: users });
  for (const table of SEQUENCED_TABLES) await continueSequence(tx, table);
}

async function continueSequence(tx: Prisma.TransactionClient, table: string): Promise<void> {
  await tx.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
  );
}
