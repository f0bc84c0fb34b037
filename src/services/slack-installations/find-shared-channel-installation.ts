import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { installationWhere } from './slack-installation-deps';

const optionsSchema = z.object({
  /** Teams that may be the installed one, most trusted first (view.app_installed_team_id, context_team_id, team.id). */
  teamIds: z.array(z.string().min(1)),
  /** The channel the click happened in. */
  channelId: z.string().min(1).optional(),
});

export interface SharedChannelInstallation {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
}

/**
 * The installation that serves a click in a customer's shared channel. In a Slack Connect channel Slack may name the
 * external clicker's own workspace as the payload's team, where Thread is not installed: then the first named team
 * that has an installation serves it, else the one organisation whose account has this channel as its customer
 * channel. Null when none (or several organisations claim the channel: the click cannot be placed).
 */
export async function findSharedChannelInstallation(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SharedChannelInstallation | null> {
  const o = parseOptions(optionsSchema, input);
  const live = { credentials: { not: null } };
  for (const teamId of o.teamIds) {
    const row = await ctx.prisma.slackInstallation.findFirst({
      where: { ...installationWhere({ teamId }), ...live },
      select: { teamId: true },
    });
    if (row) return { teamId, isEnterpriseInstall: false };
  }
  if (!o.channelId) return null;
  const owners = await ctx.prisma.slackInstallation.findMany({
    where: { ...live, organization: { accounts: { some: { slackCustomerChannelId: o.channelId } } } },
    select: { teamId: true, enterpriseId: true, isEnterpriseInstall: true },
    take: 2,
  });
  if (owners.length !== 1) return null;
  const [owner] = owners;
  return {
    teamId: owner!.teamId ?? undefined,
    enterpriseId: owner!.enterpriseId ?? undefined,
    isEnterpriseInstall: owner!.isEnterpriseInstall,
  };
}
