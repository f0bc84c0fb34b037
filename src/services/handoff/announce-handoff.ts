import type { ServiceContext } from '../context';
import type { Notifier } from '../notifications/notifier-port';
import type { SubmittedHandoff } from './submit-handoff';

export interface AnnounceHandoffDeps {
  notifier: Notifier;
  /**
   * The contradiction check (services/handoff/check-handoff.ts, wired by the composition root): compares the answers
   * with the CRM and the plan and stores its findings, which the handoff card then shows.
   */
  checkHandoff?: (o: { organizationId: string; accountId: string }) => Promise<unknown>;
}

/**
 * What follows a submitted handoff, once the person who submitted it has been answered: the contradiction check
 * runs on the committed handoff, then the CSM gets the handoff card and the App Homes concerned are refreshed. The
 * handoff is in whatever happens here: a failure is logged, never shown to the AE as theirs.
 */
export async function announceHandoff(
  ctx: ServiceContext,
  deps: AnnounceHandoffDeps,
  submitted: SubmittedHandoff,
): Promise<void> {
  const about = { organizationId: submitted.organizationId, accountId: submitted.accountId };
  const logged = (what: string) => (error: unknown) =>
    ctx.logger.error({ err: error, accountId: submitted.accountId }, `handoff submitted, but ${what} failed`);
  await deps.checkHandoff?.(about).catch(logged('the contradiction check'));
  const account = await ctx.prisma.account.findUnique({ where: { id: submitted.accountId }, select: { csmId: true } });
  await deps.notifier
    .handoffSubmitted({
      organizationId: submitted.organizationId,
      accountId: submitted.accountId,
      accountName: submitted.accountName,
      csmUserId: account?.csmId ?? null,
      submittedByName: submitted.submittedByName,
      planStarted: submitted.planStarted,
      kickoffDate: submitted.kickoffDate,
    })
    .catch(logged('telling the CSM'));
  await deps.notifier.accountChanged(submitted.accountId).catch(logged('refreshing App Home'));
}
