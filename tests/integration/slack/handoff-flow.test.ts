import { DEFAULT_HANDOFF_QUESTIONS, type HandoffQuestionSpec } from '../../../src/domain/handoff-questions';
import { importHandoffQuestions } from '../../../src/services/handoff/import-handoff-questions';
import { NEW_ACCOUNT_FIELDS as F } from '../../../src/slack/ids';
import { buttonLabels, findButton, stringsIn, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenMessage, type SeenView, type ViewValues } from '../../support/slack-harness';
import { viewProblems } from '../../unit/slack/block-kit-limits';

/** The contradiction check's seam, as the composition root wires it: what it saw of the handoff when it ran. */
const checks: { accountId: string; submitted: boolean; answers: number }[] = [];
const h = useSlackHarness({
  checkHandoff: async ({ accountId }) => {
    const handoff = await h.db.prisma.handoff.findUnique({ where: { accountId }, include: { answers: true } });
    checks.push({ accountId, submitted: handoff?.submittedAt != null, answers: handoff?.answers.length ?? 0 });
  },
});
beforeEach(() => {
  checks.length = 0;
});

const AE = 'UAE00001';
const OTHER_CSM = 'UCSM0002';
const SUCCESS = 'handoff_q_success_criteria';
const HOSTILE = '<!channel> <script>alert(1)</script> & SSO by March <https://evil.example|bank>';

/** The demo organisation (the CSM its admin), the AE and another CSM added to Thread as the People screen does. */
async function team() {
  const seeded = await h.seed();
  h.fake.addUser({ id: AE, name: 'Alex Kim', email: 'alex.kim@vendor.test' });
  h.fake.addUser({ id: OTHER_CSM, name: 'Robin Other', email: 'robin@vendor.test' });
  await h.addPerson(AE, 'ae', { name: 'Alex Kim' });
  await h.addPerson(OTHER_CSM, 'csm', { name: 'Robin Other' });
  return seeded;
}

/** `/thread new` for Acme Robotics, the AE handing it over first; returns the account. */
async function newAccountHandedOverFirst(templateName: string) {
  await h.command('new');
  const res = await h.submitView(h.lastOpened(), {
    [F.name]: 'Acme Robotics',
    [F.template]: templateName,
    [F.csm]: CSM,
    [F.ae]: AE,
    [F.aeHandsOver]: 'ae_hands_over_first',
    [F.contactEmail]: 'ada@acme-robotics.io',
    [F.kickoff]: '2026-11-26',
  });
  expect(res.text).toBe('');
  return h.db.prisma.account.findFirstOrThrow({
    where: { name: 'Acme Robotics' },
    include: { milestones: { orderBy: { position: 'asc' } }, actions: true },
  });
}

const dmsTo = (user: string): SeenMessage[] => h.posted.filter((m) => m.channel === user);

function lastDmTo(user: string): SeenMessage {
  const found = dmsTo(user).at(-1);
  if (!found) throw new Error(`no DM to ${user}`);
  return found;
}

/** A view Thread answered a submission with (push or update), as Slack would show it. */
function answeredView(res: { body: { response_action?: string; view?: SeenView } }): SeenView {
  if (!res.body.view) throw new Error(`no view in the answer: ${JSON.stringify(res.body)}`);
  expect(viewProblems(res.body.view as never)).toEqual([]);
  return res.body.view;
}

describe('the AE’s handoff in Slack', () => {
  it('/thread new with the AE handing over first: the account waits, the AE gets Fill in the handoff, the CSM hears', async () => {
    const { templateName } = await team();
    h.forget();
    const account = await newAccountHandedOverFirst(templateName);
    expect(account.status).toBe('pending_handoff');
    expect(account.milestones.every((m) => m.status === 'pending')).toBe(true);
    expect(account.actions.every((a) => a.dueAt === null)).toBe(true);

    const created = dmsTo(CSM).find((m) => textOf(m.blocks).includes('Created *Acme Robotics*'))!;
    expect(textOf(created.blocks)).toContain('the plan starts when the AE’s handoff is in');
    expect(textOf(created.blocks)).toContain(`*Waiting for the handoff from <@${AE}>*`);
    expect(textOf(created.blocks)).toContain('plan not started: waiting for the handoff');
    expect(buttonLabels(created.blocks)).toEqual(expect.arrayContaining(['Fill in the handoff', 'Start plan anyway']));

    const ask = lastDmTo(AE);
    expect(textOf(ask.blocks)).toContain(`*Acme Robotics* closed: <@${CSM}> runs its onboarding`);
    expect(textOf(ask.blocks)).toContain('8 questions, 1 required');
    expect(findButton(ask.blocks, 'Fill in the handoff')).toMatchObject({
      actionId: 'handoff_fill',
      value: account.id,
    });
    expect(textOf(lastDmTo(CSM).blocks)).toContain(`Asked <@${AE}> for the handoff of *Acme Robotics* in Slack`);
    const handoff = await h.db.prisma.handoff.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(handoff.requestedAt).toEqual(h.ctx.now());
  });

  it('the AE fills it in: a required answer missing first is shown under it and nothing is written; then the plan starts', async () => {
    const { templateName } = await team();
    const account = await newAccountHandedOverFirst(templateName);
    const ask = lastDmTo(AE);
    h.forget();
    await h.press(ask, 'Fill in the handoff', { as: AE });
    const form = h.lastOpened();
    expect(form.callback_id).toBe('view_handoff_form');
    expect(form.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(
      DEFAULT_HANDOFF_QUESTIONS.map((q) => `handoff_q_${q.key}`),
    );

    const answers: ViewValues = {
      handoff_q_seats: '40',
      handoff_q_integrations: ['SSO', 'API'],
      handoff_q_requirements: HOSTILE,
      handoff_q_kickoff_date: '2026-12-01',
    };
    const missing = await h.submitView(form, answers, { as: AE });
    expect(missing.body).toEqual({
      response_action: 'errors',
      errors: { [SUCCESS]: 'This question needs an answer.' },
    });
    expect(checks).toEqual([]);
    expect(await h.db.prisma.handoffAnswer.count()).toBe(0);
    expect((await h.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('pending_handoff');

    const done = await h.submitView(form, { ...answers, [SUCCESS]: 'Ten sites live before peak' }, { as: AE });
    expect(done.body).toEqual({ response_action: 'clear' });
    const after = await h.db.prisma.account.findUniqueOrThrow({
      where: { id: account.id },
      include: { milestones: { orderBy: { position: 'asc' } }, handoff: { include: { answers: true } } },
    });
    expect(after.status).toBe('active');
    expect(after.kickoffDate.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(after.milestones[0]).toMatchObject({ status: 'in_progress', startedAt: new Date('2026-12-01T09:00:00Z') });
    expect(after.handoff?.submittedAt).toEqual(h.ctx.now());
    expect(after.handoff?.answers.map((a) => a.value).sort()).toEqual(
      ['40', 'SSO\nAPI', HOSTILE, '2026-12-01', 'Ten sites live before peak'].sort(),
    );

    // The contradiction check ran once, on the committed handoff.
    expect(checks).toEqual([{ accountId: account.id, submitted: true, answers: 5 }]);
    expect(textOf(lastDmTo(AE).blocks)).toContain(
      'the handoff for *Acme Robotics* is in. The plan has started from 2026-12-01.',
    );
    const card = lastDmTo(CSM);
    expect(textOf(card.blocks)).toContain('Handoff in · Acme Robotics');
    expect(textOf(card.blocks)).toContain(`Handed over by <@${AE}>`);
    expect(textOf(card.blocks)).toContain('The plan started from 2026-12-01');
    expect(textOf(card.blocks)).toContain('SSO, API');
    expect(textOf(card.blocks)).toContain('&lt;!channel&gt; &lt;script&gt;');
    expect(stringsIn(card.blocks)).not.toContain('<!channel>');
  });

  it('a second handoff is refused politely: who submitted it and when', async () => {
    const { templateName } = await team();
    await newAccountHandedOverFirst(templateName);
    const ask = lastDmTo(AE);
    await h.press(ask, 'Fill in the handoff', { as: AE });
    const form = h.lastOpened();
    await h.submitView(form, { [SUCCESS]: 'Live by March' }, { as: AE });
    h.forget();

    await h.press(ask, 'Fill in the handoff', { as: AE });
    expect(textOf(h.lastReply().blocks)).toContain(
      'The handoff for *Acme Robotics* was already submitted by Alex Kim on 24 Nov 2026. Thank you: nothing more is needed.',
    );
    expect(h.opened).toHaveLength(0);
    const stale = await h.submitView(form, { [SUCCESS]: 'Something else' }, { as: AE });
    expect(stale.body.response_action).toBe('update');
    expect(stringsIn(stale.body.view)).toContain('already submitted by Alex Kim');
    expect(await h.db.prisma.handoffAnswer.count()).toBe(1);
  });

  it('/thread handoff shows where it stands, with Fill in for its CSM but not for another CSM, then the answers', async () => {
    const { templateName } = await team();
    await newAccountHandedOverFirst(templateName);
    h.forget();
    await h.command('handoff acme');
    const waiting = h.lastReply();
    expect(textOf(waiting.blocks)).toContain(`Waiting for the handoff from <@${AE}>`);
    expect(buttonLabels(waiting.blocks)).toEqual(['Fill in the handoff']);
    await h.command('handoff acme', { as: OTHER_CSM });
    expect(buttonLabels(h.lastReply().blocks)).toEqual([]);
    // The button is only a hint: another CSM who has one is refused by the service.
    await h.press(waiting, 'Fill in the handoff', { as: OTHER_CSM });
    expect(h.lastReply().text).toContain('only the account executive of Acme Robotics (Alex Kim), its CSM or an admin');

    await h.press(waiting, 'Fill in the handoff', { as: CSM });
    await h.submitView(h.lastOpened(), { [SUCCESS]: 'Live by March', handoff_q_seats: '1,200' }, { as: CSM });
    await h.command('handoff acme');
    const summary = h.lastReply();
    expect(textOf(summary.blocks)).toContain('Handoff · Acme Robotics');
    expect(textOf(summary.blocks)).toContain('*Seats / licences sold*\n1200');
    expect(textOf(summary.blocks)).toContain(`Handed over by <@${CSM}>`);
    expect(buttonLabels(summary.blocks)).toEqual([]);
  });

  it('many questions come in steps: Next pushes the next one, Slack’s third view is replaced, a problem stays on its step', async () => {
    const { templateName, organizationId } = await team();
    // Twenty-six questions (hostile labels and help) in four steps of at most eight.
    const questions: HandoffQuestionSpec[] = Array.from({ length: 26 }, (_, i) => ({
      key: `q${i}`,
      label: `${i}. <!channel> ${'What was promised? '.repeat(12)}`.slice(0, 300),
      kind: i % 2 ? 'text' : 'long_text',
      required: i === 10,
      options: [],
      helpText: `<@U0EVIL> & ${'help '.repeat(90)}`.slice(0, 500),
      crmProperty: null,
    }));
    await importHandoffQuestions(h.ctx, { organizationId, actor: 'cli', questions });
    const account = await newAccountHandedOverFirst(templateName);
    await h.command('account acme');
    await h.press(h.lastReply(), 'Fill in the handoff');
    const first = h.lastOpened();
    expect(viewProblems(first as never)).toEqual([]);
    const inputs = (v: SeenView) => v.blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id));
    expect(inputs(first)).toEqual(questions.slice(0, 8).map((q) => `handoff_q_${q.key}`));
    expect((first.submit as { text: string }).text).toBe('Next');

    const step1 = await h.submitView(first, { handoff_q_q0: 'First step answer' });
    expect(step1.body.response_action).toBe('push');
    const second = answeredView(step1);
    expect(inputs(second)).toEqual(questions.slice(8, 16).map((q) => `handoff_q_${q.key}`));

    const refused = await h.submitView(second, { handoff_q_q9: 'kept only once the step is complete' });
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { handoff_q_q10: 'This question needs an answer.' },
    });
    const kept = await h.db.prisma.handoff.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(JSON.stringify(kept.stepAnswers)).not.toContain('kept only once');

    const step2 = await h.submitView(second, { handoff_q_q9: 'Second step', handoff_q_q10: 'Required one' });
    expect(step2.body.response_action).toBe('push');
    const third = answeredView(step2);
    // Slack holds three views at most: the fourth step replaces the third.
    const step3 = await h.submitView(third, { handoff_q_q16: 'Third step' });
    expect(step3.body.response_action).toBe('update');
    const fourth = answeredView(step3);
    expect(inputs(fourth)).toEqual(['handoff_q_q24', 'handoff_q_q25']);
    expect((fourth.submit as { text: string }).text).toBe('Submit handoff');
    expect(await h.db.prisma.handoffAnswer.count()).toBe(0);

    const done = await h.submitView(fourth, { handoff_q_q25: 'Last step' });
    expect(done.body).toEqual({ response_action: 'clear' });
    const stored = await h.db.prisma.handoffAnswer.findMany({ include: { question: true } });
    expect(Object.fromEntries(stored.map((a) => [a.question.key, a.value]))).toEqual({
      q0: 'First step answer',
      q9: 'Second step',
      q10: 'Required one',
      q16: 'Third step',
      q25: 'Last step',
    });
    const after = await h.db.prisma.handoff.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(after.stepAnswers).toBeNull();
    expect((await h.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('active');
  });

  it('Start plan anyway: the reason is required, the plan starts, and the AE’s handoff is still taken', async () => {
    const { templateName } = await team();
    const account = await newAccountHandedOverFirst(templateName);
    const ask = lastDmTo(AE);
    await h.command('account acme');
    const card = h.lastReply();
    h.forget();
    await h.press(card, 'Start plan anyway', { as: OTHER_CSM });
    expect(h.lastReply().text).toContain("only the account's CSM or an admin can start its plan without the handoff");
    expect(h.opened).toHaveLength(0);

    await h.press(card, 'Start plan anyway');
    const modal = h.lastOpened();
    const blank = await h.submitView(modal, { reason: '' });
    expect(blank.body.response_action).toBe('errors');
    expect(blank.body.errors.reason).toContain('Say why the plan cannot wait for the handoff');
    const started = await h.submitView(modal, { reason: 'Kickoff is booked; <!here> the AE is on leave' });
    expect(started.text).toBe('');
    const after = await h.db.prisma.account.findUniqueOrThrow({
      where: { id: account.id },
      include: { milestones: { orderBy: { position: 'asc' } } },
    });
    expect(after.status).toBe('active');
    expect(after.milestones[0]!.status).toBe('in_progress');
    const refreshed = h.lastReply();
    expect(textOf(refreshed.blocks)).toContain(
      'Started without the handoff on 24 Nov 2026: Kickoff is booked; &lt;!here&gt;',
    );
    expect(buttonLabels(refreshed.blocks)).not.toContain('Start plan anyway');

    await h.press(ask, 'Fill in the handoff', { as: AE });
    await h.submitView(h.lastOpened(), { [SUCCESS]: 'Live by March' }, { as: AE });
    expect(textOf(lastDmTo(CSM).blocks)).toContain('The plan had already started; nothing else changed.');
    expect(textOf(lastDmTo(AE).blocks)).not.toContain('The plan has started');
  });
});
