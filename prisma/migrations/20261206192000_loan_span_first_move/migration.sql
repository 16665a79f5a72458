-- AlterTable
ALTER TABLE "LoanSpan" ADD COLUMN     "firstFromOrgUnitId" UUID,
ADD COLUMN     "firstMovedOn" DATE;

-- The spans also keep the loan's earliest move and the commune it left then: the same function as
-- in migration loan_span_last_move, with "firstMovedOn" and "firstFromOrgUnitId" beside "lastMovedOn".
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
  DELETE FROM "LoanSpan" s WHERE s."loanId" = ANY(loans)
    AND NOT EXISTS (SELECT 1 FROM "LoanTransaction" t WHERE t."loanId" = s."loanId" AND t."kind" = 'DISBURSEMENT' AND t."reversedAt" IS NULL);
END
$$;

UPDATE "LoanSpan" s SET "firstMovedOn" = f."date", "firstFromOrgUnitId" = f."fromOrgUnitId"
FROM (SELECT DISTINCT ON (m."loanId") m."loanId", m."date", m."fromOrgUnitId" FROM "LoanMove" m ORDER BY m."loanId", m."date", m."id") f
WHERE f."loanId" = s."loanId";
