/**
 * A live (completed) or churned account has no scheduler work: nothing fires, nobody is reminded, no review clock
 * escalates, the digest leaves it out and no at-risk suggestion is made. Three accounts run the same plan the same
 * way through the services; two are then ended (one by its last milestone, one churned) and a tick ten days later
 * works for the third only.
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import { getAccountOverview } from '../../../src/services/accounts/get-account-overview';
import { markAccountChurned } from '../../../src/services/accounts/mark-account-churned';
import type { ServiceContext } from '../../../src/services/context';
import { executeAction } from '../../../src/services/execution/execute-action';
import type { ExecutionDeps, Mailer } from '../../../src/services/execution/ports';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { setReplyToEmail } from '../../../src/services/people/set-reply-to-email';
import { mintPortalLink } from '../../../src/services/portal/mint-portal-link';
import { resolvePortalToken } from '../../../src/services/portal/resolve-portal-token';
import { submitPortalForm } from '../../../src/services/portal/submit-portal-form';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { importTemplate } from '../../../src/services/templates/import-template';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { oneMilestoneTemplate, spec } from './scheduler-fixtures';

const t = useTestDatabase();
const smtp = useSmtpCapture();
const mail = useSmtpMailer(smtp);
const PUBLIC_URL = 'https://thread.example.test';
const FORM = { formFields: [{ key: 'sso', label: 'Do you use SSO?', kind: 'text' as const, required: true }] };

/** A Monday kickoff: the plan's kickoff-day actions are due at 09:00 UTC. */
const KICKOFF = '2026-03-02T10:00:00Z';

async function organisation(ctx: ServiceContext) {
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'TENDED', workspaceName: 'Ended' });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'UENDADMIN' });
  const add = (slackUserId: string) =>
    addPerson(ctx, { organizationId: org.id, actor: { userId: admin.userId }, slackUserId, role: 'csm' });
  const running = await add('UENDCSM1');
  const ending = await add('UENDCSM2');
  for (const csm of [running, ending])
    await setReplyToEmail(ctx, {
      organizationId: org.id,
      actor: { userId: csm.userId },
      replyToEmail: `${csm.userId}@vendor.test`,
    });
  await importTemplate(ctx, {
    organizationId: org.id,
    actor: admin.userId,
    spec: oneMilestoneTemplate('Plan', [
      spec('unanswered-form', 'portal_form', { kind: 'kickoff_offset', delayDays: 0 }, FORM),
      spec('answered-form', 'portal_form', { kind: 'kickoff_offset', delayDays: 0 }, FORM),
      spec('unreviewed-email', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
      spec('later-email', 'email', { kind: 'kickoff_offset', delayDays: 5 }),
    ]),
  });
  return { organizationId: org.id, admin, running, ending };
}

describe('the scheduler and ended accounts', () => {
  it('fires, reminds, escalates, digests and suggests at risk for the running account only', async () => {
    const ctx = serviceContext(t.db, KICKOFF);
    const org = await organisation(ctx);
    const notifier = new RecordingNotifier();
    const deps: ExecutionDeps = {
      mailer: mail.current,
      notifier,
      portalLinks: { create: (input) => mintPortalLink(ctx, { ...input, publicUrl: PUBLIC_URL }) },
      pacing: { slackPerChannelMs: 0, emailMs: 0 },
    };
    const accounts: Record<'running' | 'live' | 'churned', string> = { running: '', live: '', churned: '' };
    for (const which of ['running', 'live', 'churned'] as const) {
      const csm = which === 'running' ? org.running : org.ending;
      const created = await createAccount(ctx, {
        organizationId: org.organizationId,
        name: `Customer ${which}`,
        templateName: 'Plan',
        csmSlackUserId: csm.slackUserId!,
        kickoffDate: '2026-03-02',
        contact: { email: `dana@${which}.example`, name: 'Dana Scully' },
        actor: { userId: csm.userId },
      });
      accounts[which] = created.id;
    }
    await fireDueActions(ctx, {
      notifier,
      draft: async (actionId) => void (await draftFromTemplate(ctx, { actionId })),
    });
    const actionOf = (which: keyof typeof accounts, key: string) =>
      t.db.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: accounts[which], key } } });
    const submissions: Record<string, string> = {};
    for (const which of ['running', 'live', 'churned'] as const) {
      const csm = which === 'running' ? org.running : org.ending;
      // Both portal requests are published; the customer answers one.
      for (const key of ['unanswered-form', 'answered-form'])
        await executeAction(ctx, deps as ExecutionDeps & { mailer: Mailer }, {
          organizationId: org.organizationId,
          actionId: (await actionOf(which, key)).id,
          actor: { userId: csm.userId },
        });
      const link = await mintPortalLink(ctx, { accountId: accounts[which], actor: 'system', publicUrl: PUBLIC_URL });
      const session = await resolvePortalToken(ctx, { token: link.url.split('/').pop()! });
      const answered = await submitPortalForm(ctx, {
        session: session!,
        actionId: (await actionOf(which, 'answered-form')).id,
        values: { sso: 'Okta' },
        notifier,
      });
      if (!answered.ok) throw new Error('the portal form was refused');
      submissions[which] = answered.submissionId;
    }

    // One account goes live, one churns.
    const live = await getAccountOverview(ctx, { organizationId: org.organizationId, accountId: accounts.live });
    await completeMilestone(ctx, {
      organizationId: org.organizationId,
      milestoneId: live.currentMilestone!.id,
      actor: { userId: org.ending.userId },
      overrideReason: 'live ahead of plan',
    });
    await markAccountChurned(ctx, {
      organizationId: org.organizationId,
      accountId: accounts.churned,
      actor: { userId: org.ending.userId },
      reason: 'budget cut',
    });

    // Ten days on: everything is due for all three; only the running account gets the work.
    ctx.setNow('2026-03-12T10:00:00Z');
    smtp.messages.length = 0;
    const report = await runTick(ctx, {
      notifier,
      canNotify: true,
      mailer: mail.current,
      portalLinks: deps.portalLinks,
    });
    expect(report.errors).toEqual([]);

    expect(report.fire!.fired.map((f) => f.accountId)).toEqual([accounts.running]);
    expect(report.fire!.fired[0]!.id).toBe((await actionOf('running', 'later-email')).id);
    for (const which of ['live', 'churned'] as const)
      expect((await actionOf(which, 'later-email')).status).toBe('pending');

    expect(report.portalReminders!.sent.map((s) => s.actionId)).toEqual([
      (await actionOf('running', 'unanswered-form')).id,
    ]);
    expect(smtp.messages.map((m) => m.to)).toEqual([['dana@running.example']]);

    expect(report.submissionClocks!.escalated).toEqual([submissions.running]);

    expect(report.digests!.sent.map((d) => d.userId)).toEqual([org.running.userId]);
    expect(report.digests!.empty).toEqual([]);
    const digest = notifier.log.find((c) => c.method === 'sendDigest');
    expect(JSON.stringify(digest)).not.toMatch(/Customer (live|churned)/);

    expect(report.atRisk!.suggested).toEqual([accounts.running]);
  });
});
