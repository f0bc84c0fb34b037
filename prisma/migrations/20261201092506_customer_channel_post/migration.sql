-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "customerPostChannel" TEXT,
ADD COLUMN     "customerPostClaimUntil" TIMESTAMP(3),
ADD COLUMN     "customerPostTs" TEXT;
