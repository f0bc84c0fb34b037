import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { findAccounts } from '../../services/accounts/find-accounts';
import { getDefaultOrganization } from '../../services/organizations/get-default-organization';
import { createPortalLink } from '../../services/portal/create-portal-link';
import { revokePortalLink } from '../../services/portal/revoke-portal-link';
import { withSession } from '../session';

function days(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 365)
    throw new InvalidArgumentError('expected a whole number of days from 1 to 365');
  return Number(value);
}

/** The account a name (or part of one, or an id) points at; several matches are listed rather than guessed. */
async function resolveAccount(ctx: ServiceContext, query: string): Promise<{ id: string; name: string }> {
  const byId = await ctx.prisma.account.findUnique({ where: { id: query }, select: { id: true, name: true } });
  if (byId) return byId;
  const org = await getDefaultOrganization(ctx);
  const found = await findAccounts(ctx, { organizationId: org.id, query });
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new AppError('not_found', `no account matches "${query}" (see: npm run thread -- accounts list)`);
  throw new AppError(
    'validation_failed',
    `"${query}" matches several accounts: ${found.map((a) => a.name).join(', ')}; give the full name`,
  );
}

export function registerPortalCommands(program: Command): void {
  const portal = program.command('portal').description('customer portal links');

  portal
    .command('link <account>')
    .description("print a fresh magic link to the account's portal (for its primary contact unless --contact)")
    .option('--contact <email>', 'the contact the link is for')
    .option('--days <n>', 'how long the link works (default 30)', days)
    .action(async (accountQuery: string, opts: { contact?: string; days?: number }) => {
      await withSession(async ({ ctx, config }) => {
        const account = await resolveAccount(ctx, accountQuery);
        const link = await createPortalLink(ctx, {
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
    .option('--contact <email>', "only this contact's links")
    .action(async (accountQuery: string, opts: { contact?: string }) => {
      await withSession(async ({ ctx }) => {
        const account = await resolveAccount(ctx, accountQuery);
        const { revoked } = await revokePortalLink(ctx, {
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
