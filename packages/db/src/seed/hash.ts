import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client.ts";

/** JSON with sorted keys and ISO dates, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}

/**
 * A SHA-256 over every seeded table as read back from the database, ordered by id: two
 * databases with the same hash hold the same demo data. Timestamps the database sets itself
 * (createdAt, updatedAt) are left out.
 */
export async function databaseContentHash(prisma: Prisma.TransactionClient): Promise<string> {
  const byId = { orderBy: { id: "asc" as const } };
  const omitStamps = <T extends Record<string, unknown>>(rows: T[]) =>
    rows.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
  const tables = {
    units: await prisma.unit.findMany(byId),
    townships: await prisma.township.findMany(byId),
    cycles: await prisma.evaluationCycle.findMany(byId),
    cycleQuotas: await prisma.cycleUnitQuota.findMany({ orderBy: [{ cycleId: "asc" }, { unitId: "asc" }] }),
    organizations: omitStamps(await prisma.organization.findMany(byId)),
    sheets: omitStamps(await prisma.scoreSheet.findMany(byId)),
    grades: await prisma.gradeRecord.findMany(byId),
    belts: omitStamps(await prisma.belt.findMany(byId)),
    stops: await prisma.beltStop.findMany(byId),
    serviceCenters: await prisma.serviceCenter.findMany(byId),
    committeeMembers: await prisma.committeeMember.findMany(byId),
    contacts: await prisma.committeeContact.findMany(byId),
    practices: await prisma.typicalPractice.findMany(byId),
    reReviews: await prisma.reReview.findMany(byId),
    beltPlans: await prisma.beltPlan.findMany(byId),
    beltPlanVersions: await prisma.beltPlanVersion.findMany(byId),
    appendix2Submissions: await prisma.appendix2Submission.findMany(byId),
    // A salted password hash differs on every load; who has an account and where does not.
    users: omitStamps(await prisma.user.findMany({ ...byId, omit: { passwordHash: true } })),
  };
  return createHash("sha256").update(canonicalJson(tables)).digest("hex");
}
