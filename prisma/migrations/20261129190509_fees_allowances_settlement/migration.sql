-- CreateEnum
CREATE TYPE "FeeKind" AS ENUM ('ENTRUSTMENT_FEE', 'GROUP_COMMISSION');

-- CreateEnum
CREATE TYPE "FeeBasis" AS ENUM ('INTEREST_COLLECTED', 'OUTSTANDING_BALANCE');

-- CreateEnum
CREATE TYPE "FundAllocationKind" AS ENUM ('ALLOCATE', 'RETURN');

-- CreateEnum
CREATE TYPE "SettlementStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED', 'CLOSED');

-- CreateTable
CREATE TABLE "FeeRate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "kind" "FeeKind" NOT NULL,
    "basis" "FeeBasis" NOT NULL,
    "ratePpm" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeShareRule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "effectiveFrom" DATE NOT NULL,
    "communeBp" INTEGER NOT NULL,
    "districtBp" INTEGER NOT NULL,
    "provinceBp" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeShareRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeStatementLine" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "month" TEXT NOT NULL,
    "groupId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "interestCollected" BIGINT NOT NULL,
    "outstandingEnd" BIGINT NOT NULL,
    "feeBasis" "FeeBasis",
    "feeRatePpm" INTEGER,
    "fee" BIGINT NOT NULL,
    "commissionBasis" "FeeBasis",
    "commissionRatePpm" INTEGER,
    "commission" BIGINT NOT NULL,
    "previousFee" BIGINT,
    "previousCommission" BIGINT,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "computedById" UUID,

    CONSTRAINT "FeeStatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AllowanceRule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "effectiveFrom" DATE NOT NULL,
    "allowanceBp" INTEGER NOT NULL,
    "groupOfficerBp" INTEGER NOT NULL,
    "fullFromMembers" INTEGER NOT NULL,
    "reducedFromMembers" INTEGER NOT NULL,
    "reducedPct" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AllowanceRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundAllocation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "kind" "FundAllocationKind" NOT NULL,
    "date" DATE NOT NULL,
    "amount" BIGINT NOT NULL,
    "decisionNo" TEXT,
    "note" TEXT,
    "idempotencyKey" TEXT,
    "postedById" UUID,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundSettlement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "status" "SettlementStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "documentRef" TEXT NOT NULL,
    "requestedById" UUID,
    "decidedAt" DATE,
    "decidedById" UUID,
    "decisionNote" TEXT,
    "closedAt" DATE,
    "closedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundSettlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanMove" (
    "id" BIGSERIAL NOT NULL,
    "loanId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "fromGroupId" UUID NOT NULL,
    "toGroupId" UUID NOT NULL,
    "fromOrgUnitId" UUID NOT NULL,
    "toOrgUnitId" UUID NOT NULL,
    "principal" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoanMove_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeeRate_programmeId_kind_effectiveFrom_key" ON "FeeRate"("programmeId", "kind", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "FeeShareRule_effectiveFrom_key" ON "FeeShareRule"("effectiveFrom");

-- CreateIndex
CREATE INDEX "FeeStatementLine_orgUnitId_month_idx" ON "FeeStatementLine"("orgUnitId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "FeeStatementLine_month_groupId_programmeId_key" ON "FeeStatementLine"("month", "groupId", "programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "AllowanceRule_effectiveFrom_key" ON "AllowanceRule"("effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "FundAllocation_idempotencyKey_key" ON "FundAllocation"("idempotencyKey");

-- CreateIndex
CREATE INDEX "FundAllocation_orgUnitId_date_idx" ON "FundAllocation"("orgUnitId", "date");

-- CreateIndex
CREATE INDEX "FundSettlement_orgUnitId_status_idx" ON "FundSettlement"("orgUnitId", "status");

-- CreateIndex
CREATE INDEX "LoanMove_loanId_date_idx" ON "LoanMove"("loanId", "date");

-- AddForeignKey
ALTER TABLE "FeeRate" ADD CONSTRAINT "FeeRate_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatementLine" ADD CONSTRAINT "FeeStatementLine_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatementLine" ADD CONSTRAINT "FeeStatementLine_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeStatementLine" ADD CONSTRAINT "FeeStatementLine_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundAllocation" ADD CONSTRAINT "FundAllocation_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundSettlement" ADD CONSTRAINT "FundSettlement_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanMove" ADD CONSTRAINT "LoanMove_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
