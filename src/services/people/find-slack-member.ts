import { z } from 'zod';
import type { Role } from '../../domain/roles';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  slackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id'),
});

export interface KnownPerson {
  userId: string;
  name: string;
  role: Role;
  /** Added by an admin; false for someone Thread has only seen (named as a CSM, or a viewer by the setting). */
  member: boolean;
}

/**
 * The Thread person with this Slack id, or null. For mentions and filters (`accounts csm:@someone`): looking a
 * person up never creates one, so naming somebody gives them nothing.
 */
export async function findSlackMember(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<KnownPerson | null> {
  const o = parseOptions(optionsSchema, input);
  const user = await ctx.prisma.user.findUnique({
    where: { organizationId_slackUserId: { organizationId: o.organizationId, slackUserId: o.slackUserId } },
    select: { id: true, name: true, role: true, addedAt: true },
  });
  return user ? { userId: user.id, name: user.name, role: user.role, member: user.addedAt !== null } : null;
}
