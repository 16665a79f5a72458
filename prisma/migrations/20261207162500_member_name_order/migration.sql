-- Decision 032: a name search matching more than 1,000 members lists its page by walking the members
-- in name order and keeping the matching ones, from this index alone (the columns a search tests are
-- included), instead of fetching every match to sort it. Not in schema.prisma: the datamodel has no
-- INCLUDE.
CREATE INDEX "Member_sortKey_id_idx" ON "Member" ("sortKey", "id") INCLUDE ("orgUnitId", "searchName", "code");
