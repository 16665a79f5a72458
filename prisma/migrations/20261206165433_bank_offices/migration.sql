-- AlterTable
ALTER TABLE "User" ADD COLUMN     "bankOfficeId" UUID;

-- CreateTable
CREATE TABLE "BankOffice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BankOffice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankOfficeCommune" (
    "bankOfficeId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,

    CONSTRAINT "BankOfficeCommune_pkey" PRIMARY KEY ("bankOfficeId","orgUnitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BankOffice_code_key" ON "BankOffice"("code");

-- CreateIndex
CREATE INDEX "BankOfficeCommune_orgUnitId_idx" ON "BankOfficeCommune"("orgUnitId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_bankOfficeId_fkey" FOREIGN KEY ("bankOfficeId") REFERENCES "BankOffice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankOffice" ADD CONSTRAINT "BankOffice_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankOfficeCommune" ADD CONSTRAINT "BankOfficeCommune_bankOfficeId_fkey" FOREIGN KEY ("bankOfficeId") REFERENCES "BankOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankOfficeCommune" ADD CONSTRAINT "BankOfficeCommune_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
