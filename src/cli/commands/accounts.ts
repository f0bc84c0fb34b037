import { InvalidArgumentError, type Command } from 'commander';
import { createAccount } from '../../services/accounts/create-account';
import { ACCOUNT_STATUSES, listAccounts } from '../../services/accounts/list-accounts';
import { findOperatorOrganization } from '../../services/organizations/find-operator-organization';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { withSession } from '../session';
import { formatTable } from '../table';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, e.g. 48000');
  return Number(value);
}

function status(value: string): string {
  if (!(ACCOUNT_STATUSES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${ACCOUNT_STATUSES.join(', ')}`);
  return value;
}

export function registerAccountCommands(program: Command): void {
  const accounts = program.command('accounts').description('customer accounts: create, list');

  accounts
    .command('create')
    .description('create an account and instantiate its plan from a template')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .requiredOption('--name <name>', 'company name')
    .requiredOption('--template <template>', 'template name')
    .option('--csm <slackUserId>', 'the CSM, as a Slack user id (U…)')
    .option('--arr <amount>', 'annual recurring revenue, whole currency units', wholeNumber)
    .option('--contact-email <email>', 'primary contact email')
    .option('--contact-name <name>', 'primary contact name')
    .option('--kickoff <yyyy-mm-dd>', 'kickoff date (default: today)')
    .option('--domain <domain>', 'company domain, e.g. acme.io')
    .action(
      async (opts: {
        name: string;
        template: string;
        csm?: string;
        arr?: number;
        contactEmail?: string;
        contactName?: string;
        kickoff?: string;
        domain?: string;
        org?: string;
      }) => {
        if (opts.contactName && !opts.contactEmail)
          throw new InvalidArgumentError('--contact-name needs --contact-email');
        await withSession(async ({ ctx }) => {
          const org = await findOperatorOrganization(ctx, { org: opts.org });
          const account = await createAccount(ctx, {
            organizationId: org.id,
            name: opts.name,
            templateName: opts.template,
            csmSlackUserId: opts.csm,
            arr: opts.arr,
            domain: opts.domain,
            contact: opts.contactEmail ? { email: opts.contactEmail, name: opts.contactName } : undefined,
            kickoffDate: opts.kickoff,
            actor: 'cli',
          });
          console.log(
            `Created "${account.name}" (${account.id}): ${account.milestones} milestones, ${account.actions} actions; kickoff ${account.kickoffDate}, planned go-live ${account.goLiveDate}.`,
          );
        });
      },
    );

  accounts
    .command('list')
    .description('list accounts, next action first')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .option('--status <status>', `only accounts with this status (${ACCOUNT_STATUSES.join(', ')})`, status)
    .option('--limit <n>', 'at most this many', wholeNumber)
    .action(async (opts: { status?: (typeof ACCOUNT_STATUSES)[number]; limit?: number; org?: string }) => {
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        const rows = await listAccounts(ctx, { organizationId: org.id, status: opts.status, limit: opts.limit ?? 200 });
        if (rows.length === 0) {
          console.log(
            opts.status
              ? `No ${opts.status} accounts.`
              : 'No accounts yet. Create one: npm run thread -- accounts create --name "…" --template "…"',
          );
          return;
        }
        console.log(
          formatTable(
            ['account', 'status', 'milestone', 'next action', 'ARR', 'CSM', 'progress'],
            rows.map((a) => [
              a.name,
              a.status,
              a.currentMilestone ? `${a.currentMilestone}${a.currentMilestoneBlocked ? ' (blocked)' : ''}` : null,
              a.nextActionAt?.toISOString().slice(0, 16).replace('T', ' '),
              a.arr.toLocaleString('en-US'),
              a.csmName,
              `${a.progressPct}%`,
            ]),
          ),
        );
      });
    });
}
