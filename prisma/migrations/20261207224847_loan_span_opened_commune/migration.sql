-- AlterTable (added empty, filled below, then required)
ALTER TABLE "LoanSpan" ADD COLUMN     "openedOrgUnitId" UUID;

-- Decision 034: the borrowers a unit lent to in a year, counted per commune like the borrowers now
-- (decision 033). The country's dashboard counted 320,000 spans opened this year, each owned by the
-- commune that held its loan on the day it opened, for one distinct count (330–540 ms).
--
-- 1. The span keeps that commune: the one its loan left at its first move dated after the opening
--    day, else its commune now (the ledger's rule, lib/ledger/posting-sums.ts). The loans a unit lent
--    in any period are then read by one index, whatever moved since.
-- 2. MemberNow also keeps, per member and commune, the loans lent there in each year by fund source
--    ('lent2026:VBSP'), with the year's domain row ('lent2026:*') and her row of anything ('*'),
--    through the same member_now_apply; CommuneNow counts them, MemberSpread corrects the members
--    lent to in more than one commune.

-- The spans' definition of migration open_loan_tally, with the commune on the opening day.
CREATE OR REPLACE FUNCTION "ledger_refresh_spans"(loans uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF loans IS NULL OR cardinality(loans) = 0 THEN RETURN; END IF;
  INSERT INTO "LoanSpan" ("loanId", "openedOn", "closedOn", "memberId", "programmeId", "orgUnitId", "moved", "lastMovedOn", "firstMovedOn", "firstFromOrgUnitId",
    "groupId", "cachedAsOf", "cachedOverdue", "cachedDaysPastDue", "openedOrgUnitId")
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
  SELECT r."loanId", r.opened, MIN(CASE WHEN r."date" >= r.opened AND (r.write_off OR r.balance <= 0) THEN r."date" END),
    l."memberId", l."programmeId", l."orgUnitId", EXISTS (SELECT 1 FROM "LoanMove" m WHERE m."loanId" = l."id"),
    (SELECT MAX(m."date") FROM "LoanMove" m WHERE m."loanId" = l."id"),
    (SELECT m."date" FROM "LoanMove" m WHERE m."loanId" = l."id" ORDER BY m."date", m."id" LIMIT 1),
    (SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = l."id" ORDER BY m."date", m."id" LIMIT 1),
    l."groupId", l."cachedAsOf", l."cachedOverdue", l."cachedDaysPastDue",
    COALESCE((SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = l."id" AND m."date" > r.opened ORDER BY m."date", m."id" LIMIT 1), l."orgUnitId")
  FROM running r JOIN "Loan" l ON l."id" = r."loanId"
  WHERE r.opened IS NOT NULL GROUP BY r."loanId", r.opened, l."id"
  ON CONFLICT ("loanId") DO UPDATE SET "openedOn" = EXCLUDED."openedOn", "closedOn" = EXCLUDED."closedOn",
    "memberId" = EXCLUDED."memberId", "programmeId" = EXCLUDED."programmeId", "orgUnitId" = EXCLUDED."orgUnitId", "moved" = EXCLUDED."moved",
    "lastMovedOn" = EXCLUDED."lastMovedOn", "firstMovedOn" = EXCLUDED."firstMovedOn", "firstFromOrgUnitId" = EXCLUDED."firstFromOrgUnitId",
    "groupId" = EXCLUDED."groupId", "cachedAsOf" = EXCLUDED."cachedAsOf", "cachedOverdue" = EXCLUDED."cachedOverdue", "cachedDaysPastDue" = EXCLUDED."cachedDaysPastDue",
    "openedOrgUnitId" = EXCLUDED."openedOrgUnitId";
  DELETE FROM "LoanSpan" s WHERE s."loanId" IN (
    SELECT x FROM unnest(loans) x
    EXCEPT
    SELECT t."loanId" FROM "LoanTransaction" t WHERE t."loanId" = ANY(loans) AND t."kind" = 'DISBURSEMENT' AND t."reversedAt" IS NULL
  );
END
$$;

-- The spans there already (the column is new: the kept tallies, which do not read it, need not follow).
ALTER TABLE "LoanSpan" DISABLE TRIGGER USER;
UPDATE "LoanSpan" s SET "openedOrgUnitId" = COALESCE(CASE WHEN s."lastMovedOn" > s."openedOn" THEN (
    SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = s."loanId" AND m."date" > s."openedOn" ORDER BY m."date", m."id" LIMIT 1
  ) END, s."orgUnitId");
ALTER TABLE "LoanSpan" ENABLE TRIGGER USER;
ALTER TABLE "LoanSpan" ALTER COLUMN "openedOrgUnitId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "LoanSpan_openedOrgUnitId_openedOn_idx" ON "LoanSpan"("openedOrgUnitId", "openedOn");

-- What MemberNow keeps of a span: while open, a loan of its fund source in its commune now; always,
-- a loan lent in its opening year by its commune on the opening day.
CREATE TYPE "LoanSpanOwner" AS ("orgUnitId" UUID, "openedOrgUnitId" UUID, "memberId" UUID, "programmeId" UUID, "openedOn" DATE, "closedOn" DATE);

CREATE FUNCTION "member_now_of_spans"(spans "LoanSpanOwner"[], sign INTEGER) RETURNS "MemberNowChange"[] LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT ROW(s."orgUnitId", 'loan:' || p."fundSource", s."memberId", sign, 0)::"MemberNowChange"
    FROM unnest(spans) s JOIN "Programme" p ON p."id" = s."programmeId" WHERE s."closedOn" IS NULL
    UNION ALL
    SELECT ROW(s."openedOrgUnitId", 'lent' || EXTRACT(YEAR FROM s."openedOn")::int || ':' || p."fundSource", s."memberId", sign, 0)::"MemberNowChange"
    FROM unnest(spans) s JOIN "Programme" p ON p."id" = s."programmeId")
$$;

-- An update counts only the spans whose owners, borrower, programme or dates changed (the nightly
-- refresh rewrites every open span's cached figures): a set difference each way, with the loan's
-- id so that two loans alike are two.
CREATE OR REPLACE FUNCTION "member_now_after_span"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "member_now_apply"("member_now_of_spans"(ARRAY(
      SELECT ROW(n."orgUnitId", n."openedOrgUnitId", n."memberId", n."programmeId", n."openedOn", n."closedOn")::"LoanSpanOwner" FROM new_rows n), 1));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "member_now_apply"("member_now_of_spans"(ARRAY(
      SELECT ROW(o."orgUnitId", o."openedOrgUnitId", o."memberId", o."programmeId", o."openedOn", o."closedOn")::"LoanSpanOwner" FROM old_rows o), -1));
  ELSE
    PERFORM "member_now_apply"(
      "member_now_of_spans"(ARRAY(
        SELECT ROW(o."orgUnitId", o."openedOrgUnitId", o."memberId", o."programmeId", o."openedOn", o."closedOn")::"LoanSpanOwner" FROM (
          SELECT "loanId", "orgUnitId", "openedOrgUnitId", "memberId", "programmeId", "openedOn", "closedOn" FROM old_rows
          EXCEPT SELECT "loanId", "orgUnitId", "openedOrgUnitId", "memberId", "programmeId", "openedOn", "closedOn" FROM new_rows) o), -1)
      || "member_now_of_spans"(ARRAY(
        SELECT ROW(n."orgUnitId", n."openedOrgUnitId", n."memberId", n."programmeId", n."openedOn", n."closedOn")::"LoanSpanOwner" FROM (
          SELECT "loanId", "orgUnitId", "openedOrgUnitId", "memberId", "programmeId", "openedOn", "closedOn" FROM new_rows
          EXCEPT SELECT "loanId", "orgUnitId", "openedOrgUnitId", "memberId", "programmeId", "openedOn", "closedOn" FROM old_rows) n), 1));
  END IF;
  RETURN NULL;
END
$$;

-- Emptied wholesale: the lent rows go with the loans' rows, and the rows of anything are rebuilt.
CREATE OR REPLACE FUNCTION "kept_now_after_span_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "OpenLoanTally";
  DELETE FROM "MemberNow" WHERE "kind" LIKE 'loan:%' OR "kind" LIKE 'lent%';
  PERFORM "member_now_rebuild_any"();
  RETURN NULL;
END
$$;

-- The years lent in so far, one year at a time (a country's year is a few hundred thousand spans).
DO $$
DECLARE y INTEGER;
BEGIN
  FOR y IN SELECT DISTINCT EXTRACT(YEAR FROM "openedOn")::int FROM "LoanSpan" ORDER BY 1 LOOP
    PERFORM "member_now_apply"(ARRAY(
      SELECT ROW(s."openedOrgUnitId", 'lent' || y || ':' || p."fundSource", s."memberId", 1, 0)::"MemberNowChange"
      FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId"
      WHERE s."openedOn" >= make_date(y, 1, 1) AND s."openedOn" < make_date(y + 1, 1, 1)));
  END LOOP;
END
$$;
