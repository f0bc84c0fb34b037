import type { ServiceContext } from '../../context';
import { addPerson } from '../../people/add-person';

/**
 * Who plays the CSM of the demo's past accounts: the Slack user the seed was given (made a member as a CSM if
 * Thread had only seen them), else the organisation's first admin. Every step of the history is someone's, so
 * with neither there is no history, and the answer says what to pass.
 */
export async function findDemoHistoryCsm(
  ctx: ServiceContext,
  o: { organizationId: string; slackUserId?: string },
): Promise<{ userId: string; slackUserId: string } | { skipped: string }> {
  if (o.slackUserId) {
    const known = await ctx.prisma.user.findUnique({
      where: { organizationId_slackUserId: { organizationId: o.organizationId, slackUserId: o.slackUserId } },
      select: { id: true, addedAt: true, email: true, replyToEmail: true },
    });
    // The past accounts' email goes out as their CSM, so Thread must know an address customers could reply to.
    if (!known?.email && !known?.replyToEmail) return { skipped: noAddress(o.slackUserId) };
    if (known.addedAt) return { userId: known.id, slackUserId: o.slackUserId };
    const added = await addPerson(ctx, {
      organizationId: o.organizationId,
      actor: 'cli',
      slackUserId: o.slackUserId,
      role: 'csm',
    });
    return { userId: added.userId, slackUserId: o.slackUserId };
  }
  const admin = await ctx.prisma.user.findFirst({
    where: { organizationId: o.organizationId, role: 'admin', addedAt: { not: null }, slackUserId: { not: null } },
    orderBy: { addedAt: 'asc' },
    select: { id: true, slackUserId: true, email: true, replyToEmail: true },
  });
  if (admin?.slackUserId && !admin.email && !admin.replyToEmail) return { skipped: noAddress(admin.slackUserId) };
  if (admin?.slackUserId) return { userId: admin.id, slackUserId: admin.slackUserId };
  return {
    skipped:
      'no one to play the CSM: pass --csm <your Slack user id>, or use Thread in Slack once (the first person becomes its admin) and seed again',
  };
}

function noAddress(slackUserId: string): string {
  return `Thread knows no email address of ${slackUserId} to send the past customers' email as: open Thread's Home tab in Slack once (Thread reads the Slack profile), or set the reply-to address Thread asks for, and seed again`;
}
