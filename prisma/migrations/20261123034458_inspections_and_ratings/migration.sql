-- CreateEnum
CREATE TYPE "InspectionKind" AS ENUM ('PERIODIC', 'SURPRISE');

-- CreateEnum
CREATE TYPE "InspectionLevel" AS ENUM ('COMMUNE', 'GROUP', 'HOUSEHOLD');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "GroupGrade" AS ENUM ('GOOD', 'FAIR', 'AVERAGE', 'WEAK');

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "recallFlaggedAt" TIMESTAMPTZ(3),
ADD COLUMN     "recallReason" TEXT;

-- CreateTable
CREATE TABLE "InspectionPlan" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "InspectionKind" NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "team" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionTarget" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "planId" UUID NOT NULL,
    "level" "InspectionLevel" NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "groupId" UUID,
    "memberId" UUID,

    CONSTRAINT "InspectionTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "planId" UUID,
    "level" "InspectionLevel" NOT NULL,
    "kind" "InspectionKind" NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "groupId" UUID,
    "memberId" UUID,
    "loanId" UUID,
    "date" DATE NOT NULL,
    "inspectors" TEXT NOT NULL,
    "summary" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionFinding" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "inspectionId" UUID NOT NULL,
    "item" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "findingId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "closeNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionAttachment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "inspectionId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupRating" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "groupId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "grade" "GroupGrade" NOT NULL,
    "scores" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "notes" TEXT,
    "ratedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupRating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InspectionPlan_orgUnitId_idx" ON "InspectionPlan"("orgUnitId");

-- CreateIndex
CREATE INDEX "InspectionTarget_planId_idx" ON "InspectionTarget"("planId");

-- CreateIndex
CREATE INDEX "Inspection_orgUnitId_date_idx" ON "Inspection"("orgUnitId", "date");

-- CreateIndex
CREATE INDEX "Inspection_planId_idx" ON "Inspection"("planId");

-- CreateIndex
CREATE INDEX "InspectionFinding_inspectionId_idx" ON "InspectionFinding"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_findingId_key" ON "FollowUp"("findingId");

-- CreateIndex
CREATE INDEX "FollowUp_orgUnitId_status_idx" ON "FollowUp"("orgUnitId", "status");

-- CreateIndex
CREATE INDEX "InspectionAttachment_inspectionId_idx" ON "InspectionAttachment"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupRating_groupId_year_key" ON "GroupRating"("groupId", "year");

-- AddForeignKey
ALTER TABLE "InspectionPlan" ADD CONSTRAINT "InspectionPlan_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionTarget" ADD CONSTRAINT "InspectionTarget_planId_fkey" FOREIGN KEY ("planId") REFERENCES "InspectionPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionTarget" ADD CONSTRAINT "InspectionTarget_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_planId_fkey" FOREIGN KEY ("planId") REFERENCES "InspectionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFinding" ADD CONSTRAINT "InspectionFinding_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "InspectionFinding"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionAttachment" ADD CONSTRAINT "InspectionAttachment_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupRating" ADD CONSTRAINT "GroupRating_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
