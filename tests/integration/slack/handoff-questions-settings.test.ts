import { DEFAULT_HANDOFF_QUESTIONS } from '../../../src/domain/handoff-questions';
import { HANDOFF_QUESTION_FIELDS as Q, SETTINGS_FIELDS } from '../../../src/slack/ids';
import { findInput, menuOptions, stringsIn, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenView } from '../../support/slack-harness';
import { valuesAsOpened } from '../../support/slack-view-state';

const h = useSlackHarness();
const OTHER = 'UCSM0002';

/** The question labels of the screen, in order. */
function labels(view: SeenView): string[] {
  return view.blocks
    .filter((b) => String(b.block_id ?? '').startsWith('handoff_question_'))
    .map((b) => /^\*\d+\. (.+?)\*/.exec(textOf([b]))?.[1] ?? '');
}

/** Settings, then its Handoff questions button: the screen pushed onto the Settings modal. */
async function openScreen(): Promise<SeenView> {
  await h.seed();
  await h.command('settings');
  await h.pressInView(h.lastOpened(), 'Handoff questions…');
  const screen = h.pushed.at(-1);
  if (!screen) throw new Error('the questions screen was not pushed');
  return screen;
}

/** The list the editor was pushed from, as Thread updated it after a save. */
function listAfterSave(): SeenView {
  const update = h.fake.callsTo('views.update').at(-1);
  if (!update) throw new Error('the list was not updated');
  expect(update.args.view_id).toBe('VLIST');
  return h.viewUpdates.at(-1)!;
}

describe('handoff questions in Settings', () => {
  it('lists the organisation’s default questions in order, each with its menu, from Settings and from App Home', async () => {
    const screen = await openScreen();
    expect(screen.callback_id).toBe('view_handoff_questions');
    expect(labels(screen)).toEqual(DEFAULT_HANDOFF_QUESTIONS.map((q) => q.label));
    expect(textOf(screen.blocks)).toContain('Multiple choice · optional · key `integrations`');
    expect(textOf(screen.blocks)).toContain('pre-filled from `amount`');
    expect(menuOptions(screen.blocks).filter((o) => o.text === 'Remove')).toHaveLength(8);

    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home' });
    const home = h.published.at(-1)!.view;
    h.forget();
    await h.pressInView(home, 'Handoff questions');
    expect(h.opened.at(-1)?.callback_id).toBe('view_handoff_questions');
  });

  it('adds a question through the editor: problems under their fields first, then the list shows it', async () => {
    const screen = await openScreen();
    await h.pressInView(screen, 'Add a question');
    const editor = { ...h.pushed.at(-1)!, previous_view_id: 'VLIST' };
    expect(findInput(editor, Q.kind).element.initial).toBe('text');

    const refused = await h.submitView(editor, {
      [Q.label]: 'Which CRM do they use?',
      [Q.key]: 'Which CRM',
      [Q.kind]: 'single_choice',
      [Q.options]: 'Salesforce',
      [Q.crmProperty]: 'crm <script>',
    });
    expect(refused.body.response_action).toBe('errors');
    expect(Object.keys(refused.body.errors).sort()).toEqual([Q.crmProperty, Q.key, Q.options].sort());
    expect(refused.body.errors[Q.options]).toBe('A single choice question needs at least 2 options, one per line.');

    const taken = await h.submitView(editor, { [Q.label]: 'Seats again', [Q.key]: 'seats', [Q.kind]: 'number' });
    expect(taken.body.errors).toEqual({ [Q.key]: 'A question with the key seats already exists; choose another key.' });

    const added = await h.submitView(editor, {
      [Q.label]: 'Which CRM do they use? <!channel>',
      [Q.kind]: 'single_choice',
      [Q.options]: 'Salesforce\nHubSpot\n\nPipedrive',
      [Q.required]: 'required',
      [Q.helpText]: 'As the AE heard it & wrote it down',
    });
    expect(added.text).toBe('');
    const list = listAfterSave();
    expect(labels(list).at(-1)).toBe('Which CRM do they use? &lt;!channel&gt;');
    expect(textOf(list.blocks)).toContain(':white_check_mark: Added *Which CRM do they use? &lt;!channel&gt;*.');
    expect(stringsIn(list.blocks)).not.toContain('<!channel>');
    const stored = await h.db.prisma.handoffQuestion.findUniqueOrThrow({
      where: {
        organizationId_key: {
          organizationId: (await h.actor(CSM)).organizationId,
          key: 'which_crm_do_they_use_channel',
        },
      },
    });
    expect(stored).toMatchObject({
      kind: 'single_choice',
      required: true,
      position: 8,
      options: ['Salesforce', 'HubSpot', 'Pipedrive'],
      helpText: 'As the AE heard it & wrote it down',
    });
    expect(await h.db.prisma.auditEvent.count({ where: { entityType: 'handoff_question', entityId: stored.id } })).toBe(
      1,
    );
  });

  it('edits, moves and removes a question from its menu, and the list shows each change', async () => {
    const screen = await openScreen();
    await h.chooseInViewMenu(screen, 'Edit', { near: await idOf('seats') });
    const editor = { ...h.pushed.at(-1)!, previous_view_id: 'VLIST' };
    expect(findInput(editor, Q.label).element.initial).toBe('Seats / licences sold');
    expect(editor.blocks.some((b) => b.block_id === Q.key)).toBe(false);
    await h.submitView(editor, { ...valuesAsOpened(editor), [Q.label]: 'Seats sold', [Q.required]: 'required' });
    expect(labels(listAfterSave())[1]).toBe('Seats sold');

    await h.chooseInViewMenu(screen, 'Move up', { near: await idOf('arr') });
    let list = h.viewUpdates.at(-1)!;
    expect(labels(list).slice(0, 3)).toEqual(['Go-live date promised to the customer', 'ARR agreed', 'Seats sold']);

    await h.chooseInViewMenu(list, 'Remove', { near: await idOf('stakeholders') });
    list = h.viewUpdates.at(-1)!;
    expect(textOf(list.blocks)).toContain('Removed *Customer stakeholders: name, role, email*');
    expect(labels(list)).not.toContain('Customer stakeholders: name, role, email');
    expect(labels(list)).toHaveLength(7);
    const removed = await h.db.prisma.handoffQuestion.findFirstOrThrow({ where: { key: 'stakeholders' } });
    expect(removed.active).toBe(false);
    const positions = await h.db.prisma.handoffQuestion.findMany({
      where: { active: true },
      orderBy: { position: 'asc' },
      select: { key: true, position: true },
    });
    expect(positions.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(positions.map((p) => p.key).slice(0, 3)).toEqual(['promised_go_live', 'arr', 'seats']);
  });

  it('is for admins: a CSM is told whom to ask, and a menu choice of theirs changes nothing', async () => {
    const screen = await openScreen();
    h.fake.addUser({ id: OTHER, name: 'Robin Other', email: 'robin@vendor.test' });
    await h.addPerson(OTHER, 'csm', { name: 'Robin Other' });
    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home' });
    const home = h.published.at(-1)!.view;
    h.forget();
    await h.pressInView(home, 'Handoff questions', { as: OTHER });
    expect(stringsIn(h.lastOpened().blocks)).toContain(`Only admins can change the handoff questions. Ask <@${CSM}>.`);

    await h.chooseInViewMenu(screen, 'Remove', { as: OTHER, near: await idOf('seats') });
    expect(textOf(h.viewUpdates.at(-1)!.blocks)).toContain(
      `Only admins can change the handoff questions. Ask <@${CSM}>.`,
    );
    expect((await h.db.prisma.handoffQuestion.findFirstOrThrow({ where: { key: 'seats' } })).active).toBe(true);
  });

  it('keeps the handoff reminder setting in the Settings modal', async () => {
    await h.seed();
    await h.command('settings');
    const view = h.lastOpened();
    expect(findInput(view, SETTINGS_FIELDS.handoffReminderHours).element.initial).toBe('24');
    const saved = await h.submitView(view, { ...valuesAsOpened(view), [SETTINGS_FIELDS.handoffReminderHours]: '8' });
    expect(stringsIn(saved.body.view)).toContain('Handoff reminder (business hours)');
    const org = await h.db.prisma.organization.findFirstOrThrow();
    expect(org.handoffReminderHours).toBe(8);
    const refused = await h.submitView(view, { ...valuesAsOpened(view), [SETTINGS_FIELDS.handoffReminderHours]: '0' });
    expect(refused.body.errors).toEqual({
      [SETTINGS_FIELDS.handoffReminderHours]:
        'The handoff reminder must be a whole number from 1 to 720 business hours; 0 is not.',
    });
  });
});

async function idOf(key: string): Promise<string> {
  return (await h.db.prisma.handoffQuestion.findFirstOrThrow({ where: { key } })).id;
}
