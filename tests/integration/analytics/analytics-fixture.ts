/**
 * An organisation for the analytics tests, arranged as its people would arrange it, through the services only: the
 * first person (its admin), three CSMs and a CS leader added by the admin, and two templates whose milestones have
 * no actions (so nothing but blocks and the plan decides whose a slipped day is: a day nobody blocked is ours).
 * UTC, Monday to Friday.
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import { markAccountChurned } from '../../../src/services/accounts/mark-account-churned';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { unblockMilestone } from '../../../src/services/milestones/unblock-milestone';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { importTemplate } from '../../../src/services/templates/import-template';
import type { SlipSide } from '../../../src/domain/onboarding-clock-types';
import type { TestServiceContext } from '../../support/service-context';

export const TEMPLATES = {
  Fast: [
    { name: 'Setup', plannedDays: 5 },
    { name: 'Launch', plannedDays: 3 },
  ],
  Thorough: [
    { name: 'Discovery', plannedDays: 4 },
    { name: 'Build', plannedDays: 6 },
    { name: 'Launch', plannedDays: 2 },
  ],
} as const;
export type TemplateName = keyof typeof TEMPLATES;

export const CSM_NAMES = ['Ana Alves', 'Ben Brook', 'Cy Cole'] as const;

export interface AnalyticsOrg {
  organizationId: string;
  admin: { userId: string };
  lead: { userId: string };
  /** By name. */
  csms: Record<(typeof CSM_NAMES)[number], { userId: string; slackUserId: string }>;
}

export async function setUpAnalyticsOrg(ctx: TestServiceContext): Promise<AnalyticsOrg> {
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'TANALYTIC', workspaceName: 'Analytic Co' });
  const organizationId = org.id;
  const first = await resolveSlackMember(ctx, { organizationId, slackUserId: 'UANADMIN' });
  const admin = { userId: first.userId };
  const lead = await addPerson(ctx, {
    organizationId,
    actor: admin,
    slackUserId: 'UANLEAD',
    role: 'lead',
    name: 'Lee Lead',
  });
  const csms = {} as AnalyticsOrg['csms'];
  for (const [i, name] of CSM_NAMES.entries()) {
    const slackUserId = `UANCSM${i + 1}`;
    const added = await addPerson(ctx, { organizationId, actor: admin, slackUserId, role: 'csm', name });
    csms[name] = { userId: added.userId, slackUserId };
  }
  for (const [name, milestones] of Object.entries(TEMPLATES))
    await importTemplate(ctx, {
      organizationId,
      actor: 'test',
      spec: {
        name,
        description: 'analytics test template',
        milestones: milestones.map((m) => ({ ...m, exitCriteria: 'done', description: '', actions: [] })),
      },
    });
  return { organizationId, admin, lead: { userId: lead.userId }, csms };
}

/** What a person does to an account, and when. */
export type AccountStep =
  | { at: Date; kind: 'block'; cause: SlipSide }
  | { at: Date; kind: 'unblock' }
  | { at: Date; kind: 'complete' }
  | { at: Date; kind: 'churn' };

export async function kickOff(
  ctx: TestServiceContext,
  org: AnalyticsOrg,
  o: { name: string; template: TemplateName; csm: (typeof CSM_NAMES)[number]; kickoff: string },
): Promise<string> {
  const csm = org.csms[o.csm];
  const created = await createAccount(ctx, {
    organizationId: org.organizationId,
    name: o.name,
    templateName: o.template,
    csmSlackUserId: csm.slackUserId,
    kickoffDate: o.kickoff,
    contact: { email: `owner@${o.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example` },
    actor: { userId: csm.userId },
  });
  return created.id;
}

/** The account's CSM takes one step on its current milestone at the step's time (the clock moves there first). */
export async function takeStep(
  ctx: TestServiceContext,
  org: AnalyticsOrg,
  accountId: string,
  csm: { userId: string },
  step: AccountStep,
): Promise<void> {
  ctx.setNow(step.at);
  if (step.kind === 'churn') {
    await markAccountChurned(ctx, { organizationId: org.organizationId, accountId, actor: csm, reason: 'Budget cut' });
    return;
  }
  const current = await ctx.prisma.milestone.findFirstOrThrow({
    where: { accountId, status: { in: ['in_progress', 'blocked'] } },
    orderBy: { position: 'asc' },
    select: { id: true },
  });
  const target = { organizationId: org.organizationId, milestoneId: current.id, actor: csm };
  if (step.kind === 'block') await blockMilestone(ctx, { ...target, note: 'Waiting', cause: step.cause });
  else if (step.kind === 'unblock') await unblockMilestone(ctx, { ...target, reason: 'Moving again' });
  else await completeMilestone(ctx, target);
}
