-- Decision 031: today's overdue and the groups with loans outstanding, kept per group, commune and
-- programme by the database, like the ledger snapshots (decision 011). A province's dashboard read
-- its 30,000 open loans one random page each (0.9–1 s at country scale); it now sums a few thousand
-- rows of OpenLoanTally.

-- 1. The span carries the loan's group now and copies of its cached figures, so the tally is a
--    function of the span row alone (the order in which triggers on Loan and LoanSpan fire does not
--    matter).
ALTER TABLE "LoanSpan" ADD COLUMN "groupId" UUID,
  ADD COLUMN "cachedAsOf" DATE,
  ADD COLUMN "cachedOverdue" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "cachedDaysPastDue" INTEGER NOT NULL DEFAULT 0;
UPDATE "LoanSpan" s SET "groupId" = l."groupId", "cachedAsOf" = l."cachedAsOf", "cachedOverdue" = l."cachedOverdue", "cachedDaysPastDue" = l."cachedDaysPastDue"
FROM "Loan" l WHERE l."id" = s."loanId";
ALTER TABLE "LoanSpan" ALTER COLUMN "groupId" SET NOT NULL;

-- The spans' definition of migration ledger_loan_update_by_difference, with the group and the copies.
CREATE OR REPLACE FUNCTION "ledger_refresh_spans"(loans uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF loans IS NULL OR cardinality(loans) = 0 THEN RETURN; END IF;
  INSERT INTO "LoanSpan" ("loanId", "openedOn", "closedOn", "memberId", "programmeId", "orgUnitId", "moved", "lastMovedOn", "firstMovedOn", "firstFromOrgUnitId",
    "groupId", "cachedAsOf", "cachedOverdue", "cachedDaysPastDue")
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
    (SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = l."id" ORDER BY m."date", m."id" LIMIT 1),
    l."groupId", l."cachedAsOf", l."cachedOverdue", l."cachedDaysPastDue"
  FROM running r JOIN "Loan" l ON l."id" = r."loanId"
  WHERE r.opened IS NOT NULL GROUP BY r."loanId", l."id"
  ON CONFLICT ("loanId") DO UPDATE SET "openedOn" = EXCLUDED."openedOn", "closedOn" = EXCLUDED."closedOn",
    "memberId" = EXCLUDED."memberId", "programmeId" = EXCLUDED."programmeId", "orgUnitId" = EXCLUDED."orgUnitId", "moved" = EXCLUDED."moved",
    "lastMovedOn" = EXCLUDED."lastMovedOn", "firstMovedOn" = EXCLUDED."firstMovedOn", "firstFromOrgUnitId" = EXCLUDED."firstFromOrgUnitId",
    "groupId" = EXCLUDED."groupId", "cachedAsOf" = EXCLUDED."cachedAsOf", "cachedOverdue" = EXCLUDED."cachedOverdue", "cachedDaysPastDue" = EXCLUDED."cachedDaysPastDue";
  DELETE FROM "LoanSpan" s WHERE s."loanId" IN (
    SELECT x FROM unnest(loans) x
    EXCEPT
    SELECT t."loanId" FROM "LoanTransaction" t WHERE t."loanId" = ANY(loans) AND t."kind" = 'DISBURSEMENT' AND t."reversedAt" IS NULL
  );
END
$$;

-- A loan's cached figures rewritten (a posting, the nightly refresh): its span's copies follow. The
-- loans whose figures changed are a set difference (never a nested loop over transition tables).
CREATE FUNCTION "loan_span_cached_figures"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "LoanSpan" s SET "cachedAsOf" = c."cachedAsOf", "cachedOverdue" = c."cachedOverdue", "cachedDaysPastDue" = c."cachedDaysPastDue"
  FROM (
    SELECT "id", "cachedAsOf", "cachedOverdue", "cachedDaysPastDue" FROM new_rows
    EXCEPT
    SELECT "id", "cachedAsOf", "cachedOverdue", "cachedDaysPastDue" FROM old_rows
  ) c
  WHERE s."loanId" = c."id" AND (s."cachedAsOf", s."cachedOverdue", s."cachedDaysPastDue") IS DISTINCT FROM (c."cachedAsOf", c."cachedOverdue", c."cachedDaysPastDue");
  RETURN NULL;
END
$$;

CREATE TRIGGER "loan_span_cached_figures" AFTER UPDATE ON "Loan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "loan_span_cached_figures"();

-- 2. The tally: what an open span counts (one loan; its overdue principal and ageing as cached).
--    The ageing follows lib/loans/engine/ledger.ts ageingBucket; '' is "not overdue".
CREATE TYPE "OpenLoanTallyChange" AS ("groupId" UUID, "orgUnitId" UUID, "programmeId" UUID, "figuresOn" DATE, "ageing" TEXT, "loans" INTEGER, "overdue" BIGINT);

CREATE FUNCTION "open_loan_tally_ageing"(overdue BIGINT, days INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN overdue <= 0 THEN '' WHEN days <= 0 THEN '0' WHEN days <= 90 THEN '1-90' WHEN days <= 180 THEN '91-180' WHEN days <= 360 THEN '181-360' ELSE '>360' END
$$;

-- What one span counts, times `sign` (1: the new row, -1: the old one).
CREATE FUNCTION "open_loan_tally_counts"(s "LoanSpan", sign INTEGER) RETURNS "OpenLoanTallyChange" LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(s."groupId", s."orgUnitId", s."programmeId", COALESCE(s."cachedAsOf", DATE '1970-01-01'), "open_loan_tally_ageing"(s."cachedOverdue", s."cachedDaysPastDue"),
    sign, sign * GREATEST(s."cachedOverdue", 0))::"OpenLoanTallyChange"
$$;

-- Adds the changes (summed per row of the tally), rows in key order so that two statements never
-- wait for each other in a circle; a row left with no loan is removed.
CREATE FUNCTION "open_loan_tally_apply"(changes "OpenLoanTallyChange"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE emptied "OpenLoanTallyChange"[];
BEGIN
  IF changes IS NULL OR cardinality(changes) = 0 THEN RETURN; END IF;
  WITH up AS (
    INSERT INTO "OpenLoanTally" AS t ("groupId", "orgUnitId", "programmeId", "figuresOn", "ageing", "loans", "overdue")
    SELECT c."groupId", c."orgUnitId", c."programmeId", c."figuresOn", c."ageing", SUM(c."loans")::int, SUM(c."overdue")::bigint
    FROM unnest(changes) c GROUP BY 1, 2, 3, 4, 5 HAVING SUM(c."loans") <> 0 OR SUM(c."overdue") <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("groupId", "orgUnitId", "programmeId", "figuresOn", "ageing") DO UPDATE SET "loans" = t."loans" + EXCLUDED."loans", "overdue" = t."overdue" + EXCLUDED."overdue"
    RETURNING t.*
  )
  SELECT array_agg(ROW(up.*)::"OpenLoanTallyChange") INTO emptied FROM up WHERE up."loans" = 0 AND up."overdue" = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM "OpenLoanTally" t USING unnest(emptied) e
    WHERE (t."groupId", t."orgUnitId", t."programmeId", t."figuresOn", t."ageing") = (e."groupId", e."orgUnitId", e."programmeId", e."figuresOn", e."ageing")
      AND t."loans" = 0 AND t."overdue" = 0;
  END IF;
END
$$;

-- Every write of spans (the ledger's triggers, the generator's rebuild, the copies above): minus what
-- the old rows counted, plus what the new ones count, applied as one change.
CREATE FUNCTION "open_loan_tally_after_span"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "open_loan_tally_apply"(ARRAY(SELECT "open_loan_tally_counts"(n, 1) FROM new_rows n WHERE n."closedOn" IS NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "open_loan_tally_apply"(ARRAY(SELECT "open_loan_tally_counts"(o, -1) FROM old_rows o WHERE o."closedOn" IS NULL));
  ELSE
    PERFORM "open_loan_tally_apply"(ARRAY(
      SELECT "open_loan_tally_counts"(o, -1) FROM old_rows o WHERE o."closedOn" IS NULL
      UNION ALL SELECT "open_loan_tally_counts"(n, 1) FROM new_rows n WHERE n."closedOn" IS NULL));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "open_loan_tally_insert" AFTER INSERT ON "LoanSpan" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "open_loan_tally_after_span"();
CREATE TRIGGER "open_loan_tally_update" AFTER UPDATE ON "LoanSpan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "open_loan_tally_after_span"();
CREATE TRIGGER "open_loan_tally_delete" AFTER DELETE ON "LoanSpan" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "open_loan_tally_after_span"();

-- 3. The tally of the spans open now.
CREATE TABLE "OpenLoanTally" (
    "groupId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "figuresOn" DATE NOT NULL,
    "ageing" TEXT NOT NULL,
    "loans" INTEGER NOT NULL,
    "overdue" BIGINT NOT NULL,

    CONSTRAINT "OpenLoanTally_pkey" PRIMARY KEY ("groupId","orgUnitId","programmeId","figuresOn","ageing")
);
CREATE INDEX "OpenLoanTally_orgUnitId_idx" ON "OpenLoanTally"("orgUnitId");
INSERT INTO "OpenLoanTally" ("groupId", "orgUnitId", "programmeId", "figuresOn", "ageing", "loans", "overdue")
SELECT c."groupId", c."orgUnitId", c."programmeId", c."figuresOn", c."ageing", SUM(c."loans")::int, SUM(c."overdue")::bigint
FROM "LoanSpan" s, "open_loan_tally_counts"(s, 1) c WHERE s."closedOn" IS NULL
GROUP BY 1, 2, 3, 4, 5;
