-- CreateIndex
CREATE INDEX "RecordMove_kind_fromOrgUnitId_idx" ON "RecordMove"("kind", "fromOrgUnitId");

-- CreateIndex
CREATE INDEX "LoanSpan_firstFromOrgUnitId_idx" ON "LoanSpan"("firstFromOrgUnitId");

-- A member found by any part of her name without accents (the search box: "contains" on the folded
-- name, a LIKE '%…%' that only a trigram index can serve). pg_trgm ships with PostgreSQL's contrib
-- and is a trusted extension (the database owner may create it); the embedded database loads it
-- (lib/db/pglite.ts). Not in schema.prisma: the datamodel diff never sees it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Member_searchName_trgm_idx" ON "Member" USING gin ("searchName" gin_trgm_ops);
