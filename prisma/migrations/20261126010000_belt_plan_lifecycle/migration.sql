-- AlterTable
ALTER TABLE "BeltPlan" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "version" SET DEFAULT 0;

-- AlterTable
ALTER TABLE "BeltPlanVersion" ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" INTEGER,
ADD COLUMN     "decision" TEXT,
ADD COLUMN     "returnReason" TEXT;

