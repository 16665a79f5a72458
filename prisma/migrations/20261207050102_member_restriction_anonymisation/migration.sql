-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "anonymisedAt" TIMESTAMPTZ(3),
ADD COLUMN     "restrictedAt" DATE,
ADD COLUMN     "restrictionReason" TEXT;
