-- CreateEnum
CREATE TYPE "SavingsKind" AS ENUM ('GROUP_MEMBER', 'VBSP_GROUP', 'CHAPTER_POOL');

-- CreateEnum
CREATE TYPE "SavingsTransactionKind" AS ENUM ('DEPOSIT', 'WITHDRAWAL');

-- CreateTable
CREATE TABLE "SavingsScheme" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SavingsKind" NOT NULL,
    "minMonthlyDeposit" BIGINT NOT NULL DEFAULT 0,
    "maxMonthlyDeposit" BIGINT NOT NULL,
    "withdrawalsAllowed" BOOLEAN NOT NULL DEFAULT true,
    "noticeDays" INTEGER NOT NULL DEFAULT 0,
    "minBalance" BIGINT NOT NULL DEFAULT 0,
    "annualRatePercent" DECIMAL(9,4),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavingsScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavingsAccount" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schemeId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "openedAt" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavingsAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavingsTransaction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "kind" "SavingsTransactionKind" NOT NULL,
    "date" DATE NOT NULL,
    "amount" BIGINT NOT NULL,
    "idempotencyKey" TEXT,
    "note" TEXT,
    "postedById" UUID,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reversedAt" TIMESTAMPTZ(3),
    "reversedById" UUID,
    "reversalReason" TEXT,

    CONSTRAINT "SavingsTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavingsScheme_code_key" ON "SavingsScheme"("code");

-- CreateIndex
CREATE INDEX "SavingsAccount_orgUnitId_idx" ON "SavingsAccount"("orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "SavingsAccount_schemeId_memberId_key" ON "SavingsAccount"("schemeId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "SavingsTransaction_idempotencyKey_key" ON "SavingsTransaction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SavingsTransaction_accountId_date_idx" ON "SavingsTransaction"("accountId", "date");

-- AddForeignKey
ALTER TABLE "SavingsAccount" ADD CONSTRAINT "SavingsAccount_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "SavingsScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavingsAccount" ADD CONSTRAINT "SavingsAccount_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavingsAccount" ADD CONSTRAINT "SavingsAccount_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavingsTransaction" ADD CONSTRAINT "SavingsTransaction_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SavingsAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
