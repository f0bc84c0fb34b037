import { createAccount } from '../../../src/services/accounts/create-account';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { importTemplate } from '../../../src/services/templates/import-template';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { oneMilestoneTemplate, spec } from '../scheduler/scheduler-fixtures';

const t = useTestDatabase();

/** Thursday 5 March 2026, 10:00 in Dubai (UTC+4). */
const THURSDAY = '2026-03-05T06:00:00Z';

async function workspaceWithTemplate() {
  const ctx = serviceContext(t.db, THURSDAY);
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'T0GULF', workspaceName: 'Gulf Logistics' });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'U0ADA' });
  await updateSettings(ctx, { organizationId: org.id, actor: admin, settings: { timezone: 'Asia/Dubai' } });
  await importTemplate(ctx, {
    organizationId: org.id,
    actor: 'test',
    spec: oneMilestoneTemplate(
      'Plan',
      [spec('intro', 'internal_task', { kind: 'manual', delayDays: 0 })],
      [
        {
          name: 'Setup',
          plannedDays: 5,
          exitCriteria: '',
          description: '',
          actions: [spec('setup-call', 'internal_task', { kind: 'milestone_start', delayDays: 1 })],
        },
      ],
    ),
  });
  return { ctx, organizationId: org.id, admin };
}

/** Creates an account and completes its kickoff now, which starts Setup and schedules its setup call. */
async function setupCallDueAfterKickoff(
  w: Awaited<ReturnType<typeof workspaceWithTemplate>>,
  name: string,
): Promise<string | undefined> {
  const created = await createAccount(w.ctx, {
    organizationId: w.organizationId,
    name,
    templateName: 'Plan',
    kickoffDate: '2026-03-02',
    contact: { email: 'ops@example.com', name: 'Omar Ops' },
    actor: 'cli',
  });
  const kickoff = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: created.id, position: 0 } });
  const done = await completeMilestone(w.ctx, {
    organizationId: w.organizationId,
    milestoneId: kickoff.id,
    actor: w.admin,
    overrideReason: 'held the kickoff in person',
  });
  return done.next?.scheduled.find((a) => a.name === 'Action setup-call')?.dueAt.toISOString();
}

describe("the organisation's working days", () => {
  it('move the due time of an action a trigger schedules after an admin changes them', async () => {
    const w = await workspaceWithTemplate();

    // Monday to Friday: Thursday 10:00 + 1 business day is Friday 10:00.
    expect(await setupCallDueAfterKickoff(w, 'Before the change')).toBe('2026-03-06T06:00:00.000Z');

    const changed = await updateSettings(w.ctx, {
      organizationId: w.organizationId,
      actor: w.admin,
      settings: { workingDays: [7, 1, 2, 3, 4] },
    });
    expect(changed.changed).toEqual(['workingDays']);

    // Sunday to Thursday: Friday and Saturday are off, so it is Sunday 10:00.
    expect(await setupCallDueAfterKickoff(w, 'After the change')).toBe('2026-03-08T06:00:00.000Z');
    const stored = await t.db.prisma.action.findMany({ where: { key: 'setup-call' }, orderBy: { dueAt: 'asc' } });
    expect(stored.map((a) => a.dueAt?.toISOString())).toEqual(['2026-03-06T06:00:00.000Z', '2026-03-08T06:00:00.000Z']);
  });
});
