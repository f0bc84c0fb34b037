/**
 * What Slack refused is tried again on the next tick, once: review cards (also when two ticks race), submission
 * review reminders and escalations; and when Thread is not in a channel, the admins are told once how to invite it.
 */
import { silentLogger } from '../../../src/lib/logger';
import { createAccount } from '../../../src/services/accounts/create-account';
import { executeAction } from '../../../src/services/execution/execute-action';
import type { ExecutionDeps, Mailer } from '../../../src/services/execution/ports';
import { silentNotifier } from '../../../src/services/notifications/notifier-port';
import { mintPortalLink } from '../../../src/services/portal/mint-portal-link';
import { resolvePortalToken } from '../../../src/services/portal/resolve-portal-token';
import { submitPortalForm } from '../../../src/services/portal/submit-portal-form';
import { runTick, type TickReport } from '../../../src/services/scheduler/run-tick';
import { importTemplate } from '../../../src/services/templates/import-template';
import { createSlackNotifier } from '../../../src/slack/create-slack-notifier';
import { findButton, textOf } from '../../support/block-kit';
import { serviceContext } from '../../support/service-context';
import { CSM, CSM_CHANNEL, PUBLIC_URL, useSlackHarness, type SeenMessage } from '../../support/slack-harness';
import { oneMilestoneTemplate, spec } from '../scheduler/scheduler-fixtures';

const h = useSlackHarness();
const ADMIN = 'UADMIN02';
const ACME_CHANNEL = 'CACMECSM';

/**
 * The CSM (the first person, so an admin) and a second admin; a plan with an email, an internal task and a portal
 * form on kickoff day; Acme, kicking off today, whose review cards go to its own CSM channel.
 */
async function acme() {
  await h.command('help'); // the CSM's first request: the organisation, its first admin, their Slack profile
  const csm = await h.actor(CSM);
  await h.addPerson(ADMIN, 'admin', { name: 'Ada Admin' });
  h.fake.addChannel({ id: ACME_CHANNEL, name: 'acme-csm', isMember: true });
  await importTemplate(h.ctx, {
    organizationId: csm.organizationId,
    actor: csm.userId,
    spec: oneMilestoneTemplate('Plan', [
      spec('hello', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
      spec('prep', 'internal_task', { kind: 'kickoff_offset', delayDays: 0 }),
      spec(
        'form',
        'portal_form',
        { kind: 'kickoff_offset', delayDays: 0 },
        { formFields: [{ key: 'sso', label: 'Do you use SSO?', kind: 'text', required: true }] },
      ),
    ]),
  });
  const account = await createAccount(h.ctx, {
    organizationId: csm.organizationId,
    name: 'Acme',
    templateName: 'Plan',
    csmSlackUserId: CSM,
    csmChannelId: ACME_CHANNEL,
    contact: { email: 'jane@acme.example', name: 'Jane Doe' },
    kickoffDate: '2026-11-24',
    actor: { userId: csm.userId },
  });
  return { csm, accountId: account.id };
}

async function tick(notifier = h.slack.notifier, ctx = h.ctx): Promise<TickReport> {
  const report = await runTick(ctx, { notifier, canNotify: true });
  await h.settled();
  expect(report.errors).toEqual([]);
  return report;
}

/** Review cards posted to channels, by the action each is for. */
function cardsByAction(): Map<string, SeenMessage[]> {
  const cards = new Map<string, SeenMessage[]>();
  for (const m of h.posted) {
    if (!m.channel?.startsWith('C') || !m.blocks) continue;
    const skip = (() => {
      try {
        return findButton(m.blocks, 'Skip').value;
      } catch {
        return undefined;
      }
    })();
    if (skip) cards.set(skip, [...(cards.get(skip) ?? []), m]);
  }
  return cards;
}

/** The DMs telling someone Thread cannot post in a channel. */
const noticesTo = (user: string) =>
  h.posted.filter((m) => m.channel === user && m.text?.startsWith('Thread cannot post in a CSM channel'));

describe('a review card Slack refused', () => {
  it('is posted by the next tick, once', async () => {
    await acme();
    h.fake.failNext('chat.postMessage', 'internal_error', (args) => args.channel === ACME_CHANNEL);

    const first = await tick();
    const failed = first.fire!.failures.filter((f) => f.step === 'notify');
    expect(failed).toHaveLength(1);
    const missed = failed[0]!.actionId;
    expect(cardsByAction().has(missed)).toBe(false);
    expect(cardsByAction().size).toBe(first.fire!.fired.length - 1);

    h.ctx.advance(60_000);
    const second = await tick();
    expect(second.missedCards).toEqual({ posted: [missed], failed: [] });
    h.ctx.advance(60_000);
    expect((await tick()).missedCards).toEqual({ posted: [], failed: [] });

    const cards = cardsByAction();
    expect(cards.size).toBe(first.fire!.fired.length);
    for (const [, posts] of cards) expect(posts.map((p) => p.channel)).toEqual([ACME_CHANNEL]);
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id: missed } });
    expect(stored.reviewCardChannel).toBe(ACME_CHANNEL);
  });

  it('fired by a tick without Slack is posted once by two ticks racing, each with its own Slack client', async () => {
    await acme();
    const quiet = await runTick(h.ctx, { notifier: silentNotifier, canNotify: false });
    expect(quiet.skipped).toContainEqual({ step: 'missed review cards', reason: 'no Slack to post them to' });
    const fired = quiet.fire!.fired.map((a) => a.id);
    expect(fired.length).toBeGreaterThan(1);
    expect(h.posted).toEqual([]);

    // A second process: its own service context and Slack notifier on the same database and workspace.
    const otherCtx = serviceContext(h.db, h.ctx.now());
    const other = createSlackNotifier({
      config: { botToken: 'xoxb-test', signingSecret: 'unused', apiUrl: h.fake.apiUrl, csmChannel: CSM_CHANNEL },
      ctx: otherCtx,
      logger: silentLogger,
    });
    h.ctx.advance(60_000);
    otherCtx.advance(60_000);
    const [a, b] = await Promise.all([tick(), tick(other, otherCtx)]);

    expect(new Set([...a.missedCards!.posted, ...b.missedCards!.posted])).toEqual(new Set(fired));
    const cards = cardsByAction();
    expect([...cards.keys()].sort()).toEqual([...fired].sort());
    for (const [, posts] of cards) expect(posts).toHaveLength(1);
  });
});

describe('a channel Thread is not in', () => {
  it('tells each admin once how to invite Thread, however often posts fail, and again after it worked', async () => {
    const { accountId } = await acme();
    h.fake.channels.get(ACME_CHANNEL)!.isMember = false; // someone removed Thread from the channel

    const first = await tick();
    expect(first.fire!.failures.filter((f) => f.step === 'notify').length).toBe(first.fire!.fired.length);
    for (const admin of [CSM, ADMIN]) {
      const told = noticesTo(admin);
      expect(told).toHaveLength(1);
      expect(textOf(told[0]!.blocks)).toContain(`type \`/invite @Thread\` in <#${ACME_CHANNEL}>`);
      expect(textOf(told[0]!.blocks)).toContain('Thread cannot post for Acme');
    }

    h.forget();
    h.ctx.advance(60_000);
    const second = await tick();
    expect(second.missedCards!.failed.length).toBe(first.fire!.fired.length);
    expect(h.fake.callsTo('chat.postMessage:not_in_channel').length).toBe(first.fire!.fired.length);
    expect(noticesTo(CSM)).toEqual([]);
    expect(noticesTo(ADMIN)).toEqual([]);

    // An admin invites Thread: the next tick posts what was waiting, and the notice is forgotten.
    h.fake.channels.get(ACME_CHANNEL)!.isMember = true;
    h.forget();
    h.ctx.advance(60_000);
    expect((await tick()).missedCards!.posted).toHaveLength(first.fire!.fired.length);
    expect(cardsByAction().size).toBe(first.fire!.fired.length);
    expect(await h.db.prisma.unreachableChannel.count()).toBe(0);

    // Removed again: the admins hear about it again, once.
    h.fake.channels.get(ACME_CHANNEL)!.isMember = false;
    h.forget();
    await h.slack.notifier.notifyAccountChannel(accountId, { text: 'Heads up' }).catch(() => undefined);
    await h.slack.notifier.notifyAccountChannel(accountId, { text: 'Heads up again' }).catch(() => undefined);
    expect(noticesTo(CSM)).toHaveLength(1);
    expect(noticesTo(ADMIN)).toHaveLength(1);
    const trail = await h.db.prisma.auditEvent.findMany({
      where: { entityType: 'slack_channel', entityId: ACME_CHANNEL },
      orderBy: { at: 'asc' },
    });
    expect(trail.map((e) => e.toState)).toEqual(['unreachable', 'reachable', 'unreachable']);
  });
});

describe('the submission review clock when Slack refuses', () => {
  /** Acme's portal form, sent to Jane and answered by her in the portal, through the services. */
  async function answeredForm() {
    const { csm, accountId } = await acme();
    await tick();
    const form = await h.db.prisma.action.findFirstOrThrow({ where: { accountId, key: 'form' } });
    const mailer: Mailer = {
      messageIdFor: (key) => `<${key}@thread.test>`,
      send: async (email) => ({ messageId: email.messageId, accepted: [email.to.email] }),
    };
    const deps: ExecutionDeps = {
      mailer,
      notifier: h.slack.notifier,
      portalLinks: { create: (input) => mintPortalLink(h.ctx, { ...input, publicUrl: PUBLIC_URL }) },
    };
    expect(
      await executeAction(h.ctx, deps, {
        organizationId: csm.organizationId,
        actionId: form.id,
        actor: { userId: csm.userId },
      }),
    ).toMatchObject({
      outcome: 'executed',
    });
    const link = await mintPortalLink(h.ctx, { accountId, actor: 'system', publicUrl: PUBLIC_URL });
    const session = await resolvePortalToken(h.ctx, { token: link.url.split('/').pop()! });
    const answered = await submitPortalForm(h.ctx, {
      session: session!,
      actionId: form.id,
      values: { sso: 'Okta' },
      notifier: h.slack.notifier,
    });
    if (!answered.ok) throw new Error(JSON.stringify(answered.errors));
    h.forget();
    return answered.submissionId;
  }

  it('gives the reminder back and sends it on the next tick, once', async () => {
    const submissionId = await answeredForm();
    const isReminder = (args: Record<string, unknown>) => String(args.text).startsWith('Reminder:');
    h.fake.failNext('chat.postMessage', 'internal_error', isReminder);

    h.ctx.advance(18 * 3_600_000); // 75% of the 24 h review SLA
    const first = await tick();
    expect(first.submissionClocks).toMatchObject({ reminded: [], failed: [{ submissionId, step: 'reminder' }] });
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } })).remindedAt).toBeNull();

    h.ctx.advance(60_000);
    expect((await tick()).submissionClocks).toEqual({ reminded: [submissionId], held: [], escalated: [], failed: [] });
    h.ctx.advance(60_000);
    expect((await tick()).submissionClocks).toEqual({ reminded: [], held: [], escalated: [], failed: [] });

    const reminders = h.posted.filter((m) => m.text?.startsWith('Reminder:'));
    expect(reminders.map((m) => m.channel)).toEqual([ACME_CHANNEL]);
    const trail = await h.db.prisma.auditEvent.findMany({ where: { entityId: submissionId }, orderBy: { at: 'asc' } });
    expect(trail.map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^review reminder not delivered \(.*internal_error\): retried on the next tick$/),
      ]),
    );
  });

  it('gives the escalation back for the admin who missed it; the retry goes to them alone', async () => {
    const submissionId = await answeredForm();
    const isEscalationTo = (user: string) => (args: Record<string, unknown>) =>
      args.channel === user && String(args.text).startsWith('Escalation:');
    h.fake.failNext('chat.postMessage', 'internal_error', isEscalationTo(ADMIN));

    h.ctx.advance(24 * 3_600_000); // the whole SLA: straight to the escalation
    const first = await tick();
    expect(first.submissionClocks).toMatchObject({ escalated: [], failed: [{ submissionId, step: 'escalation' }] });
    expect((await h.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } })).escalatedAt).toBeNull();

    h.ctx.advance(60_000);
    expect((await tick()).submissionClocks).toEqual({ reminded: [], held: [], escalated: [submissionId], failed: [] });
    h.ctx.advance(60_000);
    expect((await tick()).submissionClocks).toEqual({ reminded: [], held: [], escalated: [], failed: [] });

    const escalations = h.posted.filter((m) => m.text?.startsWith('Escalation:'));
    expect(escalations.map((m) => m.channel).sort()).toEqual([ADMIN, CSM].sort());
    expect(h.posted.filter((m) => m.text?.startsWith('Reminder:'))).toEqual([]);
  });
});
