-- CreateTable
CREATE TABLE "SavingsMonthEnd" (
    "monthEnd" DATE NOT NULL,
    "accountId" UUID NOT NULL,
    "balance" BIGINT NOT NULL,

    CONSTRAINT "SavingsMonthEnd_pkey" PRIMARY KEY ("monthEnd","accountId")
);

-- CreateTable
CREATE TABLE "SavingsMonthEndStale" (
    "accountId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SavingsMonthEndStale_pkey" PRIMARY KEY ("accountId")
);

-- CreateIndex
CREATE INDEX "SavingsMonthEnd_accountId_idx" ON "SavingsMonthEnd"("accountId");

-- Savings balances at kept month ends (decision 029), as the loans' figures: a movement written,
-- reversed, re-dated, changed or deleted on or before the latest kept month end marks its account
-- stale from its day (the same advisory lock 29029 as the loans' triggers: listing a month end
-- waits for movements in flight).
CREATE FUNCTION "savings_month_end_mark_stale"(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE kept date;
BEGIN
  SELECT MAX("monthEnd") INTO kept FROM "MonthEndClose";
  IF kept IS NULL OR accounts IS NULL THEN RETURN; END IF;
  INSERT INTO "SavingsMonthEndStale" ("accountId", "fromDate")
  SELECT c.account, MIN(c.day) FROM unnest(accounts, days) AS c(account, day) WHERE c.day <= kept GROUP BY c.account
  ON CONFLICT ("accountId") DO UPDATE SET "fromDate" = LEAST("SavingsMonthEndStale"."fromDate", EXCLUDED."fromDate"),
    "version" = "SavingsMonthEndStale"."version" + 1;
END
$$;

CREATE FUNCTION "savings_month_end_after_movement"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  accounts uuid[];
  days date[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(29029);
  IF NOT EXISTS (SELECT 1 FROM "MonthEndClose") THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("accountId"), array_agg("date") INTO accounts, days FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg("accountId"), array_agg("date") INTO accounts, days FROM old_rows;
  ELSE
    SELECT array_agg(x."accountId"), array_agg(x."date") INTO accounts, days
    FROM (SELECT "accountId", "date" FROM old_rows UNION ALL SELECT "accountId", "date" FROM new_rows) x;
  END IF;
  PERFORM "savings_month_end_mark_stale"(accounts, days);
  RETURN NULL;
END
$$;

CREATE TRIGGER "savings_month_end_insert" AFTER INSERT ON "SavingsTransaction" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_month_end_after_movement"();
CREATE TRIGGER "savings_month_end_update" AFTER UPDATE ON "SavingsTransaction" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_month_end_after_movement"();
CREATE TRIGGER "savings_month_end_delete" AFTER DELETE ON "SavingsTransaction" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_month_end_after_movement"();

-- Emptying the movements empties what was kept from them.
CREATE FUNCTION "savings_month_end_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "SavingsMonthEnd", "SavingsMonthEndStale";
  RETURN NULL;
END
$$;

CREATE TRIGGER "savings_month_end_truncate" AFTER TRUNCATE ON "SavingsTransaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "savings_month_end_after_truncate"();
