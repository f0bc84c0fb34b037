-- CreateEnum
CREATE TYPE "HandoffFindingSource" AS ENUM ('rules', 'ai');

-- CreateEnum
CREATE TYPE "HandoffFindingStatus" AS ENUM ('open', 'accepted', 'dismissed');

-- CreateTable
CREATE TABLE "HandoffFinding" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "source" "HandoffFindingSource" NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "fingerprint" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "suggestion" JSONB NOT NULL,
    "status" "HandoffFindingStatus" NOT NULL DEFAULT 'open',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoffFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HandoffFinding_accountId_status_idx" ON "HandoffFinding"("accountId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "HandoffFinding_accountId_fingerprint_key" ON "HandoffFinding"("accountId", "fingerprint");

-- AddForeignKey
ALTER TABLE "HandoffFinding" ADD CONSTRAINT "HandoffFinding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffFinding" ADD CONSTRAINT "HandoffFinding_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffFinding" ADD CONSTRAINT "HandoffFinding_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
