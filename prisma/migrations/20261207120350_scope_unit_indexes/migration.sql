-- CreateIndex
CREATE INDEX "RecordMove_kind_fromOrgUnitId_idx" ON "RecordMove"("kind", "fromOrgUnitId");

-- CreateIndex
CREATE INDEX "LoanSpan_firstFromOrgUnitId_idx" ON "LoanSpan"("firstFromOrgUnitId");
