-- CreateTable
CREATE TABLE "LedgerMonth" (
    "groupId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "disbursed" BIGINT NOT NULL DEFAULT 0,
    "disbursedLoans" INTEGER NOT NULL DEFAULT 0,
    "principalRepaid" BIGINT NOT NULL DEFAULT 0,
    "interestCollected" BIGINT NOT NULL DEFAULT 0,
    "balanceChange" BIGINT NOT NULL DEFAULT 0,
    "lastEventOn" DATE NOT NULL,

    CONSTRAINT "LedgerMonth_pkey" PRIMARY KEY ("groupId","orgUnitId","programmeId","month")
);

-- CreateTable
CREATE TABLE "CommuneLedgerMonth" (
    "orgUnitId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "disbursed" BIGINT NOT NULL DEFAULT 0,
    "disbursedLoans" INTEGER NOT NULL DEFAULT 0,
    "principalRepaid" BIGINT NOT NULL DEFAULT 0,
    "interestCollected" BIGINT NOT NULL DEFAULT 0,
    "balanceChange" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CommuneLedgerMonth_pkey" PRIMARY KEY ("orgUnitId","programmeId","month")
);

-- CreateTable
CREATE TABLE "SavingsBalance" (
    "accountId" UUID NOT NULL,
    "balance" BIGINT NOT NULL,
    "lastEventOn" DATE NOT NULL,

    CONSTRAINT "SavingsBalance_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "LoanSpan" (
    "loanId" UUID NOT NULL,
    "openedOn" DATE NOT NULL,
    "closedOn" DATE,
    "memberId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "moved" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "LoanSpan_pkey" PRIMARY KEY ("loanId")
);

-- CreateIndex
CREATE INDEX "LedgerMonth_orgUnitId_month_idx" ON "LedgerMonth"("orgUnitId", "month");

-- CreateIndex
CREATE INDEX "LedgerMonth_lastEventOn_idx" ON "LedgerMonth"("lastEventOn");

-- CreateIndex
CREATE INDEX "SavingsBalance_lastEventOn_idx" ON "SavingsBalance"("lastEventOn");

-- CreateIndex
CREATE INDEX "LoanSpan_orgUnitId_openedOn_idx" ON "LoanSpan"("orgUnitId", "openedOn");

-- CreateIndex
CREATE INDEX "Loan_cachedAsOf_cachedOverdue_idx" ON "Loan"("cachedAsOf", "cachedOverdue");

-- LedgerMonth, CommuneLedgerMonth and LoanSpan are kept equal to the loan ledger by the database itself: statement
-- triggers on LoanTransaction, LoanMove and Loan recompute, in the writing transaction, the rows of
-- every group that ever held an affected loan. No write path (services, imports, the generator's bulk
-- SQL) can bypass them. The figures follow lib/fees/ledger-figures.ts: a movement counts for the group
-- and commune holding the loan on its date (the owner after a date is the "from" of the loan's first
-- later move, else its current one); a write-off takes the balance of its day off the books.

-- The groups whose rows depend on these loans: each loan's current group and every group it moved from or to.
CREATE FUNCTION "ledger_groups_of"(loans uuid[]) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(DISTINCT g), '{}') FROM (
    SELECT "groupId" AS g FROM "Loan" WHERE "id" = ANY(loans)
    UNION SELECT "fromGroupId" FROM "LoanMove" WHERE "loanId" = ANY(loans)
    UNION SELECT "toGroupId" FROM "LoanMove" WHERE "loanId" = ANY(loans)
  ) x
$$;

CREATE FUNCTION "ledger_refresh_groups"(groups uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE g uuid;
BEGIN
  IF groups IS NULL OR cardinality(groups) = 0 THEN RETURN; END IF;
  -- Two transactions refreshing one group take turns, so the second reads the first's postings.
  IF cardinality(groups) <= 64 THEN
    FOR g IN SELECT DISTINCT x FROM unnest(groups) x ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(hashtext('LedgerMonth:' || g::text));
    END LOOP;
  ELSE
    LOCK TABLE "LedgerMonth" IN EXCLUSIVE MODE;
  END IF;
  -- The communes' sums take the difference: minus the group's old rows, plus its new ones.
  WITH removed AS (
    DELETE FROM "LedgerMonth" WHERE "groupId" = ANY(groups)
    RETURNING "orgUnitId", "programmeId", "month", "disbursed", "disbursedLoans", "principalRepaid", "interestCollected", "balanceChange"
  )
  INSERT INTO "CommuneLedgerMonth" AS c ("orgUnitId", "programmeId", "month", "disbursed", "disbursedLoans", "principalRepaid", "interestCollected", "balanceChange")
  SELECT "orgUnitId", "programmeId", "month", -SUM("disbursed"), -SUM("disbursedLoans")::int, -SUM("principalRepaid"), -SUM("interestCollected"), -SUM("balanceChange")
  FROM removed GROUP BY 1, 2, 3
  ON CONFLICT ("orgUnitId", "programmeId", "month") DO UPDATE SET
    "disbursed" = c."disbursed" + EXCLUDED."disbursed", "disbursedLoans" = c."disbursedLoans" + EXCLUDED."disbursedLoans",
    "principalRepaid" = c."principalRepaid" + EXCLUDED."principalRepaid", "interestCollected" = c."interestCollected" + EXCLUDED."interestCollected",
    "balanceChange" = c."balanceChange" + EXCLUDED."balanceChange";

  WITH added AS (
  INSERT INTO "LedgerMonth" ("groupId", "orgUnitId", "programmeId", "month", "disbursed", "disbursedLoans", "principalRepaid", "interestCollected", "balanceChange", "lastEventOn")
  WITH loans AS (
    SELECT l."id", l."groupId", l."orgUnitId", l."programmeId", EXISTS (SELECT 1 FROM "LoanMove" m WHERE m."loanId" = l."id") AS moved
    FROM "Loan" l WHERE l."groupId" = ANY(groups)
    UNION
    SELECT l."id", l."groupId", l."orgUnitId", l."programmeId", TRUE
    FROM "Loan" l WHERE l."id" IN (SELECT m."loanId" FROM "LoanMove" m WHERE m."fromGroupId" = ANY(groups) OR m."toGroupId" = ANY(groups))
  ),
  posts AS (
    SELECT t."loanId", t."kind", t."date", t."amount", t."principal", t."interest" + t."overdueInterest" AS interest,
      CASE t."kind" WHEN 'DISBURSEMENT' THEN t."amount" WHEN 'REPAYMENT' THEN -t."principal" ELSE 0 END AS change
    FROM "LoanTransaction" t JOIN loans ON loans."id" = t."loanId"
    WHERE t."reversedAt" IS NULL
  ),
  write_offs AS (SELECT "loanId", MIN("date") AS w FROM posts WHERE "kind" = 'WRITE_OFF' GROUP BY 1),
  move_days AS (SELECT DISTINCT m."loanId", m."date" FROM "LoanMove" m JOIN loans ON loans."id" = m."loanId"),
  -- The balance at the end of every day with a posting or a move, and that day's own change.
  days AS (
    SELECT "loanId", "date", SUM(change) AS change FROM (
      SELECT "loanId", "date", change FROM posts UNION ALL SELECT "loanId", "date", 0 FROM move_days
    ) d GROUP BY 1, 2
  ),
  running AS (SELECT "loanId", "date", change, SUM(change) OVER (PARTITION BY "loanId" ORDER BY "date") AS balance FROM days),
  events AS (
    -- Each posting, on its date; after the write-off it no longer changes the outstanding.
    SELECT p."loanId", p."date" AS at, p."date" AS owner_on,
      CASE WHEN p."kind" = 'DISBURSEMENT' THEN p."amount" ELSE 0 END AS disbursed,
      CASE WHEN p."kind" = 'DISBURSEMENT' THEN 1 ELSE 0 END AS lent,
      CASE WHEN p."kind" = 'REPAYMENT' THEN p."principal" ELSE 0 END AS repaid,
      CASE WHEN p."kind" = 'REPAYMENT' THEN p.interest ELSE 0 END AS interest,
      CASE WHEN w.w IS NULL OR p."date" <= w.w THEN p.change ELSE 0 END AS change
    FROM posts p LEFT JOIN write_offs w ON w."loanId" = p."loanId"
    UNION ALL
    -- The write-off takes the balance at the end of its day off the books.
    SELECT w."loanId", w.w, w.w, 0, 0, 0, 0, -r.balance
    FROM write_offs w JOIN running r ON r."loanId" = w."loanId" AND r."date" = w.w
    UNION ALL
    -- A move on day D: the balance at the end of D − 1 leaves the owner of D − 1 for the owner of D.
    SELECT r."loanId", r."date", r."date" + side.shift, 0, 0, 0, 0, side.sign * (r.balance - r.change)
    FROM move_days mv
    JOIN running r ON r."loanId" = mv."loanId" AND r."date" = mv."date"
    LEFT JOIN write_offs w ON w."loanId" = mv."loanId"
    CROSS JOIN (VALUES (-1, -1), (0, 1)) side(shift, sign)
    WHERE w.w IS NULL OR w.w >= mv."date"
  ),
  owned AS (
    SELECT e.*, l."programmeId",
      COALESCE(CASE WHEN l.moved THEN (SELECT m."fromGroupId" FROM "LoanMove" m WHERE m."loanId" = l."id" AND m."date" > e.owner_on ORDER BY m."date", m."id" LIMIT 1) END, l."groupId") AS "groupId",
      COALESCE(CASE WHEN l.moved THEN (SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = l."id" AND m."date" > e.owner_on ORDER BY m."date", m."id" LIMIT 1) END, l."orgUnitId") AS "orgUnitId"
    FROM events e JOIN loans l ON l."id" = e."loanId"
  )
  SELECT "groupId", "orgUnitId", "programmeId", date_trunc('month', at)::date, SUM(disbursed), SUM(lent), SUM(repaid), SUM(interest), SUM(change), MAX(at)
  FROM owned WHERE "groupId" = ANY(groups)
  GROUP BY 1, 2, 3, 4
  RETURNING "orgUnitId", "programmeId", "month", "disbursed", "disbursedLoans", "principalRepaid", "interestCollected", "balanceChange"
  )
  INSERT INTO "CommuneLedgerMonth" AS c ("orgUnitId", "programmeId", "month", "disbursed", "disbursedLoans", "principalRepaid", "interestCollected", "balanceChange")
  SELECT "orgUnitId", "programmeId", "month", SUM("disbursed"), SUM("disbursedLoans")::int, SUM("principalRepaid"), SUM("interestCollected"), SUM("balanceChange")
  FROM added GROUP BY 1, 2, 3
  ON CONFLICT ("orgUnitId", "programmeId", "month") DO UPDATE SET
    "disbursed" = c."disbursed" + EXCLUDED."disbursed", "disbursedLoans" = c."disbursedLoans" + EXCLUDED."disbursedLoans",
    "principalRepaid" = c."principalRepaid" + EXCLUDED."principalRepaid", "interestCollected" = c."interestCollected" + EXCLUDED."interestCollected",
    "balanceChange" = c."balanceChange" + EXCLUDED."balanceChange";
END
$$;

-- A loan is outstanding from its first disbursement to the first day it ends with nothing owed or is
-- written off (exclusive); with it, the loan's borrower, programme, commune and whether it moved.
CREATE FUNCTION "ledger_refresh_spans"(loans uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF loans IS NULL OR cardinality(loans) = 0 THEN RETURN; END IF;
  INSERT INTO "LoanSpan" ("loanId", "openedOn", "closedOn", "memberId", "programmeId", "orgUnitId", "moved")
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
    l."memberId", l."programmeId", l."orgUnitId", EXISTS (SELECT 1 FROM "LoanMove" m WHERE m."loanId" = l."id")
  FROM running r JOIN "Loan" l ON l."id" = r."loanId"
  WHERE r.opened IS NOT NULL GROUP BY r."loanId", l."id"
  ON CONFLICT ("loanId") DO UPDATE SET "openedOn" = EXCLUDED."openedOn", "closedOn" = EXCLUDED."closedOn",
    "memberId" = EXCLUDED."memberId", "programmeId" = EXCLUDED."programmeId", "orgUnitId" = EXCLUDED."orgUnitId", "moved" = EXCLUDED."moved";
  DELETE FROM "LoanSpan" s WHERE s."loanId" = ANY(loans)
    AND NOT EXISTS (SELECT 1 FROM "LoanTransaction" t WHERE t."loanId" = s."loanId" AND t."kind" = 'DISBURSEMENT' AND t."reversedAt" IS NULL);
END
$$;

CREATE FUNCTION "ledger_after_posting"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE loans uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "loanId") INTO loans FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "loanId") INTO loans FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x) INTO loans FROM (
      SELECT unnest(ARRAY[o."loanId", n."loanId"]) AS x FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE (o."loanId", o."kind", o."date", o."amount", o."principal", o."interest", o."overdueInterest", o."reversedAt" IS NULL)
        IS DISTINCT FROM (n."loanId", n."kind", n."date", n."amount", n."principal", n."interest", n."overdueInterest", n."reversedAt" IS NULL)
    ) changed;
  END IF;
  IF loans IS NOT NULL THEN
    PERFORM "ledger_refresh_groups"("ledger_groups_of"(loans));
    PERFORM "ledger_refresh_spans"(loans);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ledger_posting_insert" AFTER INSERT ON "LoanTransaction" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_posting"();
CREATE TRIGGER "ledger_posting_update" AFTER UPDATE ON "LoanTransaction" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_posting"();
CREATE TRIGGER "ledger_posting_delete" AFTER DELETE ON "LoanTransaction" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_posting"();

CREATE FUNCTION "ledger_after_move"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  loans uuid[];
  groups uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "loanId"), '{}' INTO loans, groups FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "loanId"), array_agg("fromGroupId") || array_agg("toGroupId") INTO loans, groups FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT n."loanId") || array_agg(DISTINCT o."loanId"), array_agg(o."fromGroupId") || array_agg(o."toGroupId") INTO loans, groups
    FROM old_rows o JOIN new_rows n ON n."id" = o."id";
  END IF;
  PERFORM "ledger_refresh_groups"("ledger_groups_of"(loans) || groups);
  PERFORM "ledger_refresh_spans"(loans);
  RETURN NULL;
END
$$;

CREATE TRIGGER "ledger_move_insert" AFTER INSERT ON "LoanMove" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_move"();
CREATE TRIGGER "ledger_move_update" AFTER UPDATE ON "LoanMove" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_move"();
CREATE TRIGGER "ledger_move_delete" AFTER DELETE ON "LoanMove" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_move"();

-- A loan handed to another group, commune, programme or borrower takes its figures along.
CREATE FUNCTION "ledger_after_loan_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  loans uuid[];
  old_groups uuid[];
BEGIN
  SELECT array_agg(o."id"), array_agg(o."groupId") INTO loans, old_groups
  FROM old_rows o JOIN new_rows n ON n."id" = o."id"
  WHERE (o."groupId", o."orgUnitId", o."programmeId", o."memberId") IS DISTINCT FROM (n."groupId", n."orgUnitId", n."programmeId", n."memberId");
  IF loans IS NOT NULL THEN
    PERFORM "ledger_refresh_groups"("ledger_groups_of"(loans) || old_groups);
    PERFORM "ledger_refresh_spans"(loans);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ledger_loan_update" AFTER UPDATE ON "Loan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_loan_update"();

CREATE FUNCTION "ledger_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "LedgerMonth", "CommuneLedgerMonth", "LoanSpan";
  RETURN NULL;
END
$$;

CREATE TRIGGER "ledger_posting_truncate" AFTER TRUNCATE ON "LoanTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_after_truncate"();

-- The figures of the data already there.
SELECT "ledger_refresh_groups"(ARRAY(SELECT "id" FROM "Group"));
SELECT "ledger_refresh_spans"(ARRAY(SELECT "id" FROM "Loan"));

-- Savings balances: each live movement adds (deposit) or takes (withdrawal) its amount; a reversal
-- takes it back. Differences add up in any order, so concurrent postings need no lock.
CREATE FUNCTION "savings_add_balances"(changes "SavingsBalance"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SavingsBalance" AS b ("accountId", "balance", "lastEventOn")
  SELECT "accountId", SUM("balance"), MAX("lastEventOn") FROM unnest(changes) GROUP BY 1
  ON CONFLICT ("accountId") DO UPDATE SET "balance" = b."balance" + EXCLUDED."balance", "lastEventOn" = GREATEST(b."lastEventOn", EXCLUDED."lastEventOn")
$$;

CREATE FUNCTION "savings_after_movement"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changes "SavingsBalance"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW("accountId", CASE WHEN "kind" = 'DEPOSIT' THEN "amount" ELSE -"amount" END, "date")::"SavingsBalance") INTO changes
    FROM new_rows WHERE "reversedAt" IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(ROW("accountId", CASE WHEN "kind" = 'DEPOSIT' THEN -"amount" ELSE "amount" END, "date")::"SavingsBalance") INTO changes
    FROM old_rows WHERE "reversedAt" IS NULL;
  ELSE
    SELECT array_agg(x) INTO changes FROM (
      SELECT ROW("accountId", CASE WHEN "kind" = 'DEPOSIT' THEN -"amount" ELSE "amount" END, "date")::"SavingsBalance" AS x FROM old_rows WHERE "reversedAt" IS NULL
      UNION ALL
      SELECT ROW("accountId", CASE WHEN "kind" = 'DEPOSIT' THEN "amount" ELSE -"amount" END, "date")::"SavingsBalance" FROM new_rows WHERE "reversedAt" IS NULL
    ) both_sides;
  END IF;
  IF changes IS NOT NULL THEN PERFORM "savings_add_balances"(changes); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "savings_movement_insert" AFTER INSERT ON "SavingsTransaction" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_after_movement"();
CREATE TRIGGER "savings_movement_update" AFTER UPDATE ON "SavingsTransaction" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_after_movement"();
CREATE TRIGGER "savings_movement_delete" AFTER DELETE ON "SavingsTransaction" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_after_movement"();

CREATE FUNCTION "savings_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "SavingsBalance";
  RETURN NULL;
END
$$;

CREATE TRIGGER "savings_movement_truncate" AFTER TRUNCATE ON "SavingsTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_after_truncate"();

INSERT INTO "SavingsBalance" ("accountId", "balance", "lastEventOn")
SELECT "accountId", SUM(CASE WHEN "kind" = 'DEPOSIT' THEN "amount" ELSE -"amount" END), MAX("date")
FROM "SavingsTransaction" WHERE "reversedAt" IS NULL GROUP BY 1;
