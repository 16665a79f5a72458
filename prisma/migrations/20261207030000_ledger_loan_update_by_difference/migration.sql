-- Two statements of the ledger snapshots' triggers (decision 011) that grew with the square of the
-- rows a statement writes when the planner has no statistics to go by (transition tables never
-- have any; the embedded database has no autovacuum): found writing an import's 10,000 loans
-- (decision 022). Both now take a set difference (EXCEPT: hashed or sorted, never a nested loop);
-- the results are the same.
--
-- 1. The loans whose group, commune, programme or borrower an UPDATE changed: an old row with no
--    identical new row (EXCEPT compares NULLs as equal, as IS DISTINCT FROM did). Joining the old and
--    new rows took 13 s for 10,000 loans' cached figures on the embedded database (0.3 s without
--    the trigger).
CREATE OR REPLACE FUNCTION "ledger_after_loan_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  loans uuid[];
  old_groups uuid[];
BEGIN
  SELECT array_agg(c."id"), array_agg(c."groupId") INTO loans, old_groups FROM (
    SELECT "id", "groupId", "orgUnitId", "programmeId", "memberId" FROM old_rows
    EXCEPT
    SELECT "id", "groupId", "orgUnitId", "programmeId", "memberId" FROM new_rows
  ) c;
  IF loans IS NOT NULL THEN
    PERFORM "ledger_refresh_groups"("ledger_groups_of"(loans) || old_groups);
    PERFORM "ledger_refresh_spans"(loans);
  END IF;
  RETURN NULL;
END
$$;

-- 2. The spans of loans left without a live disbursement (the definition of migration
--    loan_span_first_move, but for the DELETE): the anti-join ran as a nested loop over the postings,
--    8 s for 5,000 new loans on the embedded database.
CREATE OR REPLACE FUNCTION "ledger_refresh_spans"(loans uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF loans IS NULL OR cardinality(loans) = 0 THEN RETURN; END IF;
  INSERT INTO "LoanSpan" ("loanId", "openedOn", "closedOn", "memberId", "programmeId", "orgUnitId", "moved", "lastMovedOn", "firstMovedOn", "firstFromOrgUnitId")
  WITH days AS (
    SELECT t."loanId", t."date",
      SUM(CASE t."kind" WHEN 'DISBURSEMENT' THEN t."amount" WHEN 'REPAYMENT' THEN -t."principal" ELSE 0 END) AS change,
      BOOL_OR(t."kind" = 'WRITE_OFF') AS write_off, BOOL_OR(t."kind" = 'DISBURSEMENT') AS lent
    FROM "LoanTransaction" t WHERE t."loanId" = ANY(loans) AND t."reversedAt" IS NULL
    GROUP BY 1, 2
  ),
  running AS (
    SELECT d.*, SUM(change) OVER (PARTITION BY "loanId" ORDER BY "date") AS balance,
      MIN(CASE WHEN lent THEN "date" END) OVER (PARTITION BY "loanId") AS opened
    FROM days d
  )
  SELECT r."loanId", MIN(r.opened), MIN(CASE WHEN r."date" >= r.opened AND (r.write_off OR r.balance <= 0) THEN r."date" END),
    l."memberId", l."programmeId", l."orgUnitId", EXISTS (SELECT 1 FROM "LoanMove" m WHERE m."loanId" = l."id"),
    (SELECT MAX(m."date") FROM "LoanMove" m WHERE m."loanId" = l."id"),
    (SELECT m."date" FROM "LoanMove" m WHERE m."loanId" = l."id" ORDER BY m."date", m."id" LIMIT 1),
    (SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = l."id" ORDER BY m."date", m."id" LIMIT 1)
  FROM running r JOIN "Loan" l ON l."id" = r."loanId"
  WHERE r.opened IS NOT NULL GROUP BY r."loanId", l."id"
  ON CONFLICT ("loanId") DO UPDATE SET "openedOn" = EXCLUDED."openedOn", "closedOn" = EXCLUDED."closedOn",
    "memberId" = EXCLUDED."memberId", "programmeId" = EXCLUDED."programmeId", "orgUnitId" = EXCLUDED."orgUnitId", "moved" = EXCLUDED."moved",
    "lastMovedOn" = EXCLUDED."lastMovedOn", "firstMovedOn" = EXCLUDED."firstMovedOn", "firstFromOrgUnitId" = EXCLUDED."firstFromOrgUnitId";
  DELETE FROM "LoanSpan" s WHERE s."loanId" IN (
    SELECT x FROM unnest(loans) x
    EXCEPT
    SELECT t."loanId" FROM "LoanTransaction" t WHERE t."loanId" = ANY(loans) AND t."kind" = 'DISBURSEMENT' AND t."reversedAt" IS NULL
  );
END
$$;
