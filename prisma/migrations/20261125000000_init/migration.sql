-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "countyCode" TEXT,
    "excellentQuota" INTEGER NOT NULL,
    "practiceQuota" INTEGER NOT NULL,
    "minBelts" INTEGER NOT NULL,
    "needsServiceCenter" BOOLEAN NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Township" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    CONSTRAINT "Township_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "address" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "countyDualManaged" BOOLEAN NOT NULL DEFAULT false,
    "cityDualManaged" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationCycle" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "beltPlanDeadline" TIMESTAMP(3) NOT NULL,
    "initialSummaryDeadline" TIMESTAMP(3) NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EvaluationCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "total" DOUBLE PRECISION NOT NULL,
    "opinion" TEXT,
    "status" TEXT NOT NULL,
    "returnReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMP(3),
    "submittedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradeRecord" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "total" DOUBLE PRECISION,
    "source" TEXT NOT NULL,
    "official" BOOLEAN NOT NULL,
    "quotaOverrideReason" TEXT,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "recordedById" INTEGER,

    CONSTRAINT "GradeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BeltPlan" (
    "id" SERIAL NOT NULL,
    "unitId" TEXT NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "returnReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "BeltPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BeltPlanVersion" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" INTEGER,

    CONSTRAINT "BeltPlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Belt" (
    "id" SERIAL NOT NULL,
    "unitId" TEXT NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "theme" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "roundTrip" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Belt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BeltStop" (
    "id" SERIAL NOT NULL,
    "beltId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,

    CONSTRAINT "BeltStop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceCenter" (
    "id" SERIAL NOT NULL,
    "unitId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "organizationId" INTEGER,

    CONSTRAINT "ServiceCenter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeMember" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "unitId" TEXT,
    "title" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CommitteeMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeContact" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,

    CONSTRAINT "CommitteeContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TypicalPractice" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "selectedAt" TIMESTAMP(3) NOT NULL,
    "selectedById" INTEGER,

    CONSTRAINT "TypicalPractice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReReview" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "reviewedAt" TIMESTAMP(3),
    "gradeBefore" TEXT NOT NULL,
    "suggestion" TEXT NOT NULL DEFAULT 'NONE',
    "suggestedGrade" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "countyDecidedAt" TIMESTAMP(3),
    "cityFiledAt" TIMESTAMP(3),
    "reviewedById" INTEGER,

    CONSTRAINT "ReReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" TEXT,
    "townshipId" TEXT,
    "organizationId" INTEGER,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT NOT NULL DEFAULT '',
    "userAgent" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "scopeUnitId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "createdById" INTEGER,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "role" TEXT,
    "region" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppMeta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "AppMeta_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Township_unitId_idx" ON "Township"("unitId");

-- CreateIndex
CREATE INDEX "Organization_unitId_idx" ON "Organization"("unitId");

-- CreateIndex
CREATE INDEX "Organization_townshipId_idx" ON "Organization"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationCycle_year_key" ON "EvaluationCycle"("year");

-- CreateIndex
CREATE INDEX "ScoreSheet_cycleId_stage_status_idx" ON "ScoreSheet"("cycleId", "stage", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_organizationId_cycleId_stage_key" ON "ScoreSheet"("organizationId", "cycleId", "stage");

-- CreateIndex
CREATE INDEX "GradeRecord_organizationId_effectiveAt_idx" ON "GradeRecord"("organizationId", "effectiveAt");

-- CreateIndex
CREATE INDEX "GradeRecord_cycleId_idx" ON "GradeRecord"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "BeltPlan_unitId_cycleId_key" ON "BeltPlan"("unitId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "BeltPlanVersion_planId_version_key" ON "BeltPlanVersion"("planId", "version");

-- CreateIndex
CREATE INDEX "Belt_unitId_cycleId_idx" ON "Belt"("unitId", "cycleId");

-- CreateIndex
CREATE INDEX "BeltStop_organizationId_idx" ON "BeltStop"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "BeltStop_beltId_position_key" ON "BeltStop"("beltId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "BeltStop_beltId_organizationId_key" ON "BeltStop"("beltId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceCenter_unitId_key" ON "ServiceCenter"("unitId");

-- CreateIndex
CREATE INDEX "CommitteeContact_organizationId_idx" ON "CommitteeContact"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeContact_memberId_organizationId_cycleId_key" ON "CommitteeContact"("memberId", "organizationId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "TypicalPractice_organizationId_cycleId_key" ON "TypicalPractice"("organizationId", "cycleId");

-- CreateIndex
CREATE INDEX "ReReview_organizationId_dueOn_idx" ON "ReReview"("organizationId", "dueOn");

-- CreateIndex
CREATE INDEX "ReReview_status_dueOn_idx" ON "ReReview"("status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Township" ADD CONSTRAINT "Township_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeRecord" ADD CONSTRAINT "GradeRecord_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeRecord" ADD CONSTRAINT "GradeRecord_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BeltPlan" ADD CONSTRAINT "BeltPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BeltPlan" ADD CONSTRAINT "BeltPlan_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BeltPlanVersion" ADD CONSTRAINT "BeltPlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "BeltPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Belt" ADD CONSTRAINT "Belt_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Belt" ADD CONSTRAINT "Belt_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BeltStop" ADD CONSTRAINT "BeltStop_beltId_fkey" FOREIGN KEY ("beltId") REFERENCES "Belt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BeltStop" ADD CONSTRAINT "BeltStop_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCenter" ADD CONSTRAINT "ServiceCenter_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCenter" ADD CONSTRAINT "ServiceCenter_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeMember" ADD CONSTRAINT "CommitteeMember_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeContact" ADD CONSTRAINT "CommitteeContact_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "CommitteeMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeContact" ADD CONSTRAINT "CommitteeContact_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeContact" ADD CONSTRAINT "CommitteeContact_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TypicalPractice" ADD CONSTRAINT "TypicalPractice_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TypicalPractice" ADD CONSTRAINT "TypicalPractice_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReReview" ADD CONSTRAINT "ReReview_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log is append-only: refuse UPDATE and DELETE at the database itself.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
