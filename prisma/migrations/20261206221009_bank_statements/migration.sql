-- AlterTable
ALTER TABLE "BankOffice" ADD COLUMN     "listColumns" JSONB;

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "uploadedById" UUID NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reconciledById" UUID,
    "reconciledAt" TIMESTAMPTZ(3),
    "reconcileNote" TEXT,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatementLine" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "statementId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "loanNumber" TEXT,
    "borrowerName" TEXT,
    "nationalIdMasked" TEXT,
    "loanId" UUID,
    "memberId" UUID,
    "outstanding" BIGINT,
    "interestPaid" BIGINT,
    "savingsBalance" BIGINT,

    CONSTRAINT "BankStatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_orgUnitId_month_key" ON "BankStatement"("orgUnitId", "month");

-- CreateIndex
CREATE INDEX "BankStatementLine_statementId_idx" ON "BankStatementLine"("statementId");

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
