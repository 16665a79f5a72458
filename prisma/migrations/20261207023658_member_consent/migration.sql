-- Issue 24 §1: members' consents (Law 91/2025/QH15), recorded as an append-only history (decision 024).
-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('LENDING_SAVINGS', 'BANK_SHARING');

-- CreateEnum
CREATE TYPE "ConsentAction" AS ENUM ('GIVEN', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('PAPER_FORM', 'ELECTRONIC');

-- CreateTable
CREATE TABLE "MemberConsent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "memberId" UUID NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL,
    "action" "ConsentAction" NOT NULL,
    "date" DATE NOT NULL,
    "method" "ConsentMethod" NOT NULL,
    "reference" TEXT NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberConsent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MemberConsent_memberId_purpose_date_idx" ON "MemberConsent"("memberId", "purpose", "date");

-- AddForeignKey
ALTER TABLE "MemberConsent" ADD CONSTRAINT "MemberConsent_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberConsent" ADD CONSTRAINT "MemberConsent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Consent records are a history of facts (decision 024): a correction is a new record, never an
-- edit, and nothing is deleted. Enforced in the database, as for the audit log.
CREATE FUNCTION "member_consent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'MemberConsent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "member_consent_no_update_delete" BEFORE UPDATE OR DELETE ON "MemberConsent"
  FOR EACH ROW EXECUTE FUNCTION "member_consent_append_only"();

CREATE TRIGGER "member_consent_no_truncate" BEFORE TRUNCATE ON "MemberConsent"
  FOR EACH STATEMENT EXECUTE FUNCTION "member_consent_append_only"();
