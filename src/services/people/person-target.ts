import { z } from 'zod';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import type { Tx } from '../context';

/** Which person a people service is about: by Thread id, Slack user id or email (the CLI takes either of the last two). */
export const personTargetSchema = z.union([
  z.object({ userId: z.string().min(1) }),
  z.object({ slackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id such as U012ABCDEF') }),
  z.object({ email: z.string().trim().toLowerCase().min(3) }),
]);
export type PersonTarget = z.output<typeof personTargetSchema>;

export function describeTarget(target: PersonTarget): string {
  return 'userId' in target ? 'that person' : 'slackUserId' in target ? target.slackUserId : target.email;
}

/** The person in this organisation, or null; a person of another organisation is never found. */
export async function findTarget(tx: Tx, organizationId: string, target: PersonTarget) {
  const where =
    'userId' in target
      ? { id: target.userId }
      : 'slackUserId' in target
        ? { slackUserId: target.slackUserId }
        : { email: target.email };
  return tx.user.findFirst({ where: { organizationId, ...where } });
}
