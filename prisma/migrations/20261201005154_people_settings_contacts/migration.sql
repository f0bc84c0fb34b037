-- CreateEnum
CREATE TYPE "ContactRole" AS ENUM ('primary', 'champion', 'technical', 'billing', 'executive_sponsor');

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "role" "ContactRole" NOT NULL DEFAULT 'champion';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "defaultCsmChannelId" TEXT,
ADD COLUMN     "portalReminderMaxCount" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "slackEnterpriseId" TEXT,
ADD COLUMN     "workingDays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
ADD COLUMN     "workspaceMembersCanView" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "addedAt" TIMESTAMP(3),
ADD COLUMN     "avatarUrl" TEXT,
ADD COLUMN     "profileRefreshedAt" TIMESTAMP(3),
ADD COLUMN     "replyToEmail" TEXT,
ADD COLUMN     "timezone" TEXT,
ADD COLUMN     "title" TEXT;

-- CreateIndex
CREATE INDEX "Organization_slackEnterpriseId_idx" ON "Organization"("slackEnterpriseId");

-- Existing data (written by hand after the generated part):
-- Everyone who already used Thread keeps using it: existing people count as added by an admin.
UPDATE "User" SET "addedAt" = "createdAt";

-- An organisation must have an admin, and before roles could change nobody had one: its oldest person becomes it.
UPDATE "User" u SET "role" = 'admin'
WHERE u."id" IN (
  SELECT DISTINCT ON (x."organizationId") x."id" FROM "User" x
  WHERE NOT EXISTS (SELECT 1 FROM "User" a WHERE a."organizationId" = x."organizationId" AND a."role" = 'admin')
  ORDER BY x."organizationId", x."createdAt", x."id"
);

-- Exactly one primary contact per account with contacts: the one marked primary (the oldest of several),
-- otherwise the oldest contact. Everyone else is a champion until a CSM says otherwise.
UPDATE "Contact" SET "isPrimary" = false
WHERE "id" NOT IN (
  SELECT DISTINCT ON (c."accountId") c."id" FROM "Contact" c
  ORDER BY c."accountId", c."isPrimary" DESC, c."createdAt", c."id"
);
UPDATE "Contact" SET "isPrimary" = true, "role" = 'primary'
WHERE "id" IN (
  SELECT DISTINCT ON (c."accountId") c."id" FROM "Contact" c
  ORDER BY c."accountId", c."isPrimary" DESC, c."createdAt", c."id"
);
