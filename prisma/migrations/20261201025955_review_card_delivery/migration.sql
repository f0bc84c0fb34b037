-- CreateEnum
CREATE TYPE "ReviewCardDelivery" AS ENUM ('as_they_come', 'digest');

-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "reviewCardClaimUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reviewCardDelivery" "ReviewCardDelivery" NOT NULL DEFAULT 'as_they_come';

-- CreateTable
CREATE TABLE "UnreachableChannel" (
    "organizationId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "toldAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnreachableChannel_pkey" PRIMARY KEY ("organizationId","channelId")
);

-- AddForeignKey
ALTER TABLE "UnreachableChannel" ADD CONSTRAINT "UnreachableChannel_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
