-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "code" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Organization_code_key" ON "Organization"("code");

