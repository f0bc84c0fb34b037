import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { installationWhere } from './slack-installation-deps';

const optionsSchema = z.object({
  teamId: z.string().min(1).optional(),
  enterpriseId: z.string().min(1).optional(),
  isEnterpriseInstall: z.boolean().default(false),
  /** What Slack said: app_uninstalled, or tokens_revoked. */
  because: z.enum(['app_uninstalled', 'tokens_revoked']),
});

/**
 * Slack says Thread was uninstalled, or its bot token revoked: the sealed tokens are deleted at once, so nothing
 * more is sent to that workspace (the notifier and the scheduler find no token and stay silent) and its requests
 * are refused. The organisation and all its data stay until an admin deletes them; a reinstall stores new tokens
 * and everything works again. Returns the organisation, or null when no installation matched. Audited.
 */
export async function removeSlackInstallationTokens(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<{ organizationId: string } | null> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const done = await ctx.prisma.$transaction(async (tx) => {
    const row = await tx.slackInstallation.findFirst({
      where: { ...installationWhere(o), credentials: { not: null } },
      orderBy: { isEnterpriseInstall: 'asc' },
      select: { id: true, organizationId: true },
    });
    if (!row) return null;
    await tx.slackInstallation.update({
      where: { id: row.id },
      data: { credentials: null, botTokenExpiresAt: null, removedAt: now, removedBecause: o.because },
    });
    await recordAuditEvent(tx, {
      organizationId: row.organizationId,
      entityType: 'slack_installation',
      entityId: row.id,
      actor: 'system',
      from: 'installed',
      to: 'removed',
      reason:
        o.because === 'app_uninstalled'
          ? 'Thread was uninstalled from Slack: its tokens were deleted, the data is kept'
          : 'Slack revoked Thread’s bot token: its tokens were deleted, the data is kept',
      at: now,
    });
    return { organizationId: row.organizationId };
  });
  if (done) ctx.changes?.peopleChanged(done.organizationId);
  return done;
}
