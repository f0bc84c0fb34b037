import type { Command } from 'commander';
import { composeThread, type ComposedThread } from '../../composition/compose-thread';
import { resolveEncryptionKey } from '../../db/encryption-key';
import { AppError } from '../../lib/errors';
import { getHubSpotStatus, type HubSpotStatus } from '../../services/hubspot/get-hubspot-status';
import type { HubSpotDeps } from '../../services/hubspot/hubspot-deps';
import { syncHubSpot, type HubSpotSyncReport } from '../../services/hubspot/sync-hubspot';
import { testHubSpotConnection } from '../../services/hubspot/test-hubspot-connection';
import { findOperatorOrganization } from '../../services/organizations/find-operator-organization';
import type { ServiceContext } from '../../services/context';
import { linkHubSpotCompany } from '../../services/hubspot/link-hubspot-company';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { resolveAccount } from '../resolve-account';
import { withSession, type CliSession } from '../session';

/** The status as the terminal shows it, one fact a line. */
export function describeHubSpotStatus(orgName: string, s: HubSpotStatus): string[] {
  const from = s.source === 'environment' ? 'token from HUBSPOT_ACCESS_TOKEN' : 'token saved in Settings';
  return [
    s.connected
      ? `HubSpot in "${orgName}": connected (${from}).`
      : `HubSpot in "${orgName}": not connected. ${s.notConnected}`,
    `HubSpot account (portal) id: ${s.portalId ?? 'not known yet (a Test or a sync finds it)'}`,
    `Webhooks: ${s.webhooks ? 'on (verified with the client secret)' : 'off (no client secret)'}`,
    `Last sync: ${s.lastSyncAt?.toISOString() ?? 'never'}`,
    ...(s.lastWebhookAt ? [`Last webhook: ${s.lastWebhookAt.toISOString()}`] : []),
    `Last error: ${s.lastError ? `${s.lastError.message} (${s.lastError.during}, ${s.lastError.at.toISOString()})` : 'none'}`,
    `Written back to HubSpot: ${s.writeBack.lastWriteBackAt?.toISOString() ?? 'nothing yet'}${s.writeBack.accountsWaiting ? ` (${s.writeBack.accountsWaiting} companies waiting, ${s.writeBack.accountsRetrying} after a failure)` : ''}`,
    ...(s.writeBack.lastWriteBackError
      ? [
          `Last write-back error: ${s.writeBack.lastWriteBackError.message} (${s.writeBack.lastWriteBackError.at.toISOString()})`,
        ]
      : []),
    'Rules:',
    ...s.rules.map((r) => `  ${r}`),
  ];
}

/** What a sync did, one deal a line. */
export function describeHubSpotSync(r: HubSpotSyncReport): string[] {
  const lines = [
    `Deals at a trigger stage changed since ${r.since.toISOString()}: ${r.found}. Accounts refreshed: ${r.refreshed}.`,
  ];
  for (const o of r.outcomes) {
    switch (o.kind) {
      case 'imported':
        lines.push(`  deal ${o.dealId}: account "${o.accountName}" made, pending its handoff`);
        for (const gap of o.gaps) lines.push(`    gap: ${gap}`);
        break;
      case 'already':
        lines.push(`  deal ${o.dealId}: already has its account`);
        break;
      case 'synced':
        lines.push(
          `  deal ${o.dealId}: its account refreshed${o.changes.length ? `: ${o.changes.join('; ')}` : ', nothing new'}`,
        );
        break;
      case 'not_trigger':
        lines.push(`  deal ${o.dealId}: no longer at a stage that starts onboarding (${o.stageId})`);
        break;
      case 'gone':
        lines.push(`  deal ${o.dealId}: no longer in HubSpot`);
        break;
    }
  }
  return lines;
}

interface HubSpotCli {
  ctx: ServiceContext;
  hubspot: HubSpotDeps;
  thread: ComposedThread;
  organization: { id: string; name: string };
}

/** The same HubSpot parts as the server's (the stored tokens opened with the same key), for one organisation. */
async function withHubSpot<T>(org: string | undefined, work: (h: HubSpotCli) => Promise<T>): Promise<T> {
  return withSession(async (session: CliSession) => {
    const { config, db, ctx } = session;
    const encryption = await resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir });
    const thread = composeThread({
      config,
      db,
      logger: ctx.logger,
      takesSlackRequests: false,
      encryptionKey: encryption.key,
    });
    try {
      if (!thread.hubspot) throw new AppError('internal', 'HubSpot was not composed');
      const organization = await findOperatorOrganization(ctx, { org });
      return await work({ ctx: thread.ctx, hubspot: thread.hubspot, thread, organization });
    } finally {
      thread.close();
    }
  });
}

export function registerHubSpotCommands(program: Command): void {
  const hubspot = program.command('hubspot').description('the HubSpot connector: status, test, sync, link');

  hubspot
    .command('status')
    .description('connected or not, the HubSpot account, last sync, last error, and the rules')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { org?: string }) => {
      await withHubSpot(opts.org, async ({ ctx, hubspot: deps, organization }) => {
        const status = await getHubSpotStatus(ctx, deps, { organizationId: organization.id, actor: 'cli' });
        console.log(describeHubSpotStatus(organization.name, status).join('\n'));
      });
    });

  hubspot
    .command('sync')
    .description('what the 15-minute sync does, now: accounts for deals that reached a trigger stage, and what it did')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { org?: string }) => {
      await withHubSpot(opts.org, async ({ ctx, hubspot: deps, organization }) => {
        const report = await syncHubSpot(ctx, deps, { organizationId: organization.id, actor: 'cli' });
        console.log(describeHubSpotSync(report).join('\n'));
        for (const f of report.failures) console.error(`thread: deal ${f.dealId}: ${f.message}`);
        if (report.failures.length > 0) process.exitCode = 1;
      });
    });

  hubspot
    .command('link <account> <companyId>')
    .description(
      'link an account typed into Thread to its HubSpot company (the digits in the company’s address), so the write-back keeps it current; "none" unlinks it',
    )
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (accountQuery: string, companyId: string, opts: { org?: string }) => {
      await withSession(async ({ ctx }) => {
        const account = await resolveAccount(ctx, accountQuery, opts.org);
        const linked = await linkHubSpotCompany(ctx, {
          organizationId: account.organizationId,
          accountId: account.id,
          companyId: companyId === 'none' ? null : companyId,
          actor: 'cli',
        });
        console.log(
          linked.companyId
            ? `${account.name} is linked to HubSpot company ${linked.companyId}; the write-back keeps its Thread properties current.`
            : `${account.name} is no longer linked to a HubSpot company.`,
        );
      });
    });

  hubspot
    .command('test')
    .description('one harmless call to HubSpot: which account the token reaches, and its deal pipelines')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { org?: string }) => {
      await withHubSpot(opts.org, async ({ ctx, hubspot: deps, organization }) => {
        const result = await testHubSpotConnection(ctx, deps, { organizationId: organization.id, actor: 'cli' });
        if (result.ok) console.log(result.message);
        else {
          console.error(`thread: ${result.message}`);
          process.exitCode = 1;
        }
      });
    });
}
