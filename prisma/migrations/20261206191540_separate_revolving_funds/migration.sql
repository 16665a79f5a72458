-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "revolvingFund" TEXT;

-- AlterTable
ALTER TABLE "Reorganisation" ADD COLUMN     "funds" TEXT NOT NULL DEFAULT 'JOINED';
