-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "crmFacts" JSONB;

-- AlterTable
ALTER TABLE "HandoffQuestion" ADD COLUMN     "crmProperty" TEXT,
ADD COLUMN     "helpText" TEXT;
