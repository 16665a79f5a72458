-- CreateTable
CREATE TABLE "MemberNow" (
    "orgUnitId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "items" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "MemberNow_pkey" PRIMARY KEY ("orgUnitId","kind","memberId")
);

-- Decision 031, second part: distinct borrowers and savers now, and the savings balance, counted from
-- a small table of what each member has in each commune (a province's 30,000 borrowers and 13,000
-- savers are rows next to each other in its key, not loans and accounts spread over the disk).

CREATE TYPE "MemberNowChange" AS ("orgUnitId" UUID, "kind" TEXT, "memberId" UUID, "items" INTEGER, "amount" BIGINT);

-- Adds the changes (summed per row), rows in key order so that two statements never wait for each
-- other in a circle; a row left with nothing is removed.
CREATE FUNCTION "member_now_apply"(changes "MemberNowChange"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE emptied "MemberNowChange"[];
BEGIN
  IF changes IS NULL OR cardinality(changes) = 0 THEN RETURN; END IF;
  WITH up AS (
    INSERT INTO "MemberNow" AS t ("orgUnitId", "kind", "memberId", "items", "amount")
    SELECT c."orgUnitId", c."kind", c."memberId", SUM(c."items")::int, SUM(c."amount")::bigint
    FROM unnest(changes) c GROUP BY 1, 2, 3 HAVING SUM(c."items") <> 0 OR SUM(c."amount") <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ("orgUnitId", "kind", "memberId") DO UPDATE SET "items" = t."items" + EXCLUDED."items", "amount" = t."amount" + EXCLUDED."amount"
    RETURNING t.*
  )
  SELECT array_agg(ROW(up.*)::"MemberNowChange") INTO emptied FROM up WHERE up."items" = 0 AND up."amount" = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM "MemberNow" t USING unnest(emptied) e
    WHERE (t."orgUnitId", t."kind", t."memberId") = (e."orgUnitId", e."kind", e."memberId") AND t."items" = 0 AND t."amount" = 0;
  END IF;
END
$$;

-- An open loan span counts one loan of its programme's fund source (fixed when the programme is
-- created) for its borrower in its commune.
CREATE FUNCTION "member_now_after_span"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "member_now_apply"(ARRAY(
      SELECT ROW(n."orgUnitId", 'loan:' || p."fundSource", n."memberId", 1, 0)::"MemberNowChange"
      FROM new_rows n JOIN "Programme" p ON p."id" = n."programmeId" WHERE n."closedOn" IS NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "member_now_apply"(ARRAY(
      SELECT ROW(o."orgUnitId", 'loan:' || p."fundSource", o."memberId", -1, 0)::"MemberNowChange"
      FROM old_rows o JOIN "Programme" p ON p."id" = o."programmeId" WHERE o."closedOn" IS NULL));
  ELSE
    PERFORM "member_now_apply"(ARRAY(
      SELECT ROW(o."orgUnitId", 'loan:' || p."fundSource", o."memberId", -1, 0)::"MemberNowChange"
      FROM old_rows o JOIN "Programme" p ON p."id" = o."programmeId" WHERE o."closedOn" IS NULL
      UNION ALL
      SELECT ROW(n."orgUnitId", 'loan:' || p."fundSource", n."memberId", 1, 0)::"MemberNowChange"
      FROM new_rows n JOIN "Programme" p ON p."id" = n."programmeId" WHERE n."closedOn" IS NULL));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "member_now_span_insert" AFTER INSERT ON "LoanSpan" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_span"();
CREATE TRIGGER "member_now_span_update" AFTER UPDATE ON "LoanSpan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_span"();
CREATE TRIGGER "member_now_span_delete" AFTER DELETE ON "LoanSpan" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_span"();

-- A savings account with a positive balance counts one account and its balance, of its scheme's kind
-- (fixed when the scheme is created), for its member in its commune: changed by a movement (its
-- balance) or by the account moving (a transfer, a reorganisation). Each trigger reads the other
-- table as it is, so together they keep the sum.
CREATE FUNCTION "member_now_savings"(balances "SavingsBalance"[], sign INTEGER) RETURNS "MemberNowChange"[] LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT ROW(a."orgUnitId", 'save:' || s."kind", a."memberId", sign, sign * b."balance")::"MemberNowChange"
    FROM unnest(balances) b JOIN "SavingsAccount" a ON a."id" = b."accountId" JOIN "SavingsScheme" s ON s."id" = a."schemeId"
    WHERE b."balance" > 0)
$$;

CREATE FUNCTION "member_now_after_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "member_now_apply"("member_now_savings"(ARRAY(SELECT ROW(n."accountId", n."balance", n."lastEventOn")::"SavingsBalance" FROM new_rows n), 1));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "member_now_apply"("member_now_savings"(ARRAY(SELECT ROW(o."accountId", o."balance", o."lastEventOn")::"SavingsBalance" FROM old_rows o), -1));
  ELSE
    PERFORM "member_now_apply"("member_now_savings"(ARRAY(SELECT ROW(o."accountId", o."balance", o."lastEventOn")::"SavingsBalance" FROM old_rows o), -1) || "member_now_savings"(ARRAY(SELECT ROW(n."accountId", n."balance", n."lastEventOn")::"SavingsBalance" FROM new_rows n), 1));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "member_now_balance_insert" AFTER INSERT ON "SavingsBalance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_balance"();
CREATE TRIGGER "member_now_balance_update" AFTER UPDATE ON "SavingsBalance" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_balance"();
CREATE TRIGGER "member_now_balance_delete" AFTER DELETE ON "SavingsBalance" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_balance"();

CREATE FUNCTION "member_now_after_account"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM "member_now_apply"(ARRAY(
      SELECT ROW(c."orgUnitId", 'save:' || s."kind", c."memberId", c.sign, c.sign * b."balance")::"MemberNowChange"
      FROM (
        SELECT o."id", o."orgUnitId", o."memberId", o."schemeId", -1 AS sign FROM old_rows o
        UNION ALL SELECT n."id", n."orgUnitId", n."memberId", n."schemeId", 1 FROM new_rows n
      ) c
      JOIN "SavingsBalance" b ON b."accountId" = c."id" AND b."balance" > 0
      JOIN "SavingsScheme" s ON s."id" = c."schemeId"));
  ELSE
    PERFORM "member_now_apply"(ARRAY(
      SELECT ROW(o."orgUnitId", 'save:' || s."kind", o."memberId", -1, -b."balance")::"MemberNowChange"
      FROM old_rows o JOIN "SavingsBalance" b ON b."accountId" = o."id" AND b."balance" > 0 JOIN "SavingsScheme" s ON s."id" = o."schemeId"));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "member_now_account_update" AFTER UPDATE ON "SavingsAccount" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_account"();
CREATE TRIGGER "member_now_account_delete" AFTER DELETE ON "SavingsAccount" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_account"();

-- Emptied wholesale (TRUNCATE fires no row or statement triggers): so are the tallies kept from them.
CREATE FUNCTION "kept_now_after_span_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "OpenLoanTally";
  DELETE FROM "MemberNow" WHERE "kind" LIKE 'loan:%';
  RETURN NULL;
END
$$;
CREATE TRIGGER "kept_now_span_truncate" AFTER TRUNCATE ON "LoanSpan" FOR EACH STATEMENT EXECUTE FUNCTION "kept_now_after_span_truncate"();

CREATE FUNCTION "member_now_after_balance_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "MemberNow" WHERE "kind" LIKE 'save:%';
  RETURN NULL;
END
$$;
CREATE TRIGGER "member_now_balance_truncate" AFTER TRUNCATE ON "SavingsBalance" FOR EACH STATEMENT EXECUTE FUNCTION "member_now_after_balance_truncate"();

-- What the data already there counts.
INSERT INTO "MemberNow" ("orgUnitId", "kind", "memberId", "items", "amount")
SELECT s."orgUnitId", 'loan:' || p."fundSource", s."memberId", COUNT(*)::int, 0
FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId" WHERE s."closedOn" IS NULL GROUP BY 1, 2, 3
UNION ALL
SELECT a."orgUnitId", 'save:' || sc."kind", a."memberId", COUNT(*)::int, SUM(b."balance")::bigint
FROM "SavingsBalance" b JOIN "SavingsAccount" a ON a."id" = b."accountId" JOIN "SavingsScheme" sc ON sc."id" = a."schemeId"
WHERE b."balance" > 0 GROUP BY 1, 2, 3;
