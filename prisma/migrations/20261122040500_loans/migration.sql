-- CreateEnum
CREATE TYPE "FundSource" AS ENUM ('VBSP', 'REVOLVING', 'CHAPTER');

-- CreateEnum
CREATE TYPE "InterestMethod" AS ENUM ('DECLINING', 'FLAT');

-- CreateEnum
CREATE TYPE "PrincipalFrequency" AS ENUM ('MONTHLY', 'QUARTERLY', 'AT_MATURITY');

-- CreateEnum
CREATE TYPE "LoanStatus" AS ENUM ('APPLIED', 'APPRAISED', 'APPROVED', 'REJECTED', 'DISBURSED', 'CLOSED', 'FROZEN', 'WRITTEN_OFF');

-- CreateEnum
CREATE TYPE "LoanTransactionKind" AS ENUM ('DISBURSEMENT', 'REPAYMENT', 'EXTENSION', 'FREEZE', 'WRITE_OFF');

-- CreateTable
CREATE TABLE "Programme" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fundSource" "FundSource" NOT NULL,
    "interestMethod" "InterestMethod" NOT NULL DEFAULT 'DECLINING',
    "overdueMultiplierPct" INTEGER NOT NULL DEFAULT 130,
    "minTermMonths" INTEGER NOT NULL,
    "maxTermMonths" INTEGER NOT NULL,
    "minAmount" BIGINT NOT NULL,
    "maxAmount" BIGINT NOT NULL,
    "principalFrequency" "PrincipalFrequency" NOT NULL DEFAULT 'MONTHLY',
    "graceMonths" INTEGER NOT NULL DEFAULT 0,
    "allowPrepayment" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeRate" (
    "id" BIGSERIAL NOT NULL,
    "programmeId" UUID NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "monthlyRate" DECIMAL(9,4) NOT NULL,

    CONSTRAINT "ProgrammeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Loan" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "amountRequested" BIGINT NOT NULL,
    "amountApproved" BIGINT,
    "amountDisbursed" BIGINT,
    "termMonths" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "householdCategory" "HouseholdCategory" NOT NULL,
    "status" "LoanStatus" NOT NULL DEFAULT 'APPLIED',
    "appliedById" UUID,
    "appliedAt" DATE NOT NULL,
    "decidedById" UUID,
    "decidedAt" DATE,
    "rejectionReason" TEXT,
    "disbursedAt" DATE,
    "maturityDate" DATE,
    "cachedOutstanding" BIGINT NOT NULL DEFAULT 0,
    "cachedOverdue" BIGINT NOT NULL DEFAULT 0,
    "cachedDaysPastDue" INTEGER NOT NULL DEFAULT 0,
    "cachedAsOf" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanAppraisal" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "householdVisited" BOOLEAN NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "purposeFeasible" BOOLEAN NOT NULL,
    "repaymentCapacity" BOOLEAN NOT NULL,
    "notes" TEXT,
    "appraiserName" TEXT NOT NULL,
    "appraisedById" UUID,
    "appraisedAt" DATE NOT NULL,

    CONSTRAINT "LoanAppraisal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanTransaction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "kind" "LoanTransactionKind" NOT NULL,
    "date" DATE NOT NULL,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "principal" BIGINT NOT NULL DEFAULT 0,
    "interest" BIGINT NOT NULL DEFAULT 0,
    "overdueInterest" BIGINT NOT NULL DEFAULT 0,
    "instalmentNo" INTEGER,
    "newDueDate" DATE,
    "decisionNo" TEXT,
    "decisionDate" DATE,
    "approver" TEXT,
    "note" TEXT,
    "idempotencyKey" TEXT,
    "postedById" UUID,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reversedAt" TIMESTAMPTZ(3),
    "reversedById" UUID,
    "reversalReason" TEXT,

    CONSTRAINT "LoanTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Programme_code_key" ON "Programme"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeRate_programmeId_effectiveFrom_key" ON "ProgrammeRate"("programmeId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Loan_number_key" ON "Loan"("number");

-- CreateIndex
CREATE INDEX "Loan_orgUnitId_status_idx" ON "Loan"("orgUnitId", "status");

-- CreateIndex
CREATE INDEX "Loan_memberId_programmeId_idx" ON "Loan"("memberId", "programmeId");

-- CreateIndex
CREATE INDEX "Loan_groupId_idx" ON "Loan"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "LoanAppraisal_loanId_key" ON "LoanAppraisal"("loanId");

-- CreateIndex
CREATE UNIQUE INDEX "LoanTransaction_idempotencyKey_key" ON "LoanTransaction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "LoanTransaction_loanId_date_idx" ON "LoanTransaction"("loanId", "date");

-- AddForeignKey
ALTER TABLE "ProgrammeRate" ADD CONSTRAINT "ProgrammeRate_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanAppraisal" ADD CONSTRAINT "LoanAppraisal_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanTransaction" ADD CONSTRAINT "LoanTransaction_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
