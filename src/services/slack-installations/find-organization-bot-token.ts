import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { currentInstallationSecrets } from './current-installation-secrets';
import type { SlackInstallationDeps } from './slack-installation-deps';

const optionsSchema = z.object({ organizationId: z.string().min(1) });

/**
 * The bot token Thread uses for everything it sends to this organisation's Slack on its own (notifications, the
 * scheduler's cards and digests, customer messages); null when the organisation has no installation, or its tokens
 * were removed by an uninstall: then Thread sends it nothing.
 */
export async function findOrganizationBotToken(
  ctx: ServiceContext,
  deps: SlackInstallationDeps,
  input: z.input<typeof optionsSchema>,
): Promise<string | null> {
  const o = parseOptions(optionsSchema, input);
  const row = await ctx.prisma.slackInstallation.findUnique({
    where: { organizationId: o.organizationId },
    select: { credentials: true, botTokenExpiresAt: true },
  });
  if (!row?.credentials) return null;
  // Work the scheduler starts on its own refreshes a rotating token too, not only requests through Bolt.
  const current = await currentInstallationSecrets(ctx, deps, {
    organizationId: o.organizationId,
    credentials: row.credentials,
    botTokenExpiresAt: row.botTokenExpiresAt,
  });
  return current?.secrets.botToken ?? null;
}
