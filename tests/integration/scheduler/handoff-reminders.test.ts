import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createHttpApp } from '../../../src/http/app';
import { createHandoffRouter } from '../../../src/http/handoff/router';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { NEW_ACCOUNT_FIELDS as F } from '../../../src/slack/ids';
import { textOf } from '../../support/block-kit';
import { CSM, PUBLIC_URL, useSlackHarness, type SeenMessage } from '../../support/slack-harness';
import { useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';

const smtp = useSmtpCapture();
const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });

const AE = 'UAE00001';
const ADMIN = 'UADMIN02';
const AE_EMAIL = 'jordan.sales@partner-agency.example';
/** Friday 27 November 2026, 15:00 in the organisation's zone (UTC): the deal closes and the AE is asked. */
const FRIDAY = '2026-11-27T15:00:00Z';

/** The scheduler's tick as the server runs it, Slack and email on. */
const tick = () =>
  runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true, mailer: mail.current, publicUrl: PUBLIC_URL });

const about = (m: SeenMessage) => textOf(m.blocks);
const remindersTo = (user: string) =>
  h.posted.filter((m) => m.channel === user && about(m).includes('the handoff for *Acme Robotics* is still open'));
const overdueTo = (user: string) =>
  h.posted.filter((m) => m.channel === user && about(m).includes('*Acme Robotics* is still waiting for its handoff'));

/** The demo organisation (the CSM its admin), a second admin and the AE; Acme Robotics created on Friday. */
async function waitingAccount(ae: { slack: true } | { email: string }) {
  const { templateName } = await h.seed();
  h.fake.addUser({ id: ADMIN, name: 'Ada Admin', email: 'ada@vendor.test' });
  await h.addPerson(ADMIN, 'admin', { name: 'Ada Admin' });
  if ('slack' in ae) {
    h.fake.addUser({ id: AE, name: 'Alex Kim', email: 'alex.kim@vendor.test' });
    await h.addPerson(AE, 'ae', { name: 'Alex Kim' });
  }
  h.ctx.setNow(FRIDAY);
  await h.command('new');
  await h.submitView(h.lastOpened(), {
    [F.name]: 'Acme Robotics',
    [F.template]: templateName,
    [F.csm]: CSM,
    ...('slack' in ae ? { [F.ae]: AE } : { [F.aeEmail]: ae.email }),
    [F.aeHandsOver]: 'ae_hands_over_first',
    [F.kickoff]: '2026-12-07',
  });
  h.forget();
  return h.db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Robotics' } });
}

describe('the handoff clock (scheduler tick)', () => {
  it('reminds the AE once after 24 business hours, tells the CSM and the admins once after 48', async () => {
    await waitingAccount({ slack: true });
    h.ctx.setNow('2026-11-30T14:59:00Z'); // Monday: 23 h 59 of business time, the weekend not counted
    expect((await tick()).handoffs).toEqual({ reminded: [], unreachable: [], escalated: [], failed: [] });
    expect(remindersTo(AE)).toHaveLength(0);

    h.ctx.setNow('2026-11-30T15:00:00Z');
    const first = await tick();
    expect(first.handoffs?.reminded).toHaveLength(1);
    expect(remindersTo(AE)).toHaveLength(1);
    expect(about(remindersTo(AE)[0]!)).toContain(`<@${CSM}> is waiting for it to start the onboarding`);
    await tick();
    expect(remindersTo(AE)).toHaveLength(1);
    expect(overdueTo(CSM)).toHaveLength(0);

    // Tuesday 15:00 is 48 business hours: two processes tick at once, and each person hears once.
    h.ctx.setNow('2026-12-01T15:00:00Z');
    const [a, b] = await Promise.all([tick(), tick()]);
    expect([...a.handoffs!.escalated, ...b.handoffs!.escalated]).toHaveLength(1);
    await tick();
    expect(overdueTo(CSM)).toHaveLength(1);
    expect(overdueTo(ADMIN)).toHaveLength(1);
    expect(overdueTo(AE)).toHaveLength(0);
    expect(remindersTo(AE)).toHaveLength(1);
    expect(about(overdueTo(ADMIN)[0]!)).toContain(`from <@${AE}>`);
    expect(about(overdueTo(ADMIN)[0]!)).toContain('more than 48 business hours');

    const audit = await h.db.prisma.auditEvent.findMany({ where: { entityType: 'handoff', actor: 'system' } });
    expect(audit.map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        'the AE was reminded (slack) after 24 business hours',
        'no handoff after 48 business hours: the CSM and admins were told',
      ]),
    );
  });

  it('follows the organisation’s setting, and stops once the handoff is in', async () => {
    const account = await waitingAccount({ slack: true });
    await updateSettings(h.ctx, {
      organizationId: account.organizationId,
      actor: 'cli',
      settings: { handoffReminderHours: 4 },
    });
    h.ctx.setNow('2026-11-27T19:00:00Z'); // four hours later, still Friday
    await tick();
    expect(remindersTo(AE)).toHaveLength(1);

    await h.press(remindersTo(AE)[0]!, 'Fill in the handoff', { as: AE });
    await h.submitView(h.lastOpened(), { handoff_q_success_criteria: 'Live by March' }, { as: AE });
    h.ctx.setNow('2026-12-04T15:00:00Z');
    const later = await tick();
    expect(later.handoffs?.escalated).toEqual([]);
    expect(overdueTo(CSM)).toHaveLength(0);
  });

  it('reminds an AE outside Slack by email with a fresh link, which replaces the first one', async () => {
    await waitingAccount({ email: AE_EMAIL });
    const linkOf = (i: number) =>
      new RegExp(`${PUBLIC_URL}(/handoff/[A-Za-z0-9_-]{43})`).exec(
        smtp.messages[i]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='),
      )?.[1];
    const firstLink = linkOf(0)!;
    h.ctx.setNow('2026-11-30T15:00:00Z');
    await tick();
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.raw).toContain('Subject: Reminder: the handoff for Acme Robotics is still open');
    const secondLink = linkOf(1)!;
    expect(secondLink).not.toBe(firstLink);

    const app = createHttpApp({
      logger: h.ctx.logger,
      readiness: { checkDatabase: async () => {} },
      routers: [{ path: '/handoff', router: createHandoffRouter({ ctx: h.ctx, secret: randomBytes(32) }) }],
    });
    await request(app).get(firstLink).expect(404);
    await request(app).get(secondLink).expect(200);
    await tick();
    expect(smtp.messages).toHaveLength(2);
  });

  it('does not remind for an account whose plan was started without the handoff', async () => {
    await waitingAccount({ slack: true });
    await h.command('account acme');
    await h.press(h.lastReply(), 'Start plan anyway');
    await h.submitView(h.lastOpened(), { reason: 'Kickoff is booked' });
    h.ctx.setNow('2026-12-04T15:00:00Z');
    const report = await tick();
    expect(report.handoffs).toEqual({ reminded: [], unreachable: [], escalated: [], failed: [] });
    expect(remindersTo(AE)).toHaveLength(0);
    expect(overdueTo(CSM)).toHaveLength(0);
  });
});
