-- CreateTable
-- No row yet: a database nobody has written to holds no data (a restore may go into it); the first
-- write makes the row (databaseDataVersion in packages/db), and a missing row reads as version 0.
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);
