-- CreateEnum
CREATE TYPE "ReversalRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "ReversalRequest" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "loanId" UUID NOT NULL,
    "transactionId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ReversalRequestStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,

    CONSTRAINT "ReversalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReversalRequest_status_loanId_idx" ON "ReversalRequest"("status", "loanId");

-- CreateIndex
CREATE INDEX "ReversalRequest_transactionId_idx" ON "ReversalRequest"("transactionId");

-- AddForeignKey
ALTER TABLE "ReversalRequest" ADD CONSTRAINT "ReversalRequest_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReversalRequest" ADD CONSTRAINT "ReversalRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReversalRequest" ADD CONSTRAINT "ReversalRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
