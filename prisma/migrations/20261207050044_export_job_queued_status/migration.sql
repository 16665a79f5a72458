-- AlterEnum
-- On its own: PostgreSQL does not let the transaction that adds an enum value use it (the next
-- migration makes it the default).
ALTER TYPE "ExportJobStatus" ADD VALUE 'QUEUED';
