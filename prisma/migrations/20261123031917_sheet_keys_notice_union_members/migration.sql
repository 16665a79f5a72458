-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "unionMemberCount" INTEGER;

-- AlterTable
ALTER TABLE "SavingsTransaction" ADD COLUMN     "noticeDate" DATE;

-- AlterTable
ALTER TABLE "CollectionSheet" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CollectionSheet_idempotencyKey_key" ON "CollectionSheet"("idempotencyKey");
