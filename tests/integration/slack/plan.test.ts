import { runTick } from '../../../src/services/scheduler/run-tick';
import { ACTIONS, PLAN_FIELDS as F, START_ACTION_NOW } from '../../../src/slack/ids';
import { buttons, findButton, findInput, menuOptions, stringsIn, textOf } from '../../support/block-kit';
import { useSlackHarness, type SeenMessage, type SeenView } from '../../support/slack-harness';
import { valuesAsOpened } from '../../support/slack-view-state';

const h = useSlackHarness();

/** The seeded demo, and Helios Health's plan as its CSM (the organisation's first person, so its admin) sees it. */
async function heliosPlan(): Promise<{ accountId: string; plan: SeenMessage }> {
  await h.seed();
  const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
  await h.command('plan helios');
  const plan = h.lastReply();
  h.forget();
  return { accountId: account.id, plan };
}

const actionOf = (accountId: string, key: string) => h.db.prisma.action.findFirstOrThrow({ where: { accountId, key } });
const milestoneOf = (accountId: string, position: number) =>
  h.db.prisma.milestone.findFirstOrThrow({ where: { accountId, position } });

/** The plan shown again in place of the one clicked (a modal's result, or a review step). */
function shownAgain(): SeenMessage {
  const plan = h.replies.filter((r) => r.replace_original === true).at(-1);
  if (!plan) throw new Error('the plan was not shown again');
  return plan;
}

/** The value of the option with this text in a select of a modal. */
function optionValue(view: SeenView, blockId: string, text: string): string {
  const found = findInput(view, blockId).element.options.find((o) => o.text === text);
  if (!found) throw new Error(`no option "${text}" in ${blockId}`);
  return found.value;
}

describe('/thread plan', () => {
  it('shows every milestone and action with why, its menus, review buttons and Start now', async () => {
    await h.seed();
    h.ctx.advance(60_000);
    await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
    await h.settled();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    const res = await h.command('plan helios');
    expect(res.status).toBe(200);
    const plan = h.lastReply();
    expect(plan.response_type).toBe('ephemeral');
    const text = textOf(plan.blocks);
    expect(text).toContain('Plan · Helios Health');
    for (const name of ['Kickoff', 'Technical Setup', 'Implementation', 'Training', 'Go-Live'])
      expect(text).toContain(name);
    expect(text).toContain('waits for *Welcome email*');
    expect(text).toContain('waits for the customer to answer *Technical details form*');
    expect(text).toContain('waits for the milestone to start');
    expect(text).toContain('starts by hand');
    const welcome = await actionOf(account.id, 'welcome-email');
    expect(welcome.status).toBe('ready');
    expect(findButton(plan.blocks, 'Approve', welcome.id)).toMatchObject({ actionId: ACTIONS.approve });
    const recap = await actionOf(account.id, 'success-plan-recap');
    expect(findButton(plan.blocks, 'Start now', recap.id)).toMatchObject({ actionId: START_ACTION_NOW });
    expect(
      menuOptions(plan.blocks)
        .filter((o) => o.value.includes(recap.id))
        .map((o) => o.text),
    ).toEqual(['Change due date', 'Move', 'Remove from the plan']);
  });

  it('is reached from the account card, the timeline and the pick list', async () => {
    await h.seed();
    await h.command('account helios');
    await h.press(h.lastReply(), 'Plan');
    expect(textOf(h.lastReply().blocks)).toContain('Plan · Helios Health');
    await h.command('timeline northwind');
    await h.press(h.lastReply(), 'Plan');
    expect(textOf(h.lastReply().blocks)).toContain('Plan · Northwind Logistics');
    await h.command('plan l');
    const brightline = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Brightline Analytics' } });
    // The pick list carries the command it continues.
    expect(stringsIn(h.lastReply().blocks)).toContain(`plan:${brightline.id}`);
    await h.select(ACTIONS.pickAccount, { text: 'Brightline Analytics', value: `plan:${brightline.id}` });
    expect(textOf(h.lastReply().blocks)).toContain('Plan · Brightline Analytics');
  });

  it('shows the plan from a later milestone when asked for the rest', async () => {
    await h.seed();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    await h.click({ actionId: ACTIONS.planMore, value: `${account.id}:2` });
    const rest = shownAgain();
    expect(textOf(rest.blocks)).toContain('Milestones 1–2 are not shown here');
    expect(textOf(rest.blocks)).toContain('3. Implementation');
    expect(textOf(rest.blocks)).not.toContain('1. Kickoff');
  });

  it('asks for an account when none is named, and help lists it', async () => {
    await h.seed();
    await h.command('plan');
    expect(textOf(h.lastReply().blocks)).toContain('/thread plan northwind');
    const help = await h.command('help');
    expect(textOf(help.body.blocks)).toContain('/thread plan <account>');
  });

  it('a review step taken in the plan shows the plan again, changed', async () => {
    await h.seed();
    h.ctx.advance(60_000);
    await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
    await h.settled();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    await h.command('plan helios');
    const welcome = await actionOf(account.id, 'welcome-email');
    await h.press(h.lastReply(), 'Approve', { value: welcome.id });
    const again = shownAgain();
    expect(textOf(again.blocks)).toContain('Plan · Helios Health');
    expect(textOf(again.blocks)).toContain('approved, ready to execute');
    expect((await actionOf(account.id, 'welcome-email')).approvedAt).not.toBeNull();
  });
});

describe('changing one customer’s plan from Slack', () => {
  it('adds an action made by hand to a milestone from its menu; a missing name is asked for under its field', async () => {
    const { accountId, plan } = await heliosPlan();
    const setup = await milestoneOf(accountId, 1);
    await h.chooseInMenu(plan, 'Add an action here', { near: setup.id });
    const modal = h.lastOpened();
    const asOpened = valuesAsOpened(modal);
    expect(asOpened[F.place]).toMatch(new RegExp(`^${setup.id}\\|`));
    let res = await h.submitView(modal, asOpened);
    expect(res.body.response_action).toBe('errors');
    // Every action of the template is in the plan already, so there is nothing to pick from it.
    expect(res.body.errors[F.name]).toBe('Name the action.');
    res = await h.submitView(modal, {
      ...asOpened,
      [F.name]: 'Call <!channel> legal',
      [F.type]: 'internal_task',
      [F.delay]: '2',
    });
    expect(res.body).toEqual({});
    const again = shownAgain();
    expect(textOf(again.blocks)).toContain('Added “Call &lt;!channel&gt; legal” to the plan.');
    expect(textOf(again.blocks)).toContain('*Call &lt;!channel&gt; legal*');
    expect(stringsIn(again.blocks)).not.toContain('<!channel>');
    const added = await h.db.prisma.action.findFirstOrThrow({ where: { accountId, name: 'Call <!channel> legal' } });
    expect(added).toMatchObject({
      milestoneId: setup.id,
      type: 'internal_task',
      delayDays: 2,
      afterActionKey: 'sso-ready-message',
    });
  });

  it('a delay that is not a number is refused under its field, and a place before what it waits on under the place', async () => {
    const { accountId, plan } = await heliosPlan();
    await h.press(plan, 'Add an action');
    const modal = h.lastOpened();
    const kickoff = await milestoneOf(accountId, 0);
    const recap = await actionOf(accountId, 'success-plan-recap');
    let res = await h.submitView(modal, { ...valuesAsOpened(modal), [F.name]: 'Soon', [F.delay]: 'soon' });
    expect(res.body.errors[F.delay]).toBe('The delay is a whole number of business days, such as 2.');
    res = await h.submitView(modal, {
      ...valuesAsOpened(modal),
      [F.place]: `${kickoff.id}|`,
      [F.name]: 'Early',
      [F.waitsFor]: recap.id,
    });
    expect(res.body.errors[F.place]).toBe(
      '"Early" waits for "Kickoff recap and success plan", so it must come after it in the plan.',
    );
  });

  it('removes an action, re-pointing what waited on it, and the removed draft’s card says so', async () => {
    await h.seed();
    h.ctx.advance(60_000);
    await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
    await h.settled();
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
    const welcome = await actionOf(account.id, 'welcome-email');
    expect(welcome.reviewCardTs).not.toBeNull();
    await h.command('plan helios');
    const plan = h.lastReply();
    h.forget();
    await h.chooseInMenu(plan, 'Remove from the plan', { near: welcome.id });
    const modal = h.lastOpened();
    expect(textOf(modal)).toContain(
      '*Kickoff questionnaire* waits on it; it will wait on the start of their milestone instead',
    );
    const res = await h.submitView(modal, { [F.reason]: 'They already have the welcome pack' });
    expect(res.body).toEqual({});
    expect(textOf(shownAgain().blocks)).toContain(
      'Removed “Welcome email” from the plan. “Kickoff questionnaire” now waits on its milestone’s start',
    );
    expect(textOf(h.lastUpdated().blocks)).toContain('*Welcome email* was removed from the plan by Casey Morgan.');
    expect(await h.db.prisma.action.findUnique({ where: { id: welcome.id } })).toBeNull();
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: welcome.id, toState: 'removed' },
    });
    expect(audit.reason).toBe('They already have the welcome pack');
  });

  it('adds back, from the template, an action removed earlier', async () => {
    const { accountId, plan } = await heliosPlan();
    const dpa = await actionOf(accountId, 'signed-dpa');
    await h.chooseInMenu(plan, 'Remove from the plan', { near: dpa.id });
    await h.submitView(h.lastOpened(), {});
    await h.press(shownAgain(), 'Add an action');
    const modal = h.lastOpened();
    const setup = await milestoneOf(accountId, 1);
    const res = await h.submitView(modal, {
      ...valuesAsOpened(modal),
      [F.place]: `${setup.id}|`,
      [F.templateAction]: optionValue(modal, F.templateAction, 'Signed data processing agreement (Technical Setup)'),
    });
    expect(res.body).toEqual({});
    expect(textOf(shownAgain().blocks)).toContain('Added “Signed data processing agreement” to the plan.');
    expect(await actionOf(accountId, 'signed-dpa')).toMatchObject({
      milestoneId: setup.id,
      triggerKind: 'milestone_start',
      delayDays: 1,
    });
  });

  it('moves an action to another milestone, and refuses a place before what it waits on', async () => {
    const { accountId, plan } = await heliosPlan();
    const recap = await actionOf(accountId, 'success-plan-recap');
    await h.chooseInMenu(plan, 'Move', { near: recap.id });
    let modal = h.lastOpened();
    let res = await h.submitView(modal, {
      [F.place]: optionValue(modal, F.place, 'Technical Setup · after Technical setup introduction'),
    });
    expect(res.body).toEqual({});
    expect(textOf(shownAgain().blocks)).toContain('Moved “Kickoff recap and success plan”.');
    const setup = await milestoneOf(accountId, 1);
    expect((await actionOf(accountId, 'success-plan-recap')).milestoneId).toBe(setup.id);

    const questionnaire = await actionOf(accountId, 'kickoff-questionnaire');
    await h.chooseInMenu(shownAgain(), 'Move', { near: questionnaire.id });
    modal = h.lastOpened();
    res = await h.submitView(modal, { [F.place]: optionValue(modal, F.place, 'Kickoff · at the start') });
    expect(res.body.errors[F.place]).toBe(
      '"Kickoff questionnaire" waits for "Welcome email", so it must come after it in the plan.',
    );
  });

  it('changes a pending action’s due date; a time already passed is refused under the date', async () => {
    const { accountId, plan } = await heliosPlan();
    const recap = await actionOf(accountId, 'success-plan-recap');
    await h.chooseInMenu(plan, 'Change due date', { near: recap.id });
    const modal = h.lastOpened();
    expect(valuesAsOpened(modal)).toEqual({ [F.date]: '2026-11-25', [F.time]: '09:00' });
    let res = await h.submitView(modal, { [F.date]: '2026-11-23', [F.time]: '09:00' });
    expect(res.body.errors[F.date]).toBe('Mon 23 Nov 09:00 has passed; pick a time from now on.');
    res = await h.submitView(modal, { [F.date]: '2026-11-27', [F.time]: '15:30' });
    expect(res.body).toEqual({});
    expect(textOf(shownAgain().blocks)).toContain('due Fri 27 Nov 15:30');
    expect((await actionOf(accountId, 'success-plan-recap')).dueAt).toEqual(new Date('2026-11-27T15:30:00Z'));
  });

  it('changes the kickoff date, and the plan moves with it', async () => {
    const { accountId, plan } = await heliosPlan();
    await h.press(plan, 'Change kickoff date');
    const modal = h.lastOpened();
    expect(valuesAsOpened(modal)).toEqual({ [F.kickoff]: '2026-11-20' });
    const res = await h.submitView(modal, { [F.kickoff]: '2026-11-27' });
    expect(res.body).toEqual({});
    expect(textOf(shownAgain().blocks)).toMatch(
      /Kickoff moved to 2026-11-27: 5 milestones and \d+ due times moved with it\./,
    );
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.kickoffDate.toISOString().slice(0, 10)).toBe('2026-11-27');
  });

  it('shifts a milestone’s planned dates; a start before the milestone before it ends is refused under the date', async () => {
    const { accountId, plan } = await heliosPlan();
    const setup = await milestoneOf(accountId, 1);
    await h.chooseInMenu(plan, 'Shift planned dates', { near: setup.id });
    const modal = h.lastOpened();
    let res = await h.submitView(modal, { [F.plannedStart]: '2026-11-20' });
    expect(res.body.errors[F.plannedStart]).toMatch(/Technical Setup cannot start before Kickoff is expected to end/);
    res = await h.submitView(modal, { [F.plannedStart]: '2026-12-07' });
    expect(res.body).toEqual({});
    expect(textOf(shownAgain().blocks)).toContain(
      'Shifted the planned dates of “Technical Setup” and 3 later milestones.',
    );
    expect((await milestoneOf(accountId, 1)).plannedStartDate.toISOString().slice(0, 10)).toBe('2026-12-07');
  });
});

describe('who may change a plan from Slack', () => {
  it('a viewer sees the plan without menus; a menu choice anyway is refused and changes nothing', async () => {
    const { accountId, plan } = await heliosPlan();
    await h.addPerson('UVIEW0001', 'viewer', { name: 'Vic Viewer' });
    await h.command('plan helios', { as: 'UVIEW0001' });
    const theirs = h.lastReply();
    expect(menuOptions(theirs.blocks)).toEqual([]);
    expect(buttons(theirs.blocks).map((b) => b.label)).toEqual(['Timeline']);
    h.forget();
    const recap = await actionOf(accountId, 'success-plan-recap');
    await h.chooseInMenu(plan, 'Remove from the plan', { near: recap.id, as: 'UVIEW0001' });
    expect(h.opened).toHaveLength(0);
    expect(h.lastReply().text).toContain("only the account's CSM or an admin can change the account's plan");
    expect(await actionOf(accountId, 'success-plan-recap')).toBeTruthy();
  });

  it('another CSM who submits a modal of this plan is refused by the service, shown in the modal', async () => {
    const { accountId, plan } = await heliosPlan();
    await h.addPerson('UCSM0002', 'csm', { name: 'Robin Other' });
    const recap = await actionOf(accountId, 'success-plan-recap');
    await h.chooseInMenu(plan, 'Change due date', { near: recap.id });
    const res = await h.submitView(h.lastOpened(), { [F.date]: '2026-11-27', [F.time]: '10:00' }, { as: 'UCSM0002' });
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain('you are not the CSM of Helios Health');
    expect((await actionOf(accountId, 'success-plan-recap')).dueAt).toBeNull();
  });
});
