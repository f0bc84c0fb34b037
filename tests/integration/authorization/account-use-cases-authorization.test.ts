/**
 * The use cases that change an account check who asks themselves, whatever the caller claims: called directly (as
 * the next entry point, HubSpot or an API, would) by a viewer, an AE or the CSM of another account, each is refused
 * and changes nothing; the account's CSM gets past the check. The role a Slack request carries is never trusted:
 * one test passes an admin's role along with a viewer's id.
 */
import { createSmtpMailer } from '../../../src/connectors/email/smtp-mailer';
import { confirmRiskSuggestion } from '../../../src/services/accounts/confirm-risk-suggestion';
import { createAccount } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { executeAction } from '../../../src/services/execution/execute-action';
import { executeBatch } from '../../../src/services/execution/execute-batch';
import { markCustomerResponded } from '../../../src/services/execution/mark-customer-responded';
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { sendTestMessage } from '../../../src/services/execution/send-test-message';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { startMilestone } from '../../../src/services/milestones/start-milestone';
import { unblockMilestone } from '../../../src/services/milestones/unblock-milestone';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { acknowledgeSubmission } from '../../../src/services/portal/acknowledge-submission';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { followUpSubmission } from '../../../src/services/portal/follow-up-submission';
import { mintPortalLink } from '../../../src/services/portal/mint-portal-link';
import { resolvePortalToken } from '../../../src/services/portal/resolve-portal-token';
import { revokePortalLink } from '../../../src/services/portal/revoke-portal-link';
import { sendPortalLink } from '../../../src/services/portal/send-portal-link';
import { submitPortalForm } from '../../../src/services/portal/submit-portal-form';
import { approveAction } from '../../../src/services/review/approve-action';
import { editDraft } from '../../../src/services/review/edit-draft';
import { requestChanges } from '../../../src/services/review/request-changes';
import { skipAction } from '../../../src/services/review/skip-action';
import { RecordingNotifier } from '../../support/recording-notifier';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam, TEMPLATE, type Team, type TeamPerson } from '../people/team-fixture';

const t = useTestDatabase();
const PUBLIC_URL = 'https://thread.vendor.test';
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
});

type Outsider = 'viewer' | 'ae' | 'otherCsm';
const OUTSIDERS: [string, Outsider][] = [
  ['a viewer', 'viewer'],
  ['an AE', 'ae'],
  ["another account's CSM", 'otherCsm'],
];

interface Scene {
  ctx: ServiceContext;
  team: Team;
  deps: ExecutionDeps;
  /** The CSM's account's actions and first milestone. */
  welcomeId: string;
  formId: string;
  milestoneId: string;
  /** A customer's answer to the portal form, waiting for review (made only by attempts that need it). */
  submissionId: () => Promise<string>;
}

type Attempt = (scene: Scene, actor: TeamPerson) => Promise<unknown>;

/**
 * Each use case and a change to try. "changes" means the account's CSM makes an audited change; "passes" means
 * the CSM gets past the permission check to a refusal about the state (an email is no internal task).
 */
const ATTEMPTS: [string, 'changes' | 'passes', Attempt][] = [
  [
    'executeAction',
    'changes',
    (s, a) => executeAction(s.ctx, s.deps, { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: a }),
  ],
  [
    'executeBatch',
    'changes',
    async (s, a) => {
      const run = await executeBatch(s.ctx, s.deps, {
        organizationId: s.team.organizationId,
        actionIds: [s.welcomeId],
        actor: a,
      });
      if (run.sent !== 1) throw new Error(`the batch sent nothing: ${run.failures[0]?.error}`);
    },
  ],
  [
    'markCustomerResponded',
    'passes',
    (s, a) =>
      markCustomerResponded(s.ctx, s.deps, { organizationId: s.team.organizationId, actionId: s.formId, actor: a }),
  ],
  [
    'completeInternalTask',
    'passes',
    (s, a) =>
      completeInternalTask(s.ctx, s.deps, { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: a }),
  ],
  [
    'sendTestMessage',
    'passes',
    (s, a) =>
      sendTestMessage(
        s.ctx,
        { slackMessenger: { post: () => Promise.reject(new Error('no test may reach Slack here')) } },
        { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: a },
      ),
  ],
  [
    'createPortalLink',
    'changes',
    (s, a) =>
      createPortalLink(s.ctx, {
        organizationId: s.team.organizationId,
        accountId: s.team.accountId,
        actor: a,
        publicUrl: PUBLIC_URL,
      }),
  ],
  [
    'sendPortalLink',
    'changes',
    (s, a) =>
      sendPortalLink(
        s.ctx,
        {},
        { organizationId: s.team.organizationId, accountId: s.team.accountId, actor: a, publicUrl: PUBLIC_URL },
      ),
  ],
  [
    'revokePortalLink',
    'changes',
    async (s, a) => {
      await mintPortalLink(s.ctx, { accountId: s.team.accountId, actor: 'system', publicUrl: PUBLIC_URL });
      const { revoked } = await revokePortalLink(s.ctx, {
        organizationId: s.team.organizationId,
        accountId: s.team.accountId,
        actor: a,
      });
      if (revoked !== 1) throw new Error(`revoked ${revoked} links`);
    },
  ],
  [
    'approveAction',
    'changes',
    (s, a) => approveAction(s.ctx, { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: a }),
  ],
  [
    'editDraft',
    'changes',
    (s, a) =>
      editDraft(s.ctx, {
        organizationId: s.team.organizationId,
        actionId: s.welcomeId,
        actor: a,
        subject: 'Taken over',
        body: 'Hello from someone else',
      }),
  ],
  [
    'requestChanges',
    'changes',
    (s, a) =>
      requestChanges(s.ctx, {
        organizationId: s.team.organizationId,
        actionId: s.welcomeId,
        actor: a,
        note: 'shorter',
      }),
  ],
  [
    'skipAction',
    'changes',
    (s, a) => skipAction(s.ctx, { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: a }),
  ],
  [
    'startMilestone',
    'passes',
    (s, a) => startMilestone(s.ctx, { organizationId: s.team.organizationId, milestoneId: s.milestoneId, actor: a }),
  ],
  [
    'blockMilestone',
    'changes',
    (s, a) =>
      blockMilestone(s.ctx, {
        organizationId: s.team.organizationId,
        milestoneId: s.milestoneId,
        actor: a,
        note: 'Waiting on IT',
        cause: 'customer',
      }),
  ],
  [
    'unblockMilestone',
    'passes',
    (s, a) => unblockMilestone(s.ctx, { organizationId: s.team.organizationId, milestoneId: s.milestoneId, actor: a }),
  ],
  [
    'completeMilestone',
    'changes',
    (s, a) =>
      completeMilestone(s.ctx, {
        organizationId: s.team.organizationId,
        milestoneId: s.milestoneId,
        actor: a,
        overrideReason: 'done early',
      }),
  ],
  [
    'acknowledgeSubmission',
    'changes',
    async (s, a) =>
      acknowledgeSubmission(s.ctx, {
        organizationId: s.team.organizationId,
        submissionId: await s.submissionId(),
        actor: a,
      }),
  ],
  [
    'followUpSubmission',
    'changes',
    async (s, a) =>
      followUpSubmission(
        s.ctx,
        {},
        {
          organizationId: s.team.organizationId,
          submissionId: await s.submissionId(),
          actor: a,
          note: 'Please add the metadata URL',
        },
      ),
  ],
  [
    'confirmRiskSuggestion',
    'passes',
    (s, a) =>
      confirmRiskSuggestion(s.ctx, { organizationId: s.team.organizationId, accountId: s.team.accountId, actor: a }),
  ],
];

async function scene(): Promise<Scene> {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const team = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
  // Customer email goes out from the CSM's own address, which comes from their Slack profile.
  await refreshProfile(ctx, {
    organizationId: team.organizationId,
    slackUserId: team.csm.slackUserId,
    profile: { name: 'Casey Morgan', email: 'casey@vendor.test' },
  });
  const deps: ExecutionDeps = {
    mailer: createSmtpMailer({ url: smtp.url, from: 'Thread <onboarding@vendor.test>', timeoutMs: 5000 }),
    notifier: new RecordingNotifier(),
    portalLinks: { create: (input) => mintPortalLink(ctx, { ...input, publicUrl: PUBLIC_URL }) },
    pacing: { emailMs: 0, slackPerChannelMs: 0 },
  };
  const action = (key: string) =>
    t.db.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: team.accountId, key } } });
  const [welcome, form] = [await action('welcome'), await action('security-form')];
  const milestone = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: team.accountId } });
  const submissionId = async () => {
    // The CSM publishes the form and the customer answers it in the portal.
    await executeAction(ctx, deps, { organizationId: team.organizationId, actionId: form.id, actor: team.csm });
    const link = await mintPortalLink(ctx, { accountId: team.accountId, actor: 'system', publicUrl: PUBLIC_URL });
    const session = await resolvePortalToken(ctx, { token: link.url.split('/').pop()! });
    if (!session) throw new Error('the portal link did not open');
    const answered = await submitPortalForm(ctx, {
      session,
      actionId: form.id,
      values: { sso: 'Okta' },
      notifier: deps.notifier,
    });
    if (!answered.ok) throw new Error(`the form was refused: ${JSON.stringify(answered.errors)}`);
    return answered.submissionId;
  };
  return { ctx, team, deps, welcomeId: welcome.id, formId: form.id, milestoneId: milestone.id, submissionId };
}

describe.each(ATTEMPTS)('%s', (_name, proof, attempt) => {
  it.each(OUTSIDERS)('refuses %s and changes nothing', async (_who, outsider) => {
    const s = await scene();
    const person = s.team[outsider];
    const theirs = () => t.db.prisma.auditEvent.count({ where: { actor: person.userId } });
    const before = { audit: await theirs(), emails: smtp.messages.length };
    const error = await refusal(attempt(s, person));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/only the account's CSM or an admin can/);
    expect(await theirs()).toBe(before.audit);
    // A submission attempt first has the CSM publish the form (one email); nothing else may have gone out.
    const arranged = _name.endsWith('Submission') ? 1 : 0;
    expect(smtp.messages.length).toBe(before.emails + arranged);
  });

  it(`${proof === 'changes' ? 'is done' : 'gets past the permission check'} for the account's CSM`, async () => {
    const s = await scene();
    if (proof === 'changes') {
      await attempt(s, s.team.csm);
      expect(await t.db.prisma.auditEvent.count({ where: { actor: s.team.csm.userId } })).toBeGreaterThan(0);
    } else {
      const outcome = await attempt(s, s.team.csm).then(
        () => 'done',
        (error: unknown) => error,
      );
      expect(outcome).not.toMatchObject({ code: 'forbidden' });
    }
  });
});

describe('the role a caller passes along', () => {
  it("is ignored: a viewer's id with an admin's role is still a viewer", async () => {
    const s = await scene();
    const claimed = { userId: s.team.viewer.userId, role: 'admin' };
    const error = await refusal(
      approveAction(s.ctx, { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: claimed }),
    );
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('your role (viewer)') });
  });

  it('counts from the next call after an admin changes it', async () => {
    const s = await scene();
    const { setRole } = await import('../../../src/services/people/set-role');
    const approve = () =>
      approveAction(s.ctx, { organizationId: s.team.organizationId, actionId: s.welcomeId, actor: s.team.viewer });
    expect((await refusal(approve())).code).toBe('forbidden');
    await setRole(s.ctx, {
      organizationId: s.team.organizationId,
      actor: s.team.admin,
      person: { userId: s.team.viewer.userId },
      role: 'admin',
    });
    await expect(approve()).resolves.toMatchObject({ changed: true });
  });
});

describe('creating an account', () => {
  it.each([
    ['a viewer', 'viewer'],
    ['an AE', 'ae'],
  ] as const)('refuses %s', async (_who, role) => {
    const s = await scene();
    const error = await refusal(
      createAccount(s.ctx, {
        organizationId: s.team.organizationId,
        name: 'Umbrella',
        templateName: TEMPLATE,
        actor: s.team[role],
      }),
    );
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('can create accounts') });
    expect(await t.db.prisma.account.count({ where: { name: 'Umbrella' } })).toBe(0);
  });

  it('refuses someone of another organisation as nobody here', async () => {
    const s = await scene();
    const other = await setUpTeam(s.ctx, { teamId: 'T0GLOBEX', name: 'Globex', prefix: 'G' });
    const error = await refusal(
      createAccount(s.ctx, {
        organizationId: s.team.organizationId,
        name: 'Umbrella',
        templateName: TEMPLATE,
        actor: other.admin,
      }),
    );
    expect(error.code).toBe('forbidden');
    expect(await t.db.prisma.account.count({ where: { name: 'Umbrella' } })).toBe(0);
  });
});
