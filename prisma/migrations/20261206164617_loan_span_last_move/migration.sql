-- DropIndex
DROP INDEX "RecordMove_kind_idx";

-- AlterTable
ALTER TABLE "LoanSpan" ADD COLUMN     "lastMovedOn" DATE;

-- CreateIndex
CREATE INDEX "RecordMove_kind_date_idx" ON "RecordMove"("kind", "date");

-- The spans now also keep the date of the loan's latest move: the same function as in
-- migration ledger_months, with "lastMovedOn" beside "moved".
CREATE OR REPLACE FUNCTION "ledger_refresh_spans"(loans uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF loans IS NULL OR cardinality(loans) = 0 THEN RETURN; END IF;
  INSERT INTO "LoanSpan" ("loanId", "openedOn", "closedOn", "memberId", "programmeId", "orgUnitId", "moved", "lastMovedOn")
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
    (SELECT MAX(m."date") FROM "LoanMove" m WHERE m."loanId" = l."id")
  FROM running r JOIN "Loan" l ON l."id" = r."loanId"
  WHERE r.opened IS NOT NULL GROUP BY r."loanId", l."id"
  ON CONFLICT ("loanId") DO UPDATE SET "openedOn" = EXCLUDED."openedOn", "closedOn" = EXCLUDED."closedOn",
    "memberId" = EXCLUDED."memberId", "programmeId" = EXCLUDED."programmeId", "orgUnitId" = EXCLUDED."orgUnitId", "moved" = EXCLUDED."moved",
    "lastMovedOn" = EXCLUDED."lastMovedOn";
  DELETE FROM "LoanSpan" s WHERE s."loanId" = ANY(loans)
    AND NOT EXISTS (SELECT 1 FROM "LoanTransaction" t WHERE t."loanId" = s."loanId" AND t."kind" = 'DISBURSEMENT' AND t."reversedAt" IS NULL);
END
$$;

UPDATE "LoanSpan" s SET "lastMovedOn" = (SELECT MAX(m."date") FROM "LoanMove" m WHERE m."loanId" = s."loanId") WHERE s."moved";
