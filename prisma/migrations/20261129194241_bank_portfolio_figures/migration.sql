-- CreateTable
CREATE TABLE "BankPortfolioFigure" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "source" TEXT,
    "enteredById" UUID,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankPortfolioFigure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BankPortfolioFigure_orgUnitId_month_key" ON "BankPortfolioFigure"("orgUnitId", "month");

-- AddForeignKey
ALTER TABLE "BankPortfolioFigure" ADD CONSTRAINT "BankPortfolioFigure_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
