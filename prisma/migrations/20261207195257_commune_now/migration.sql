-- CreateTable
CREATE TABLE "CommuneNow" (
    "orgUnitId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "members" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "CommuneNow_pkey" PRIMARY KEY ("orgUnitId","kind")
);

-- CreateTable
CREATE TABLE "MemberSpread" (
    "memberId" UUID NOT NULL,
    "communes" INTEGER NOT NULL,

    CONSTRAINT "MemberSpread_pkey" PRIMARY KEY ("memberId")
);

-- CreateIndex
CREATE INDEX "MemberNow_memberId_idx" ON "MemberNow"("memberId");


-- Decision 033: a unit's distinct borrowers and savers now from a row per commune. MemberNow also
-- keeps, beside each kind, the member's row of its domain ('loan:*', 'save:*': any loan, any
-- savings) and her row of anything ('*'), summed from the same changes; so "does she have any
-- loan in this commune" is a row that exists or not, decided by the upsert on its key (no count to
-- race over). CommuneNow counts the rows per commune and kind; MemberSpread counts each member's
-- '*' rows, her communes.

CREATE INDEX "MemberSpread_spread_idx" ON "MemberSpread"("memberId") WHERE "communes" > 1;

-- What the data already there counts: the domain and '*' rows, then the communes' counts and spreads.
INSERT INTO "MemberNow" ("orgUnitId", "kind", "memberId", "items", "amount")
SELECT "orgUnitId", split_part("kind", ':', 1) || ':*', "memberId", SUM("items")::int, SUM("amount")::bigint FROM "MemberNow" GROUP BY 1, 2, 3
UNION ALL
SELECT "orgUnitId", '*', "memberId", SUM("items")::int, SUM("amount")::bigint FROM "MemberNow" GROUP BY 1, 3;

INSERT INTO "CommuneNow" ("orgUnitId", "kind", "members", "items", "amount")
SELECT "orgUnitId", "kind", COUNT(*)::int, SUM("items")::int, SUM("amount")::bigint FROM "MemberNow" GROUP BY 1, 2;

INSERT INTO "MemberSpread" ("memberId", "communes")
SELECT "memberId", COUNT(*)::int FROM "MemberNow" WHERE "kind" = '*' GROUP BY 1;

-- The changes of a member's kind rows, and the same changes to her domain and '*' rows.
CREATE OR REPLACE FUNCTION "member_now_apply"(changes "MemberNowChange"[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE emptied "MemberNowChange"[];
BEGIN
  IF changes IS NULL OR cardinality(changes) = 0 THEN RETURN; END IF;
  WITH c AS (
    SELECT c."orgUnitId", c."kind", c."memberId", c."items", c."amount" FROM unnest(changes) c
    UNION ALL SELECT c."orgUnitId", split_part(c."kind", ':', 1) || ':*', c."memberId", c."items", c."amount" FROM unnest(changes) c
    UNION ALL SELECT c."orgUnitId", '*', c."memberId", c."items", c."amount" FROM unnest(changes) c
  ), up AS (
    INSERT INTO "MemberNow" AS t ("orgUnitId", "kind", "memberId", "items", "amount")
    SELECT c."orgUnitId", c."kind", c."memberId", SUM(c."items")::int, SUM(c."amount")::bigint
    FROM c GROUP BY 1, 2, 3 HAVING SUM(c."items") <> 0 OR SUM(c."amount") <> 0
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

CREATE TYPE "CommuneNowChange" AS ("orgUnitId" UUID, "kind" TEXT, "members" INTEGER, "items" INTEGER, "amount" BIGINT);

-- Rows of MemberNow added (sign 1) or removed (-1): each a member more or less in its commune's
-- count of its kind; '*' rows also a commune more or less for their member. Rows changed in key
-- order; a member left in no commune loses her MemberSpread row. (CommuneNow keeps its rows at zero:
-- a commune has a dozen kinds at most.)
CREATE FUNCTION "commune_now_count"(deltas "CommuneNowChange"[], members UUID[], signs INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deltas IS NOT NULL AND cardinality(deltas) > 0 THEN
    INSERT INTO "CommuneNow" AS t ("orgUnitId", "kind", "members", "items", "amount")
    SELECT d."orgUnitId", d."kind", SUM(d."members")::int, SUM(d."items")::int, SUM(d."amount")::bigint
    FROM unnest(deltas) d GROUP BY 1, 2 HAVING SUM(d."members") <> 0 OR SUM(d."items") <> 0 OR SUM(d."amount") <> 0
    ORDER BY 1, 2
    ON CONFLICT ("orgUnitId", "kind") DO UPDATE
      SET "members" = t."members" + EXCLUDED."members", "items" = t."items" + EXCLUDED."items", "amount" = t."amount" + EXCLUDED."amount";
  END IF;
  IF members IS NOT NULL AND cardinality(members) > 0 THEN
    INSERT INTO "MemberSpread" AS t ("memberId", "communes")
    SELECT m.id, SUM(m.sign)::int FROM unnest(members, signs) AS m(id, sign) GROUP BY 1 HAVING SUM(m.sign) <> 0 ORDER BY 1
    ON CONFLICT ("memberId") DO UPDATE SET "communes" = t."communes" + EXCLUDED."communes";
    DELETE FROM "MemberSpread" WHERE "memberId" = ANY(members) AND "communes" = 0;
  END IF;
END
$$;

CREATE FUNCTION "commune_now_after_member_now"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas "CommuneNowChange"[];
  spread RECORD;
BEGIN
  IF TG_OP = 'INSERT' THEN
    deltas := ARRAY(SELECT ROW(n."orgUnitId", n."kind", 1, n."items", n."amount")::"CommuneNowChange" FROM new_rows n);
    SELECT array_agg(n."memberId") AS ids, array_agg(1) AS signs INTO spread FROM new_rows n WHERE n."kind" = '*';
  ELSIF TG_OP = 'DELETE' THEN
    deltas := ARRAY(SELECT ROW(o."orgUnitId", o."kind", -1, -o."items", -o."amount")::"CommuneNowChange" FROM old_rows o);
    SELECT array_agg(o."memberId") AS ids, array_agg(-1) AS signs INTO spread FROM old_rows o WHERE o."kind" = '*';
  ELSE
    -- The upsert changes amounts only; a row whose key changed would move between counts.
    deltas := ARRAY(
      SELECT ROW(o."orgUnitId", o."kind", -1, -o."items", -o."amount")::"CommuneNowChange" FROM old_rows o
      UNION ALL SELECT ROW(n."orgUnitId", n."kind", 1, n."items", n."amount")::"CommuneNowChange" FROM new_rows n);
    SELECT array_agg(x.id) AS ids, array_agg(x.sign) AS signs INTO spread FROM (
      SELECT o."memberId" AS id, -1 AS sign FROM old_rows o WHERE o."kind" = '*'
      UNION ALL SELECT n."memberId", 1 FROM new_rows n WHERE n."kind" = '*') x;
  END IF;
  PERFORM "commune_now_count"(deltas, spread.ids, spread.signs);
  RETURN NULL;
END
$$;

CREATE TRIGGER "commune_now_member_now_insert" AFTER INSERT ON "MemberNow" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "commune_now_after_member_now"();
CREATE TRIGGER "commune_now_member_now_update" AFTER UPDATE ON "MemberNow" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "commune_now_after_member_now"();
CREATE TRIGGER "commune_now_member_now_delete" AFTER DELETE ON "MemberNow" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "commune_now_after_member_now"();

CREATE FUNCTION "commune_now_after_member_now_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "CommuneNow", "MemberSpread";
  RETURN NULL;
END
$$;
CREATE TRIGGER "commune_now_member_now_truncate" AFTER TRUNCATE ON "MemberNow" FOR EACH STATEMENT EXECUTE FUNCTION "commune_now_after_member_now_truncate"();

-- Emptying the loans' (or the savings') rows wholesale also takes their part out of the domain and
-- '*' rows: those are rebuilt from what is left (the triggers above follow).
CREATE FUNCTION "member_now_rebuild_any"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "MemberNow" WHERE "kind" = '*';
  INSERT INTO "MemberNow" ("orgUnitId", "kind", "memberId", "items", "amount")
  SELECT "orgUnitId", '*', "memberId", SUM("items")::int, SUM("amount")::bigint FROM "MemberNow" WHERE "kind" LIKE '%:*' GROUP BY 1, 3 ORDER BY 1, 3;
END
$$;

CREATE OR REPLACE FUNCTION "kept_now_after_span_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "OpenLoanTally";
  DELETE FROM "MemberNow" WHERE "kind" LIKE 'loan:%';
  PERFORM "member_now_rebuild_any"();
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "member_now_after_balance_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "MemberNow" WHERE "kind" LIKE 'save:%';
  PERFORM "member_now_rebuild_any"();
  RETURN NULL;
END
$$;
