-- CreateEnum
CREATE TYPE "SlipSide" AS ENUM ('customer', 'us', 'third_party');

-- AlterEnum
ALTER TYPE "UserRole" ADD VALUE 'lead';

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "daysBehind" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slipRefreshedAt" TIMESTAMP(3),
ADD COLUMN     "timeToValueDays" INTEGER;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "actualDays" INTEGER,
ADD COLUMN     "blockCause" "SlipSide";

-- CreateTable
CREATE TABLE "MilestoneBlock" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "cause" "SlipSide" NOT NULL,
    "note" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "startedBy" TEXT NOT NULL,

    CONSTRAINT "MilestoneBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlipDay" (
    "accountId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "side" "SlipSide" NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actionKey" TEXT,
    "templateId" TEXT,

    CONSTRAINT "SlipDay_pkey" PRIMARY KEY ("accountId","date")
);

-- CreateIndex
CREATE INDEX "MilestoneBlock_accountId_startedAt_idx" ON "MilestoneBlock"("accountId", "startedAt");

-- CreateIndex
CREATE INDEX "MilestoneBlock_organizationId_startedAt_idx" ON "MilestoneBlock"("organizationId", "startedAt");

-- CreateIndex
CREATE INDEX "MilestoneBlock_milestoneId_endedAt_idx" ON "MilestoneBlock"("milestoneId", "endedAt");

-- CreateIndex
CREATE INDEX "SlipDay_organizationId_date_idx" ON "SlipDay"("organizationId", "date");

-- CreateIndex
CREATE INDEX "SlipDay_templateId_actionKey_idx" ON "SlipDay"("templateId", "actionKey");

-- AddForeignKey
ALTER TABLE "MilestoneBlock" ADD CONSTRAINT "MilestoneBlock_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneBlock" ADD CONSTRAINT "MilestoneBlock_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlipDay" ADD CONSTRAINT "SlipDay_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlipDay" ADD CONSTRAINT "SlipDay_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;
