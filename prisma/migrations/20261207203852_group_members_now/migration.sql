-- CreateTable
CREATE TABLE "GroupMembersNow" (
    "groupId" UUID NOT NULL,
    "members" INTEGER NOT NULL,

    CONSTRAINT "GroupMembersNow_pkey" PRIMARY KEY ("groupId")
);

-- Decision 033: each group's open memberships, kept by adding each statement's difference (groups in
-- key order). A membership is open while it has no end date.
CREATE FUNCTION "group_members_now_apply"(groups UUID[], deltas INTEGER[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "GroupMembersNow" AS k ("groupId", "members")
  SELECT c.g, SUM(c.d)::int FROM unnest(groups, deltas) AS c(g, d) GROUP BY 1 HAVING SUM(c.d) <> 0 ORDER BY 1
  ON CONFLICT ("groupId") DO UPDATE SET "members" = k."members" + EXCLUDED."members"
$$;

CREATE FUNCTION "group_members_now_after_history"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changes RECORD;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n."groupId") AS g, array_agg(1) AS d INTO changes FROM new_rows n WHERE n."toDate" IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o."groupId") AS g, array_agg(-1) AS d INTO changes FROM old_rows o WHERE o."toDate" IS NULL;
  ELSE
    SELECT array_agg(x.g) AS g, array_agg(x.d) AS d INTO changes FROM (
      SELECT o."groupId" AS g, -1 AS d FROM old_rows o WHERE o."toDate" IS NULL
      UNION ALL SELECT n."groupId", 1 FROM new_rows n WHERE n."toDate" IS NULL) x;
  END IF;
  IF changes.g IS NOT NULL THEN PERFORM "group_members_now_apply"(changes.g, changes.d); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "group_members_now_history_insert" AFTER INSERT ON "MemberGroupHistory" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "group_members_now_after_history"();
CREATE TRIGGER "group_members_now_history_update" AFTER UPDATE ON "MemberGroupHistory" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "group_members_now_after_history"();
CREATE TRIGGER "group_members_now_history_delete" AFTER DELETE ON "MemberGroupHistory" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "group_members_now_after_history"();

CREATE FUNCTION "group_members_now_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "GroupMembersNow";
  RETURN NULL;
END
$$;
CREATE TRIGGER "group_members_now_history_truncate" AFTER TRUNCATE ON "MemberGroupHistory"
  FOR EACH STATEMENT EXECUTE FUNCTION "group_members_now_after_truncate"();

-- Whether any membership starts or ends after a day: one index lookup.
CREATE INDEX "MemberGroupHistory_latest_idx" ON "MemberGroupHistory" ((GREATEST("fromDate", COALESCE("toDate", "fromDate"))));

-- The memberships already there.
INSERT INTO "GroupMembersNow" ("groupId", "members")
SELECT "groupId", COUNT(*)::int FROM "MemberGroupHistory" WHERE "toDate" IS NULL GROUP BY 1;
