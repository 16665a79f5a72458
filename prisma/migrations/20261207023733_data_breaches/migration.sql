-- CreateTable
CREATE TABLE "DataBreach" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orgUnitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL,
    "occurredOn" DATE,
    "dataCategories" TEXT[],
    "peopleAffected" INTEGER NOT NULL,
    "measures" TEXT,
    "authorityNotifiedOn" DATE,
    "peopleNotifiedOn" DATE,
    "closedOn" DATE,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DataBreach_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataBreach_orgUnitId_detectedAt_idx" ON "DataBreach"("orgUnitId", "detectedAt");

-- AddForeignKey
ALTER TABLE "DataBreach" ADD CONSTRAINT "DataBreach_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
