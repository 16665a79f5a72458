-- CreateEnum
CREATE TYPE "PersonalDataAccessKind" AS ENUM ('DETAIL_PAGE', 'API_RECORD', 'EXPORT', 'SUBJECT_ACCESS');

-- AlterTable
ALTER TABLE "ExportJob" ADD COLUMN     "memberIds" TEXT[],
ADD COLUMN     "personalFields" TEXT[];

-- CreateTable
CREATE TABLE "PersonalDataAccess" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" UUID,
    "username" TEXT,
    "role" "Role",
    "orgUnitId" UUID,
    "kind" "PersonalDataAccessKind" NOT NULL,
    "memberId" UUID,
    "memberIds" TEXT[],
    "source" TEXT,
    "format" TEXT,
    "filters" JSONB,
    "rowCount" INTEGER,
    "fields" TEXT[],
    "purpose" TEXT,
    "requestId" TEXT,

    CONSTRAINT "PersonalDataAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonalDataAccess_memberId_at_idx" ON "PersonalDataAccess"("memberId", "at");

-- CreateIndex
CREATE INDEX "PersonalDataAccess_memberIds_idx" ON "PersonalDataAccess" USING GIN ("memberIds");

-- CreateIndex
CREATE INDEX "PersonalDataAccess_at_idx" ON "PersonalDataAccess"("at");

-- CreateIndex
CREATE INDEX "PersonalDataAccess_userId_at_idx" ON "PersonalDataAccess"("userId", "at");

-- Append-only, as the audit log (decision 025): a read once recorded is never changed or removed
-- by the application; the runtime role is granted SELECT and INSERT only (lib/db/runtime-role.ts).
CREATE FUNCTION "personal_data_access_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PersonalDataAccess is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "personal_data_access_no_update_delete" BEFORE UPDATE OR DELETE ON "PersonalDataAccess"
  FOR EACH ROW EXECUTE FUNCTION "personal_data_access_append_only"();

CREATE TRIGGER "personal_data_access_no_truncate" BEFORE TRUNCATE ON "PersonalDataAccess"
  FOR EACH STATEMENT EXECUTE FUNCTION "personal_data_access_append_only"();
