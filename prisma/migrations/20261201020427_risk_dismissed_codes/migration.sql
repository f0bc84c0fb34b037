-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "riskDismissedCodes" TEXT[] DEFAULT ARRAY[]::TEXT[];
