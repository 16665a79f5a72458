-- CreateTable
CREATE TABLE "CollectionSheet" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "groupId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "savedById" UUID,
    "savedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totalLoans" BIGINT NOT NULL,
    "totalSaving" BIGINT NOT NULL,

    CONSTRAINT "CollectionSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionSheetRow" (
    "id" BIGSERIAL NOT NULL,
    "sheetId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "attended" BOOLEAN NOT NULL,
    "loanTransactionIds" TEXT[],
    "savingsTransactionIds" TEXT[],
    "loanPaid" BIGINT NOT NULL,
    "savingsPaid" BIGINT NOT NULL,

    CONSTRAINT "CollectionSheetRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CollectionSheet_groupId_month_key" ON "CollectionSheet"("groupId", "month");

-- CreateIndex
CREATE INDEX "CollectionSheetRow_sheetId_idx" ON "CollectionSheetRow"("sheetId");

-- AddForeignKey
ALTER TABLE "CollectionSheet" ADD CONSTRAINT "CollectionSheet_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionSheetRow" ADD CONSTRAINT "CollectionSheetRow_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "CollectionSheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
