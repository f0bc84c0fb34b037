-- AlterTable
ALTER TABLE "Handoff" ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "requestedAt" TIMESTAMP(3),
ADD COLUMN     "startedWithoutHandoffAt" TIMESTAMP(3),
ADD COLUMN     "startedWithoutHandoffById" TEXT,
ADD COLUMN     "startedWithoutHandoffReason" TEXT,
ADD COLUMN     "stepAnswers" JSONB,
ADD COLUMN     "tokenExpiresAt" TIMESTAMP(3),
ADD COLUMN     "tokenHash" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "handoffReminderHours" INTEGER NOT NULL DEFAULT 24;

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_tokenHash_key" ON "Handoff"("tokenHash");

-- CreateIndex
CREATE INDEX "Handoff_submittedAt_requestedAt_idx" ON "Handoff"("submittedAt", "requestedAt");
