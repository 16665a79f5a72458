-- CreateTable
CREATE TABLE "AuditChainLink" (
    "seq" BIGINT NOT NULL,
    "auditId" BIGINT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "linkedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditChainLink_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditChainLink_auditId_key" ON "AuditChainLink"("auditId");

-- The text of an audit entry that its link's hash covers: every column, NULL as \N, separated by
-- the unit separator (U+001F); JSON in jsonb's own canonical text. `npm run audit:verify` rebuilds
-- the same text from built-in functions only, so changing this function cannot hide a change.
CREATE FUNCTION "audit_entry_text"(e "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(chr(31), e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(e."actorId"::text, '\N'), coalesce(e."actorUsername", '\N'), e.action, e.entity,
    coalesce(e."entityId", '\N'), coalesce(e.before::text, '\N'), coalesce(e.after::text, '\N'), coalesce(e."requestId", '\N'))
$$;

-- Links existing entries in the order they were written.
DO $$
DECLARE
  entry "AuditLog";
  last_hash text := repeat('0', 64);
  next_hash text;
  n bigint := 0;
BEGIN
  FOR entry IN SELECT * FROM "AuditLog" ORDER BY id LOOP
    n := n + 1;
    next_hash := encode(sha256(convert_to(last_hash || chr(31) || "audit_entry_text"(entry), 'UTF8')), 'hex');
    INSERT INTO "AuditChainLink" (seq, "auditId", "prevHash", hash) VALUES (n, entry.id, last_hash, next_hash);
    last_hash := next_hash;
  END LOOP;
END
$$;

-- Each new entry is linked when its transaction commits (a deferred constraint trigger): the chain's
-- lock is held only while committing, so audited transactions do not queue behind each other, and
-- the chain follows the order in which entries became visible.
CREATE FUNCTION "audit_chain_link"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('AuditChainLink'));
  SELECT seq, hash INTO last_seq, last_hash FROM "AuditChainLink" ORDER BY seq DESC LIMIT 1;
  last_hash := coalesce(last_hash, repeat('0', 64));
  INSERT INTO "AuditChainLink" (seq, "auditId", "prevHash", hash)
  VALUES (coalesce(last_seq, 0) + 1, NEW.id, last_hash,
          encode(sha256(convert_to(last_hash || chr(31) || "audit_entry_text"(NEW), 'UTF8')), 'hex'));
  RETURN NULL;
END
$$;

-- It runs with its owner's rights, so the runtime role (decision 020) needs no INSERT on the chain.
ALTER FUNCTION "audit_chain_link"() SECURITY DEFINER SET search_path FROM CURRENT;

CREATE CONSTRAINT TRIGGER "audit_log_chain" AFTER INSERT ON "AuditLog"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_chain_link"();

-- The chain is append-only like the log (the refusal now names the table it protects).
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "audit_chain_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditChainLink"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "audit_chain_no_truncate" BEFORE TRUNCATE ON "AuditChainLink"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
