-- AlterEnum
ALTER TYPE "OrgLevel" ADD VALUE 'CENTRAL';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "FundAllocationKind" ADD VALUE 'HANDOVER_OUT';
ALTER TYPE "FundAllocationKind" ADD VALUE 'HANDOVER_IN';

-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "successorId" UUID,
ADD COLUMN     "validFrom" DATE,
ADD COLUMN     "validTo" DATE;

-- CreateTable
CREATE TABLE "Reorganisation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "decisionNo" TEXT NOT NULL,
    "decisionDate" DATE NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "summary" JSONB NOT NULL,
    "appliedById" UUID,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reorganisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReorgChange" (
    "id" BIGSERIAL NOT NULL,
    "reorganisationId" UUID NOT NULL,
    "fromUnitId" UUID NOT NULL,
    "toUnitId" UUID NOT NULL,
    "created" BOOLEAN NOT NULL DEFAULT false,
    "users" TEXT NOT NULL DEFAULT 'MOVE',

    CONSTRAINT "ReorgChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordMove" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "fromOrgUnitId" UUID NOT NULL,
    "toOrgUnitId" UUID NOT NULL,
    "fromCode" TEXT,
    "reorganisationId" UUID,

    CONSTRAINT "RecordMove_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reorganisation_effectiveOn_idx" ON "Reorganisation"("effectiveOn");

-- CreateIndex
CREATE INDEX "ReorgChange_reorganisationId_idx" ON "ReorgChange"("reorganisationId");

-- CreateIndex
CREATE INDEX "ReorgChange_fromUnitId_idx" ON "ReorgChange"("fromUnitId");

-- CreateIndex
CREATE INDEX "ReorgChange_toUnitId_idx" ON "ReorgChange"("toUnitId");

-- CreateIndex
CREATE INDEX "RecordMove_recordId_date_idx" ON "RecordMove"("recordId", "date");

-- CreateIndex
CREATE INDEX "RecordMove_kind_idx" ON "RecordMove"("kind");

-- CreateIndex
CREATE INDEX "OrgUnit_successorId_idx" ON "OrgUnit"("successorId");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorgChange" ADD CONSTRAINT "ReorgChange_reorganisationId_fkey" FOREIGN KEY ("reorganisationId") REFERENCES "Reorganisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorgChange" ADD CONSTRAINT "ReorgChange_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorgChange" ADD CONSTRAINT "ReorgChange_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordMove" ADD CONSTRAINT "RecordMove_reorganisationId_fkey" FOREIGN KEY ("reorganisationId") REFERENCES "Reorganisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
