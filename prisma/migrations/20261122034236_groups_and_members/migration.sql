-- CreateEnum
CREATE TYPE "ProgrammeKind" AS ENUM ('VBSP', 'REVOLVING', 'BOTH');

-- CreateEnum
CREATE TYPE "GroupStatus" AS ENUM ('ACTIVE', 'MERGED', 'DISSOLVED');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE');

-- CreateEnum
CREATE TYPE "HouseholdCategory" AS ENUM ('POOR', 'NEAR_POOR', 'ESCAPED_POVERTY', 'ORDINARY', 'POLICY');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('ACTIVE', 'LEFT');

-- CreateEnum
CREATE TYPE "MembershipReason" AS ENUM ('JOIN', 'TRANSFER', 'MERGE', 'LEAVE');

-- CreateTable
CREATE TABLE "Group" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "chapterId" UUID,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "programmeKind" "ProgrammeKind" NOT NULL,
    "leaderId" UUID,
    "deputyId" UUID,
    "meetingDay" INTEGER,
    "foundingDecisionNo" TEXT,
    "foundingDecisionDate" DATE,
    "status" "GroupStatus" NOT NULL DEFAULT 'ACTIVE',
    "mergedIntoId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupStatusChange" (
    "id" BIGSERIAL NOT NULL,
    "groupId" UUID NOT NULL,
    "status" "GroupStatus" NOT NULL,
    "at" DATE NOT NULL,
    "reason" TEXT,
    "actorId" UUID,

    CONSTRAINT "GroupStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "groupId" UUID,
    "chapterId" UUID,
    "code" TEXT,
    "fullName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "gender" "Gender" NOT NULL,
    "birthYear" INTEGER,
    "nationalId" TEXT NOT NULL,
    "activeNationalId" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "householdCategory" "HouseholdCategory" NOT NULL,
    "isUnionMember" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" DATE,
    "leftAt" DATE,
    "status" "MemberStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberGroupHistory" (
    "id" BIGSERIAL NOT NULL,
    "memberId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "reason" "MembershipReason" NOT NULL,

    CONSTRAINT "MemberGroupHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Group_chapterId_idx" ON "Group"("chapterId");

-- CreateIndex
CREATE INDEX "Group_orgUnitId_status_idx" ON "Group"("orgUnitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Group_orgUnitId_code_key" ON "Group"("orgUnitId", "code");

-- CreateIndex
CREATE INDEX "GroupStatusChange_groupId_idx" ON "GroupStatusChange"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_activeNationalId_key" ON "Member"("activeNationalId");

-- CreateIndex
CREATE INDEX "Member_groupId_status_idx" ON "Member"("groupId", "status");

-- CreateIndex
CREATE INDEX "Member_orgUnitId_searchName_idx" ON "Member"("orgUnitId", "searchName");

-- CreateIndex
CREATE INDEX "Member_nationalId_idx" ON "Member"("nationalId");

-- CreateIndex
CREATE INDEX "Member_phone_idx" ON "Member"("phone");

-- CreateIndex
CREATE INDEX "Member_chapterId_idx" ON "Member"("chapterId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_orgUnitId_code_key" ON "Member"("orgUnitId", "code");

-- CreateIndex
CREATE INDEX "MemberGroupHistory_memberId_idx" ON "MemberGroupHistory"("memberId");

-- CreateIndex
CREATE INDEX "MemberGroupHistory_groupId_idx" ON "MemberGroupHistory"("groupId");

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupStatusChange" ADD CONSTRAINT "GroupStatusChange_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberGroupHistory" ADD CONSTRAINT "MemberGroupHistory_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberGroupHistory" ADD CONSTRAINT "MemberGroupHistory_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
