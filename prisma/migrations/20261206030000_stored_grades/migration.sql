-- Stored grades (OrganizationGrade). The rows are computed by the domain, not by SQL: when this
-- migration is applied, openDatabase fills the table from the sheets and grade records of every
-- cycle (packages/db/src/repositories/stored-grades.ts, rebuildStoredGrades) before serving.
-- CreateTable
CREATE TABLE "OrganizationGrade" (
    "cycleId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "total" DOUBLE PRECISION,
    "stage" TEXT NOT NULL,
    "official" BOOLEAN NOT NULL,
    "sheetGrade" TEXT,
    "sheetStage" TEXT,
    "pendingStage" TEXT,

    CONSTRAINT "OrganizationGrade_pkey" PRIMARY KEY ("cycleId","organizationId")
);

-- CreateIndex
CREATE INDEX "OrganizationGrade_organizationId_idx" ON "OrganizationGrade"("organizationId");

-- CreateIndex
CREATE INDEX "OrganizationGrade_cycleId_tier_idx" ON "OrganizationGrade"("cycleId", "tier");

-- AddForeignKey
ALTER TABLE "OrganizationGrade" ADD CONSTRAINT "OrganizationGrade_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationGrade" ADD CONSTRAINT "OrganizationGrade_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

