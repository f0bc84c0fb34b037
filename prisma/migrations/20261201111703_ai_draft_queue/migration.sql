-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "aiDraftAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "aiDraftClaimUntil" TIMESTAMP(3),
ADD COLUMN     "aiDraftNote" TEXT,
ADD COLUMN     "aiDraftWantedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Action_aiDraftWantedAt_idx" ON "Action"("aiDraftWantedAt");
