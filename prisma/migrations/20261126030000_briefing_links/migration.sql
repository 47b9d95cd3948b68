-- CreateTable
CREATE TABLE "BriefingLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastOpenedAt" TIMESTAMP(3),

    CONSTRAINT "BriefingLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BriefingLink_tokenHash_key" ON "BriefingLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "BriefingLink_userId_key" ON "BriefingLink"("userId");

-- AddForeignKey
ALTER TABLE "BriefingLink" ADD CONSTRAINT "BriefingLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

