import { z } from 'zod';
import type { UserRole } from '../../db/generated/client';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { getDefaultOrganization } from '../organizations/get-default-organization';
import { ensureSlackUser } from './ensure-slack-user';

export interface SlackActor {
  organizationId: string;
  userId: string;
  slackUserId: string;
  name: string;
  role: UserRole;
  /** The organisation's timezone: "today" for this person is today there. */
  timeZone: string;
}

const optionsSchema = z.object({
  slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id'),
  name: z.string().trim().min(1).max(200).optional(),
});

/**
 * The Thread user behind a Slack request, created on first sight (as a CSM: the default for people who use the
 * app; admins change roles). A single-team install works in the default organisation.
 */
export async function resolveSlackActor(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SlackActor> {
  const options = parseOptions(optionsSchema, input);
  const org = await getDefaultOrganization(ctx);
  const user = await ensureSlackUser(ctx.prisma, {
    organizationId: org.id,
    slackUserId: options.slackUserId,
    name: options.name,
  });
  return {
    organizationId: org.id,
    userId: user.id,
    slackUserId: options.slackUserId,
    name: user.name,
    role: user.role,
    timeZone: org.timezone,
  };
}
