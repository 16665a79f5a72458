-- Vietnamese alphabetical order for names (issue #11, decision 013).
-- PostgreSQL's collations (C, C.UTF-8, en_US) put "Đ" after "Z" and sort "Ă", "Â" as "A" with
-- accents, and a person's list must sort by given name (the last word), not by family name.
-- vn_collation_key(text) turns a name into a key that sorts the Vietnamese way byte by byte
-- (the generated columns use COLLATE "C", so the server's collation does not matter):
--   1. letters in Vietnamese order: a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)
--      coded A..Z then a..g ("Ð"/"ð", look-alikes of "Đ"/"đ" from old font conversions, read as
--      "Đ"/"đ"); digits kept as digits (before letters); words separated by "#"; "!" ends the
--      letters, so "Lan" comes before "Lan Anh";
--   2. then the tones of every letter, 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng: tones only
--      decide between names with the same letters ("Binh" < "Bình" < "Bỉnh" < "Bính"),
-- which is the order of Intl.Collator('vi') (CLDR), checked by lib/members/sort-order.test.ts.
-- Anything that is not a letter or digit (hyphen, apostrophe, dot) separates words; case is ignored.
-- SET search_path: pg_restore computes the generated columns with an empty search path.
CREATE FUNCTION vn_collation_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT translate(w, 'aAàÀảẢãÃáÁạẠăĂằẰẳẲẵẴắẮặẶâÂầẦẩẨẫẪấẤậẬbBcCdDđĐeEèÈẻẺẽẼéÉẹẸêÊềỀểỂễỄếẾệỆfFgGhHiIìÌỉỈĩĨíÍịỊjJkKlLmMnNoOòÒỏỎõÕóÓọỌôÔồỒổỔỗỖốỐộỘơƠờỜởỞỡỠớỚợỢpPqQrRsStTuUùÙủỦũŨúÚụỤưƯừỪửỬữỮứỨựỰvVwWxXyYỳỲỷỶỹỸýÝỵỴzZÐð |', 'AAAAAAAAAAAABBBBBBBBBBBBCCCCCCCCCCCCDDEEFFGGHHHHHHHHHHHHIIIIIIIIIIIIJJKKLLMMMMMMMMMMMMNNOOPPQQRRSSSSSSSSSSSSTTTTTTTTTTTTUUUUUUUUUUUUVVWWXXYYZZaaaaaaaaaaaabbbbbbbbbbbbccddeeffffffffffffggGG#"') || '!' || translate(translate(w, ' |', ''), 'aAàÀảẢãÃáÁạẠăĂằẰẳẲẵẴắẮặẶâÂầẦẩẨẫẪấẤậẬbBcCdDđĐeEèÈẻẺẽẼéÉẹẸêÊềỀểỂễỄếẾệỆfFgGhHiIìÌỉỈĩĨíÍịỊjJkKlLmMnNoOòÒỏỎõÕóÓọỌôÔồỒổỔỗỖốỐộỘơƠờỜởỞỡỠớỚợỢpPqQrRsStTuUùÙủỦũŨúÚụỤưƯừỪửỬữỮứỨựỰvVwWxXyYỳỲỷỶỹỸýÝỵỴzZÐð0123456789', '001122334455001122334455001122334455000000000011223344550011223344550000000011223344550000000000001122334455001122334455001122334455000000000000112233445500112233445500000000112233445500000000000000')
  FROM (SELECT btrim(regexp_replace(normalize(t, NFC), '[^aAàÀảẢãÃáÁạẠăĂằẰẳẲẵẴắẮặẶâÂầẦẩẨẫẪấẤậẬbBcCdDđĐeEèÈẻẺẽẼéÉẹẸêÊềỀểỂễỄếẾệỆfFgGhHiIìÌỉỈĩĨíÍịỊjJkKlLmMnNoOòÒỏỎõÕóÓọỌôÔồỒổỔỗỖốỐộỘơƠờỜởỞỡỠớỚợỢpPqQrRsStTuUùÙủỦũŨúÚụỤưƯừỪửỬữỮứỨựỰvVwWxXyYỳỲỷỶỹỸýÝỵỴzZÐð0-9|]+', ' ', 'g')) AS w) cleaned
$fn$;

-- A person's name "Nguyễn Thị Ánh Tuyết" sorts as "Tuyết Nguyễn Thị Ánh": given name, family
-- name, then middle names — the order of Vietnamese class lists and registers. Names are cut at
-- spaces only, so a hyphenated given name stays one: "Nguyễn Thị Mai-Anh" sorts under "Mai-Anh".
-- They are joined with "|", coded '"': below "#" (a hyphen or apostrophe inside a name) and above
-- "!" (the end), so "Trần Thị Mai" comes before "Nguyễn Thị Mai-Anh".
CREATE FUNCTION vn_person_sort_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
  SELECT vn_collation_key(CASE WHEN n <= 1 THEN array_to_string(p, '|')
                               ELSE array_to_string(ARRAY[p[n], p[1]] || p[2:n - 1], '|') END)
  FROM (SELECT p, cardinality(p) AS n
        FROM (SELECT regexp_split_to_array(btrim(regexp_replace(replace(normalize(t, NFC), '|', ' '), '[[:space:]]+', ' ', 'g')), ' ') AS p) words) split
$fn$;

-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN "sortKey" TEXT COLLATE "C" GENERATED ALWAYS AS (vn_collation_key("name")) STORED;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN "sortKey" TEXT COLLATE "C" GENERATED ALWAYS AS (vn_person_sort_key("fullName")) STORED;

-- CreateIndex
CREATE INDEX "Member_orgUnitId_sortKey_idx" ON "Member"("orgUnitId", "sortKey");
