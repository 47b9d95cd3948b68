-- CreateTable
CREATE TABLE "ThrottleAttempt" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThrottleAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThrottleAttempt_key_at_idx" ON "ThrottleAttempt"("key", "at");

-- CreateIndex
CREATE INDEX "ThrottleAttempt_at_idx" ON "ThrottleAttempt"("at");

