-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "txid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateTable
CREATE TABLE "HubSpotWriteBack" (
    "organizationId" TEXT NOT NULL,
    "cursorTxid" BIGINT NOT NULL,
    "cursorEventId" TEXT NOT NULL DEFAULT '',
    "linksWindow" INTEGER,
    "propertiesReadyAt" TIMESTAMP(3),
    "lastWriteBackAt" TIMESTAMP(3),
    "lastWriteBackError" TEXT,
    "lastWriteBackErrorAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HubSpotWriteBack_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "HubSpotCompanyWrite" (
    "accountId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "HubSpotCompanyWrite_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "HubSpotNote" (
    "auditEventId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "writtenAt" TIMESTAMP(3),
    "hubspotNoteId" TEXT,

    CONSTRAINT "HubSpotNote_pkey" PRIMARY KEY ("auditEventId")
);

-- CreateIndex
CREATE INDEX "HubSpotCompanyWrite_organizationId_dueAt_idx" ON "HubSpotCompanyWrite"("organizationId", "dueAt");

-- CreateIndex
CREATE INDEX "HubSpotNote_accountId_writtenAt_idx" ON "HubSpotNote"("accountId", "writtenAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_txid_idx" ON "AuditEvent"("organizationId", "txid");

-- AddForeignKey
ALTER TABLE "HubSpotWriteBack" ADD CONSTRAINT "HubSpotWriteBack_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HubSpotCompanyWrite" ADD CONSTRAINT "HubSpotCompanyWrite_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HubSpotNote" ADD CONSTRAINT "HubSpotNote_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
