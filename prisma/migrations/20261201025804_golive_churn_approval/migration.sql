-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "churnReason" TEXT,
ADD COLUMN     "churnedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "approverMustDiffer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "executionNeedsApproval" BOOLEAN NOT NULL DEFAULT false;
