/**
 * An account whose clocks and slip are worked out by hand, reached through the services as people reach it. The
 * "Clock test" plan: Setup (2 planned business days; its SSO form goes to the customer when it starts), then
 * Go-Live (1 day; a manual internal task). Acme Widgets kicks off on Monday 23 November 2026 (UTC, Monday to
 * Friday), so Setup runs from Monday 09:00 and is planned for Monday and Tuesday. On Tuesday 24 at 10:00 the
 * scheduler fires the SSO form and the CSM publishes it at once: from then on it waits on the customer.
 *
 * What the tests then do, and what it makes of the record (worked by hand):
 * - Thursday 26 10:00 the CSM blocks Setup, cause "us". Overrun dates so far: Wed 25 (only the SSO form was
 *   open: customer, waiting) and Thu 26 (the block overlaps it: us, block) → 2 days behind: 1 customer, 1 us.
 * - Friday 27 15:00: Fri 27 is blocked too → 3 days behind: 1 customer, 2 us. The SSO form has waited since
 *   Tuesday 10:00: 14 + 24 + 24 + 15 = 77 business hours, "3 days"; the block since Thursday 10:00: 29 hours,
 *   "1 day". So: "Waiting on the customer: 1 item, 3 days · waiting on us: 1 item, 1 day".
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import { importTemplate } from '../../../src/services/templates/import-template';
import { arrangeDeps, publishAction } from '../../support/plan-steps';
import type { TestServiceContext } from '../../support/service-context';
import { oneMilestoneTemplate, spec } from '../scheduler/scheduler-fixtures';

export const TUESDAY_10 = '2026-11-24T10:00:00Z';
export const THURSDAY_10 = '2026-11-26T10:00:00Z';
export const FRIDAY_15 = '2026-11-27T15:00:00Z';
export const ACCOUNT_NAME = 'Acme Widgets';

export interface ClockAccount {
  accountId: string;
  setupId: string;
  goLiveId: string;
  ssoFormId: string;
}

/** Setup and Go-Live, the account kicked off on Monday, the SSO form published on Tuesday at 10:00. */
export async function buildClockAccount(
  ctx: TestServiceContext,
  o: { organizationId: string; csm: { userId: string }; csmSlackUserId: string },
): Promise<ClockAccount> {
  ctx.setNow(TUESDAY_10);
  const template = oneMilestoneTemplate(
    'Clock test',
    [],
    [
      {
        name: 'Go-Live',
        plannedDays: 1,
        exitCriteria: 'live',
        description: '',
        actions: [spec('go-live-check', 'internal_task', { kind: 'manual', delayDays: 0 })],
      },
    ],
  );
  template.milestones[0] = {
    ...template.milestones[0]!,
    name: 'Setup',
    plannedDays: 2,
    actions: [spec('sso-form', 'portal_form', { kind: 'milestone_start', delayDays: 0 }, { name: 'SSO form' })],
  };
  await importTemplate(ctx, { organizationId: o.organizationId, spec: template, actor: 'test' });
  const created = await createAccount(ctx, {
    organizationId: o.organizationId,
    name: ACCOUNT_NAME,
    templateName: 'Clock test',
    kickoffDate: '2026-11-23',
    csmSlackUserId: o.csmSlackUserId,
    contact: { email: 'jane.doe@acmewidgets.io', name: 'Jane Doe' },
    actor: 'cli',
  });
  const accountId = created.id;
  const milestones = await ctx.prisma.milestone.findMany({ where: { accountId }, orderBy: { position: 'asc' } });
  const sso = await ctx.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId, key: 'sso-form' } } });
  await publishAction(ctx, arrangeDeps(ctx), { organizationId: o.organizationId, actionId: sso.id, actor: o.csm });
  if (ctx.now().toISOString() !== new Date(TUESDAY_10).toISOString()) {
    throw new Error(`the SSO form was published at ${ctx.now().toISOString()}, not on Tuesday at 10:00`);
  }
  return { accountId, setupId: milestones[0]!.id, goLiveId: milestones[1]!.id, ssoFormId: sso.id };
}
