import { InvalidArgumentError, type Command } from 'commander';
import { createPortalLink } from '../../services/portal/create-portal-link';
import { revokePortalLink } from '../../services/portal/revoke-portal-link';
import { resolveAccount } from '../resolve-account';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { withSession } from '../session';

function days(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 365)
    throw new InvalidArgumentError('expected a whole number of days from 1 to 365');
  return Number(value);
}

export function registerPortalCommands(program: Command): void {
  const portal = program.command('portal').description('customer portal links');

  portal
    .command('link <account>')
    .description("print a fresh magic link to the account's portal (for its primary contact unless --contact)")
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .option('--contact <email>', 'the contact the link is for')
    .option('--days <n>', 'how long the link works (default 30)', days)
    .action(async (accountQuery: string, opts: { contact?: string; days?: number; org?: string }) => {
      await withSession(async ({ ctx, config }) => {
        const account = await resolveAccount(ctx, accountQuery, opts.org);
        const link = await createPortalLink(ctx, {
          organizationId: account.organizationId,
          accountId: account.id,
          contactEmail: opts.contact,
          actor: 'cli',
          publicUrl: config.publicUrl,
          ttlDays: opts.days,
        });
        console.error(
          `Portal link for ${link.contactEmail} at ${account.name}, valid until ${link.expiresAt.toISOString().slice(0, 10)}:`,
        );
        console.log(link.url);
      });
    });

  portal
    .command('revoke <account>')
    .description("revoke the account's live portal links (only one contact's with --contact)")
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .option('--contact <email>', "only this contact's links")
    .action(async (accountQuery: string, opts: { contact?: string; org?: string }) => {
      await withSession(async ({ ctx }) => {
        const account = await resolveAccount(ctx, accountQuery, opts.org);
        const { revoked } = await revokePortalLink(ctx, {
          organizationId: account.organizationId,
          accountId: account.id,
          contactEmail: opts.contact,
          actor: 'cli',
        });
        console.log(
          revoked === 0
            ? `${account.name} had no live portal links.`
            : `Revoked ${revoked} portal link${revoked === 1 ? '' : 's'} for ${account.name}.`,
        );
      });
    });
}
