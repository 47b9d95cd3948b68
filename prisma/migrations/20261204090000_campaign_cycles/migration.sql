-- Campaign cycles (年度): a period, targets and per-unit quotas per cycle; service centers per cycle;
-- 附件2 submissions; the committee roster's active flag; 单建/联建 and 实体运作; 摘牌 of typical
-- practices; the city's decision on an upgrade over a full quota; one open re-review per organisation.

-- Organisations: 组建方式 and 实体运作 (every organisation on record so far was a 争创对象).
ALTER TABLE "Organization" ADD COLUMN "entityOperated" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "setupKind" TEXT NOT NULL DEFAULT 'SINGLE';

-- Cycles: a period (the calendar year, China time, for the cycles on record), targets, opening.
ALTER TABLE "EvaluationCycle" ADD COLUMN "closedAt" TIMESTAMP(3),
ADD COLUMN "endsOn" TIMESTAMP(3),
ADD COLUMN "excellentTarget" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN "failTarget" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN "goodTarget" INTEGER NOT NULL DEFAULT 400,
ADD COLUMN "openedAt" TIMESTAMP(3),
ADD COLUMN "openedById" INTEGER,
ADD COLUMN "passTarget" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN "practiceTarget" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN "startsOn" TIMESTAMP(3);
UPDATE "EvaluationCycle" SET
  "startsOn" = make_timestamp("year", 1, 1, 0, 0, 0) - interval '8 hours',
  "endsOn" = make_timestamp("year", 12, 31, 0, 0, 0) - interval '8 hours';
ALTER TABLE "EvaluationCycle" ALTER COLUMN "startsOn" SET NOT NULL, ALTER COLUMN "endsOn" SET NOT NULL;

-- Each unit's quotas per cycle, Appendix 3's (the Unit columns) for the cycles on record.
CREATE TABLE "CycleUnitQuota" (
    "cycleId" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "excellentQuota" INTEGER NOT NULL,
    "practiceQuota" INTEGER NOT NULL,
    "reason" TEXT,

    CONSTRAINT "CycleUnitQuota_pkey" PRIMARY KEY ("cycleId","unitId")
);
INSERT INTO "CycleUnitQuota" ("cycleId", "unitId", "excellentQuota", "practiceQuota")
  SELECT c."id", u."id", u."excellentQuota", u."practiceQuota" FROM "EvaluationCycle" c CROSS JOIN "Unit" u;

-- 市西区 needs a service center too ("并统筹配备1个区域性党群服务中心").
UPDATE "Unit" SET "needsServiceCenter" = true WHERE "id" = 'WEST_ZONE';

-- Service centers belong to a cycle; those on record to the current one.
DROP INDEX "ServiceCenter_unitId_key";
ALTER TABLE "ServiceCenter" ADD COLUMN "cycleId" INTEGER;
UPDATE "ServiceCenter" SET "cycleId" =
  (SELECT "id" FROM "EvaluationCycle" ORDER BY "isCurrent" DESC, "year" DESC LIMIT 1);
ALTER TABLE "ServiceCenter" ALTER COLUMN "cycleId" SET NOT NULL;
CREATE UNIQUE INDEX "ServiceCenter_unitId_cycleId_key" ON "ServiceCenter"("unitId", "cycleId");

-- The committee roster.
ALTER TABLE "CommitteeMember" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- 摘牌 releases a typical practice.
ALTER TABLE "TypicalPractice" ADD COLUMN "releaseReason" TEXT,
ADD COLUMN "releasedAt" TIMESTAMP(3);

-- Re-reviews: the city's decision on an escalated upgrade, and what a 摘牌 took away.
ALTER TABLE "ReReview" ADD COLUMN "cityDecidedAt" TIMESTAMP(3),
ADD COLUMN "cityDecidedById" INTEGER,
ADD COLUMN "cityDecisionReason" TEXT,
ADD COLUMN "delisting" JSONB,
ADD COLUMN "overQuota" BOOLEAN NOT NULL DEFAULT false;

-- Only approved adjustments are filed: a re-review without a suggestion was done when recorded.
UPDATE "ReReview" SET "status" = 'REVIEWED', "countyDecidedAt" = NULL, "cityFiledAt" = NULL, "filedById" = NULL
  WHERE "status" = 'FILED' AND "suggestion" = 'NONE';
-- The next re-review is now scheduled when a suggestion is decided, not when it is recorded: drop
-- the placeholders recorded suggestions left behind, then any second pending one.
DELETE FROM "ReReview" p WHERE p."status" = 'PENDING' AND EXISTS (
  SELECT 1 FROM "ReReview" r WHERE r."organizationId" = p."organizationId"
    AND r."status" = 'REVIEWED' AND r."suggestion" <> 'NONE');
DELETE FROM "ReReview" p WHERE p."status" = 'PENDING' AND EXISTS (
  SELECT 1 FROM "ReReview" r WHERE r."organizationId" = p."organizationId"
    AND r."status" = 'PENDING' AND r."id" < p."id");
-- Exactly one open re-review per organisation: to be reviewed (PENDING), decided by the county
-- (REVIEWED with a suggestion) or by the city (ESCALATED).
CREATE UNIQUE INDEX "ReReview_one_open_per_organization" ON "ReReview"("organizationId")
  WHERE "status" IN ('PENDING', 'ESCALATED') OR ("status" = 'REVIEWED' AND "suggestion" <> 'NONE');

-- 附件2 报送.
CREATE TABLE "Appendix2Submission" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" INTEGER,
    "decision" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "returnReason" TEXT,

    CONSTRAINT "Appendix2Submission_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Appendix2Submission_cycleId_unitId_version_key" ON "Appendix2Submission"("cycleId", "unitId", "version");

-- Exactly one current cycle (a second "current" would make every write ambiguous).
CREATE UNIQUE INDEX "EvaluationCycle_one_current" ON "EvaluationCycle"("isCurrent") WHERE "isCurrent";

ALTER TABLE "CycleUnitQuota" ADD CONSTRAINT "CycleUnitQuota_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CycleUnitQuota" ADD CONSTRAINT "CycleUnitQuota_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Appendix2Submission" ADD CONSTRAINT "Appendix2Submission_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Appendix2Submission" ADD CONSTRAINT "Appendix2Submission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ServiceCenter" ADD CONSTRAINT "ServiceCenter_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "EvaluationCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
