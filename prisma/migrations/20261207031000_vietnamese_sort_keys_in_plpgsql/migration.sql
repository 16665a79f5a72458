-- The Vietnamese sort keys (decision 013) as PL/pgSQL, same text: every member's name goes through
-- them when she is written (Member.sortKey is generated), and as SQL functions with a SET clause
-- they were planned and run as a sub-query per row — 0,16 ms a name on the embedded database, the
-- largest part of importing a member (decision 022). PL/pgSQL keeps its plans and names its
-- intermediate values: about half. vn_collation_key calls built-in functions only, which every
-- search path finds (pg_catalog), so it needs no SET; vn_person_sort_key keeps it for its call of
-- vn_collation_key (pg_restore computes generated columns with an empty search path). The stored
-- keys do not change (lib/members/sort-order.test.ts holds the order).
CREATE OR REPLACE FUNCTION vn_collation_key(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  w text := btrim(regexp_replace(normalize(t, NFC), '[^aAàÀảẢãÃáÁạẠăĂằẰẳẲẵẴắẮặẶâÂầẦẩẨẫẪấẤậẬbBcCdDđĐeEèÈẻẺẽẼéÉẹẸêÊềỀểỂễỄếẾệỆfFgGhHiIìÌỉỈĩĨíÍịỊjJkKlLmMnNoOòÒỏỎõÕóÓọỌôÔồỒổỔỗỖốỐộỘơƠờỜởỞỡỠớỚợỢpPqQrRsStTuUùÙủỦũŨúÚụỤưƯừỪửỬữỮứỨựỰvVwWxXyYỳỲỷỶỹỸýÝỵỴzZÐð0-9|]+', ' ', 'g'));
BEGIN
  RETURN translate(w, 'aAàÀảẢãÃáÁạẠăĂằẰẳẲẵẴắẮặẶâÂầẦẩẨẫẪấẤậẬbBcCdDđĐeEèÈẻẺẽẼéÉẹẸêÊềỀểỂễỄếẾệỆfFgGhHiIìÌỉỈĩĨíÍịỊjJkKlLmMnNoOòÒỏỎõÕóÓọỌôÔồỒổỔỗỖốỐộỘơƠờỜởỞỡỠớỚợỢpPqQrRsStTuUùÙủỦũŨúÚụỤưƯừỪửỬữỮứỨựỰvVwWxXyYỳỲỷỶỹỸýÝỵỴzZÐð |', 'AAAAAAAAAAAABBBBBBBBBBBBCCCCCCCCCCCCDDEEFFGGHHHHHHHHHHHHIIIIIIIIIIIIJJKKLLMMMMMMMMMMMMNNOOPPQQRRSSSSSSSSSSSSTTTTTTTTTTTTUUUUUUUUUUUUVVWWXXYYZZaaaaaaaaaaaabbbbbbbbbbbbccddeeffffffffffffggGG#"') || '!' || translate(translate(w, ' |', ''), 'aAàÀảẢãÃáÁạẠăĂằẰẳẲẵẴắẮặẶâÂầẦẩẨẫẪấẤậẬbBcCdDđĐeEèÈẻẺẽẼéÉẹẸêÊềỀểỂễỄếẾệỆfFgGhHiIìÌỉỈĩĨíÍịỊjJkKlLmMnNoOòÒỏỎõÕóÓọỌôÔồỒổỔỗỖốỐộỘơƠờỜởỞỡỠớỚợỢpPqQrRsStTuUùÙủỦũŨúÚụỤưƯừỪửỬữỮứỨựỰvVwWxXyYỳỲỷỶỹỸýÝỵỴzZÐð0123456789', '001122334455001122334455001122334455000000000011223344550011223344550000000011223344550000000000001122334455001122334455001122334455000000000000112233445500112233445500000000112233445500000000000000');
END
$fn$;

CREATE OR REPLACE FUNCTION vn_person_sort_key(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
DECLARE
  p text[] := regexp_split_to_array(btrim(regexp_replace(replace(normalize(t, NFC), '|', ' '), '[[:space:]]+', ' ', 'g')), ' ');
  n int := cardinality(p);
BEGIN
  RETURN vn_collation_key(CASE WHEN n <= 1 THEN array_to_string(p, '|') ELSE array_to_string(ARRAY[p[n], p[1]] || p[2:n - 1], '|') END);
END
$fn$;
