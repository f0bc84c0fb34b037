/**
 * "Executing needs an approval" and four eyes, in Slack through signed requests: an admin switches them on in
 * /thread settings (four eyes alone is refused under its field); then Execute and Execute selected refuse an
 * unapproved draft, and under four eyes the approver cannot execute it while a colleague can. Review cards come from
 * the scheduler firing the demo plan; settings from the modal or updateSettings.
 */
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { getSettings } from '../../../src/services/organizations/get-settings';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { SETTINGS_FIELDS as F } from '../../../src/slack/ids';
import { buttonLabels, textOf } from '../../support/block-kit';
import { useExecutingSlackHarness } from '../../support/executing-slack-harness';
import { CSM, type SeenMessage } from '../../support/slack-harness';
import { tickedDrafts, valuesAsOpened } from '../../support/slack-view-state';

const { h, smtp } = useExecutingSlackHarness();
const COLLEAGUE = 'UADMIN002';

/**
 * The demo organisation with the rule given; the CSM (its first person, so an admin) and an admin colleague. The
 * scheduler fires the plan and posts the review cards; the CSM rewrites the welcome emails of Helios Health and
 * Northwind Logistics in the Edit modal (this harness makes no portal links, and the template's mentions one).
 */
async function withRule(rule: { executionNeedsApproval: boolean; approverMustDiffer: boolean }) {
  await h.seed();
  await h.addPerson(COLLEAGUE, 'admin');
  const organizationId = (await getDefaultOrganization(h.ctx)).id;
  await updateSettings(h.ctx, { organizationId, actor: 'cli', settings: rule });
  await fireDueActions(h.ctx, {
    notifier: h.slack.notifier,
    draft: async (actionId) => void (await draftFromTemplate(h.ctx, { actionId })),
  });
  const posted = h.posted;
  const cardOf = async (account: string) => {
    const action = await h.db.prisma.action.findFirstOrThrow({
      where: { key: 'welcome-email', account: { name: account } },
    });
    const card = posted.find((m) => JSON.stringify(m.blocks ?? []).includes(`"value":"${action.id}"`));
    if (!card) throw new Error(`the welcome email of ${account} was not posted for review`);
    await h.press(card, 'Edit');
    const first = account.split(' ')[0];
    await h.submitView(h.lastOpened(), {
      subject: `Welcome to onboarding, ${first}`,
      body: `Hi there, welcome to onboarding for ${account}.`,
    });
    return { actionId: action.id, card };
  };
  const helios = await cardOf('Helios Health');
  const northwind = await cardOf('Northwind Logistics');
  h.forget();
  return { organizationId, ...helios, northwind };
}

/** The card as it stands now: the last update of the message first posted, or the message itself. */
const current = (card: SeenMessage): SeenMessage => {
  const update = h.updated.filter((u) => u.ts === card.ts).at(-1);
  return update ? { ...update, channel: card.channel } : card;
};

const statusOf = async (id: string) => (await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status;

describe('the approval settings in /thread settings', () => {
  it('an admin switches on approvals and four eyes; the saved modal shows both from → to', async () => {
    await h.seed();
    await h.command('settings');
    const view = h.lastOpened();
    const opened = valuesAsOpened(view);
    expect(opened[F.executionNeedsApproval]).toBe('');
    expect(opened[F.approverMustDiffer]).toBe('');

    const res = await h.submitView(view, {
      ...opened,
      [F.executionNeedsApproval]: 'yes',
      [F.approverMustDiffer]: 'yes',
    });
    expect(res.body.response_action).toBe('update');
    const shown = textOf(res.body.view);
    expect(shown).toContain('*Executing needs an approval*: `no` → `yes`');
    expect(shown).toContain('*Four eyes (approver is not the executor)*: `no` → `yes`');
    const organizationId = (await getDefaultOrganization(h.ctx)).id;
    expect(await getSettings(h.ctx, { organizationId, actor: 'cli' })).toMatchObject({
      executionNeedsApproval: true,
      approverMustDiffer: true,
    });
  });

  it('four eyes without approvals is refused under its own field, and nothing changes', async () => {
    await h.seed();
    await h.command('settings');
    const view = h.lastOpened();
    const res = await h.submitView(view, { ...valuesAsOpened(view), [F.approverMustDiffer]: 'yes' });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        [F.approverMustDiffer]:
          'Four eyes only applies when executing needs an approval: turn that on too, or turn four eyes off.',
      },
    });
    const organizationId = (await getDefaultOrganization(h.ctx)).id;
    expect(await getSettings(h.ctx, { organizationId, actor: 'cli' })).toMatchObject({
      executionNeedsApproval: false,
      approverMustDiffer: false,
    });
  });
});

describe('executing under the approval rule', () => {
  it('Execute refuses an unapproved draft with the sentence, sends nothing; approved, it is sent', async () => {
    const { actionId, card } = await withRule({ executionNeedsApproval: true, approverMustDiffer: false });
    await h.press(card, 'Execute');
    expect(h.lastReply().text).toContain('executing needs an approval: approve the draft of "Welcome email" first.');
    expect(smtp.messages).toHaveLength(0);
    expect(await statusOf(actionId)).toBe('ready');

    await h.press(card, 'Approve');
    const approved = current(card);
    expect(buttonLabels(approved.blocks)).not.toContain('Approve');
    await h.press(approved, 'Execute');
    expect(smtp.messages).toHaveLength(1);
    expect(await statusOf(actionId)).toBe('executed');
  });

  it('with four eyes, the approver cannot execute it, and a colleague can', async () => {
    const { actionId, card } = await withRule({ executionNeedsApproval: true, approverMustDiffer: true });
    await h.press(card, 'Approve');
    const approved = current(card);
    await h.press(approved, 'Execute');
    expect(h.lastReply().text).toContain('"Welcome email" must be approved by someone other than you');
    expect(smtp.messages).toHaveLength(0);

    await h.press(approved, 'Execute', { as: COLLEAGUE });
    expect(smtp.messages).toHaveLength(1);
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(stored.status).toBe('executed');
    expect(stored.executedById).not.toBe(stored.approvedById);
  });

  it('Execute selected sends the approved drafts and lists the unapproved one as failed, with the sentence', async () => {
    const { actionId, northwind } = await withRule({ executionNeedsApproval: true, approverMustDiffer: false });
    await h.press(current(northwind.card), 'Approve');
    await h.command('review');
    const queue = h.lastReply();
    const state = tickedDrafts(actionId, northwind.actionId);
    h.forget();
    await h.press(queue, 'Execute selected', { state });
    const progress = h.posted.filter((m) => m.channel === CSM).at(-1)!;
    const final = current(progress);
    expect(final.text).toBe('1 of 2 sent, 1 failed');
    expect(textOf(final.blocks)).toContain('executing needs an approval: approve the draft of "Welcome email" first.');
    expect(await statusOf(actionId)).toBe('ready');
    expect(await statusOf(northwind.actionId)).toBe('executed');
    expect(smtp.messages).toHaveLength(1);
  });
});
