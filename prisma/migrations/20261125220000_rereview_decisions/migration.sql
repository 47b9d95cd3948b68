-- AlterTable
ALTER TABLE "ReReview" ADD COLUMN     "decidedById" INTEGER,
ADD COLUMN     "decisionReason" TEXT,
ADD COLUMN     "filedById" INTEGER;

