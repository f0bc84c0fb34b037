import type { User, UserRole } from '../../db/generated/client';
import type { Tx } from '../context';

/**
 * Finds the Thread user for a Slack user id, creating it on first sight. The name starts as the id and is
 * replaced by the Slack profile name when the Slack layer learns it.
 */
export async function ensureSlackUser(
  tx: Tx,
  options: { organizationId: string; slackUserId: string; role?: UserRole; name?: string },
): Promise<User> {
  return tx.user.upsert({
    where: { organizationId_slackUserId: { organizationId: options.organizationId, slackUserId: options.slackUserId } },
    create: {
      organizationId: options.organizationId,
      slackUserId: options.slackUserId,
      name: options.name ?? options.slackUserId,
      role: options.role ?? 'csm',
    },
    update: options.name ? { name: options.name } : {},
  });
}
