-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "cluster" TEXT;
