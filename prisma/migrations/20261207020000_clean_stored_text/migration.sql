-- Issue 22 §8 for what was stored before it: text written before input was cleaned (lib/text/
-- clean-text.ts) may hold zero-width characters, direction overrides or control characters, or be
-- in decomposed (NFD) form. The same cleaning, once, on every text column a person may read: line
-- breaks as \n, the unseen characters removed, NFC. Left as they are: the audit log and its chain
-- (append-only: an entry says what was written then), secrets and hashes, and generated columns
-- (recomputed from the cleaned text).
DO $$
DECLARE
  col record;
  unseen constant text := '[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]';
BEGIN
  FOR col IN
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying') AND c.is_generated = 'NEVER'
      AND c.table_name NOT IN ('AuditLog', 'AuditChainLink', '_prisma_migrations', 'AppSetting', 'ApiToken', 'SignInThrottle')
      AND c.column_name NOT IN ('passwordHash', 'tokenHash')
  LOOP
    EXECUTE format(
      'UPDATE %1$I SET %2$I = normalize(regexp_replace(regexp_replace(%2$I, %3$L, %4$L, ''g''), %5$L, '''', ''g''), NFC)
       WHERE %2$I ~ %5$L OR %2$I ~ %3$L OR NOT (%2$I IS NFC NORMALIZED)',
      col.table_name, col.column_name, E'\r\n?|[\u2028\u2029]', E'\n', unseen);
  END LOOP;
END
$$;
