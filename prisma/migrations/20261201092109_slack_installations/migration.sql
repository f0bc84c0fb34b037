-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "appId" TEXT,
    "botId" TEXT,
    "botUserId" TEXT,
    "botScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "installerSlackUserId" TEXT,
    "credentials" TEXT,
    "botTokenExpiresAt" TIMESTAMP(3),
    "installedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    "removedBecause" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_organizationId_key" ON "SlackInstallation"("organizationId");

-- CreateIndex
CREATE INDEX "SlackInstallation_teamId_idx" ON "SlackInstallation"("teamId");

-- CreateIndex
CREATE INDEX "SlackInstallation_enterpriseId_idx" ON "SlackInstallation"("enterpriseId");

-- AddForeignKey
ALTER TABLE "SlackInstallation" ADD CONSTRAINT "SlackInstallation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
