-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "removedFromCrmAt" TIMESTAMP(3);
