-- CreateEnum
CREATE TYPE "MonthEndStatus" AS ENUM ('COMPUTING', 'DONE');

-- CreateTable
CREATE TABLE "MonthEndClose" (
    "monthEnd" DATE NOT NULL,
    "status" "MonthEndStatus" NOT NULL DEFAULT 'COMPUTING',
    "loans" INTEGER NOT NULL DEFAULT 0,
    "overdue" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MonthEndClose_pkey" PRIMARY KEY ("monthEnd")
);

-- CreateTable
CREATE TABLE "LoanMonthEnd" (
    "monthEnd" DATE NOT NULL,
    "loanId" UUID NOT NULL,
    "overdue" BIGINT NOT NULL,
    "daysPastDue" INTEGER NOT NULL,

    CONSTRAINT "LoanMonthEnd_pkey" PRIMARY KEY ("monthEnd","loanId")
);

-- CreateTable
CREATE TABLE "LoanMonthEndStale" (
    "loanId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LoanMonthEndStale_pkey" PRIMARY KEY ("loanId")
);

-- CreateIndex
CREATE INDEX "LoanMonthEnd_loanId_idx" ON "LoanMonthEnd"("loanId");

-- Kept month ends (decision 029). A loan's figures at a kept month end are the loan engine's from
-- its postings up to that day, its terms and its programme's rates; whatever changes one of those on
-- or before a kept month end marks the loan stale from that day. Reports replay a stale loan by the
-- engine; the nightly job recomputes it. Statement-level, like the ledger snapshots' triggers.

-- Marks loans stale from a day, keeping the earliest day; only days on or before a kept month end.
-- Every trigger below first takes advisory lock 29029 shared, held to the end of its transaction;
-- listing a month end (lib/loans/month-ends.ts) takes it exclusively, so it waits for the postings
-- already written without a mark (none was kept then) to commit, and the computation reads them.
CREATE FUNCTION "month_end_mark_stale"(loans uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE kept date;
BEGIN
  SELECT MAX("monthEnd") INTO kept FROM "MonthEndClose";
  IF kept IS NULL OR loans IS NULL THEN RETURN; END IF;
  INSERT INTO "LoanMonthEndStale" ("loanId", "fromDate")
  SELECT c.loan, MIN(c.day) FROM unnest(loans, days) AS c(loan, day) WHERE c.day IS NOT NULL AND c.day <= kept GROUP BY c.loan
  ON CONFLICT ("loanId") DO UPDATE SET "fromDate" = LEAST("LoanMonthEndStale"."fromDate", EXCLUDED."fromDate"),
    "version" = "LoanMonthEndStale"."version" + 1;
END
$$;

-- A posting written, reversed, moved to another day or deleted. A new split of a repayment (the
-- ledger's own figures) changes nothing the engine reads, so it marks nothing.
CREATE FUNCTION "month_end_after_posting"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  loans uuid[];
  days date[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(29029); -- see "month_end_mark_stale"
  IF NOT EXISTS (SELECT 1 FROM "MonthEndClose") THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("loanId"), array_agg("date") INTO loans, days FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg("loanId"), array_agg("date") INTO loans, days FROM old_rows;
  ELSE
    SELECT array_agg(c."loanId"), array_agg(c."date") INTO loans, days FROM (
      (SELECT "id", "loanId", "kind", "date", "amount", "instalmentNo", "newDueDate", "reversedAt" IS NULL AS live FROM old_rows
       EXCEPT
       SELECT "id", "loanId", "kind", "date", "amount", "instalmentNo", "newDueDate", "reversedAt" IS NULL FROM new_rows)
      UNION ALL
      (SELECT "id", "loanId", "kind", "date", "amount", "instalmentNo", "newDueDate", "reversedAt" IS NULL FROM new_rows
       EXCEPT
       SELECT "id", "loanId", "kind", "date", "amount", "instalmentNo", "newDueDate", "reversedAt" IS NULL FROM old_rows)
    ) c;
  END IF;
  PERFORM "month_end_mark_stale"(loans, days);
  RETURN NULL;
END
$$;

CREATE TRIGGER "month_end_posting_insert" AFTER INSERT ON "LoanTransaction" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_posting"();
CREATE TRIGGER "month_end_posting_update" AFTER UPDATE ON "LoanTransaction" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_posting"();
CREATE TRIGGER "month_end_posting_delete" AFTER DELETE ON "LoanTransaction" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_posting"();

-- A loan's terms changed (amount, disbursement day, term, programme): stale from its disbursement.
CREATE FUNCTION "month_end_after_loan_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  loans uuid[];
  days date[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(29029); -- see "month_end_mark_stale"
  IF NOT EXISTS (SELECT 1 FROM "MonthEndClose") THEN RETURN NULL; END IF;
  SELECT array_agg(c."id"), array_agg(c."disbursedAt") INTO loans, days FROM (
    (SELECT "id", "disbursedAt", "amountDisbursed", "termMonths", "programmeId" FROM old_rows
     EXCEPT
     SELECT "id", "disbursedAt", "amountDisbursed", "termMonths", "programmeId" FROM new_rows)
    UNION ALL
    (SELECT "id", "disbursedAt", "amountDisbursed", "termMonths", "programmeId" FROM new_rows
     EXCEPT
     SELECT "id", "disbursedAt", "amountDisbursed", "termMonths", "programmeId" FROM old_rows)
  ) c;
  PERFORM "month_end_mark_stale"(loans, days);
  RETURN NULL;
END
$$;

CREATE TRIGGER "month_end_loan_update" AFTER UPDATE ON "Loan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_loan_update"();

-- A programme's rules or rates changed: its disbursed loans are stale from their disbursement, or
-- from the new rate's first day when that is later.
CREATE FUNCTION "month_end_programme_loans_stale"(programmes uuid[], since date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  loans uuid[];
  days date[];
BEGIN
  SELECT array_agg(l."id"), array_agg(GREATEST(l."disbursedAt", since)) INTO loans, days
  FROM "Loan" l WHERE l."programmeId" = ANY(programmes) AND l."disbursedAt" IS NOT NULL;
  PERFORM "month_end_mark_stale"(loans, days);
END
$$;

CREATE FUNCTION "month_end_after_programme_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE programmes uuid[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(29029); -- see "month_end_mark_stale"
  IF NOT EXISTS (SELECT 1 FROM "MonthEndClose") THEN RETURN NULL; END IF;
  SELECT array_agg(c."id") INTO programmes FROM (
    SELECT "id", "interestMethod", "overdueMultiplierPct", "principalFrequency", "graceMonths", "allowPrepayment" FROM old_rows
    EXCEPT
    SELECT "id", "interestMethod", "overdueMultiplierPct", "principalFrequency", "graceMonths", "allowPrepayment" FROM new_rows
  ) c;
  IF programmes IS NOT NULL THEN PERFORM "month_end_programme_loans_stale"(programmes, '-infinity'::date); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "month_end_programme_update" AFTER UPDATE ON "Programme" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_programme_update"();

CREATE FUNCTION "month_end_after_rate"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  programmes uuid[];
  since date;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(29029); -- see "month_end_mark_stale"
  IF NOT EXISTS (SELECT 1 FROM "MonthEndClose") THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "programmeId"), MIN("effectiveFrom") INTO programmes, since FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "programmeId"), MIN("effectiveFrom") INTO programmes, since FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x."programmeId"), MIN(x."effectiveFrom") INTO programmes, since
    FROM (SELECT "programmeId", "effectiveFrom" FROM old_rows UNION ALL SELECT "programmeId", "effectiveFrom" FROM new_rows) x;
  END IF;
  IF programmes IS NOT NULL THEN PERFORM "month_end_programme_loans_stale"(programmes, since); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "month_end_rate_insert" AFTER INSERT ON "ProgrammeRate" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_rate"();
CREATE TRIGGER "month_end_rate_update" AFTER UPDATE ON "ProgrammeRate" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_rate"();
CREATE TRIGGER "month_end_rate_delete" AFTER DELETE ON "ProgrammeRate" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_rate"();

-- Emptying the postings (tests, a restore) empties what was kept from them.
CREATE FUNCTION "month_end_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "LoanMonthEnd", "LoanMonthEndStale", "MonthEndClose";
  RETURN NULL;
END
$$;

CREATE TRIGGER "month_end_posting_truncate" AFTER TRUNCATE ON "LoanTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "month_end_after_truncate"();
