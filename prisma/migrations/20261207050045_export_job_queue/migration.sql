-- AlterTable
ALTER TABLE "ExportJob" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "startedAt" TIMESTAMPTZ(3),
ALTER COLUMN "status" SET DEFAULT 'QUEUED';

-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "claimedBy" TEXT;

-- CreateIndex
CREATE INDEX "ExportJob_status_createdAt_idx" ON "ExportJob"("status", "createdAt");
