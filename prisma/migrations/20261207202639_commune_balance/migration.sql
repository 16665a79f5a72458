-- CreateTable
CREATE TABLE "CommuneBalance" (
    "orgUnitId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "balance" BIGINT NOT NULL,

    CONSTRAINT "CommuneBalance_pkey" PRIMARY KEY ("orgUnitId","programmeId")
);

-- Decision 033: each commune's outstanding per programme now, the sum of its months' balance
-- changes, kept by adding the differences of every statement on CommuneLedgerMonth (rows in key
-- order; a commune's row is written by the same refreshes that write its current month's row).
CREATE TYPE "CommuneBalanceChange" AS ("orgUnitId" UUID, "programmeId" UUID, "balance" BIGINT);

CREATE FUNCTION "commune_balance_apply"(changes "CommuneBalanceChange"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CommuneBalance" AS b ("orgUnitId", "programmeId", "balance")
  SELECT c."orgUnitId", c."programmeId", SUM(c."balance")::bigint FROM unnest(changes) c
  GROUP BY 1, 2 HAVING SUM(c."balance") <> 0 ORDER BY 1, 2
  ON CONFLICT ("orgUnitId", "programmeId") DO UPDATE SET "balance" = b."balance" + EXCLUDED."balance"
$$;

CREATE FUNCTION "commune_balance_after_month"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "commune_balance_apply"(ARRAY(SELECT ROW(n."orgUnitId", n."programmeId", n."balanceChange")::"CommuneBalanceChange" FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "commune_balance_apply"(ARRAY(SELECT ROW(o."orgUnitId", o."programmeId", -o."balanceChange")::"CommuneBalanceChange" FROM old_rows o));
  ELSE
    PERFORM "commune_balance_apply"(ARRAY(
      SELECT ROW(o."orgUnitId", o."programmeId", -o."balanceChange")::"CommuneBalanceChange" FROM old_rows o
      UNION ALL SELECT ROW(n."orgUnitId", n."programmeId", n."balanceChange")::"CommuneBalanceChange" FROM new_rows n));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "commune_balance_month_insert" AFTER INSERT ON "CommuneLedgerMonth" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "commune_balance_after_month"();
CREATE TRIGGER "commune_balance_month_update" AFTER UPDATE ON "CommuneLedgerMonth" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "commune_balance_after_month"();
CREATE TRIGGER "commune_balance_month_delete" AFTER DELETE ON "CommuneLedgerMonth" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "commune_balance_after_month"();

CREATE FUNCTION "commune_balance_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "CommuneBalance";
  RETURN NULL;
END
$$;
CREATE TRIGGER "commune_balance_month_truncate" AFTER TRUNCATE ON "CommuneLedgerMonth" FOR EACH STATEMENT EXECUTE FUNCTION "commune_balance_after_truncate"();

-- What the months already there add up to.
INSERT INTO "CommuneBalance" ("orgUnitId", "programmeId", "balance")
SELECT "orgUnitId", "programmeId", SUM("balanceChange")::bigint FROM "CommuneLedgerMonth" GROUP BY 1, 2;
