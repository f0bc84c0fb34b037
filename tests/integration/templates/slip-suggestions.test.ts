/**
 * Template suggestions from the slip ledger, end to end through Slack: three accounts on one template lose days to
 * the same slow portal request (slip-fixture.ts), the analytics view's button opens the suggestions, an admin
 * accepts one (a new version of the template, the request now sent at kickoff, accounts keeping their plan) and a
 * CSM cannot.
 */
import { MIN_ACCOUNTS, templateRef } from '../../../src/domain/slip-suggestions';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { listSlipSuggestions } from '../../../src/services/templates/list-slip-suggestions';
import { ACTIONS, VIEWS } from '../../../src/slack/ids';
import { buttons, findButton, textOf } from '../../support/block-kit';
import { CSM, CSM_PROFILE, useSlackHarness, type SeenView } from '../../support/slack-harness';
import { arrangeSlowSsoForm, SENTENCE, SLIP_DAYS_PER_ACCOUNT, TEMPLATE_NAME } from './slip-fixture';

const COLLEAGUE = 'UCSM0002';

describe('template suggestions from the slip ledger', () => {
  const h = useSlackHarness();
  let organizationId: string;
  let admin: { userId: string };
  let templateId: string;
  let accountIds: string[];

  beforeEach(async () => {
    // The CSM is the organisation's first person, so its admin; a colleague is added as a CSM.
    const first = await h.actor(CSM);
    organizationId = first.organizationId;
    admin = { userId: first.userId };
    await refreshProfile(h.ctx, {
      organizationId,
      slackUserId: CSM,
      profile: { name: CSM_PROFILE.name, email: CSM_PROFILE.email },
    });
    h.fake.addUser({ id: COLLEAGUE, name: 'Robin Other', email: 'robin.other@vendor.test' });
    await h.addPerson(COLLEAGUE, 'csm', { name: 'Robin Other' });
    ({ templateId, accountIds } = await arrangeSlowSsoForm(h.ctx, {
      organizationId,
      csm: admin,
      csmSlackUserId: CSM,
      accounts: MIN_ACCOUNTS,
    }));
  });

  /** The analytics view's button, in App Home (no response URL, no modal under it). */
  async function openSuggestions(as: string = CSM, value = 'analytics'): Promise<SeenView> {
    const before = h.opened.length;
    await h.click(
      { actionId: ACTIONS.openSlipSuggestions, value },
      { as, withoutResponseUrl: true, container: { type: 'view', view_id: 'VHOME' } },
    );
    expect(h.opened).toHaveLength(before + 1);
    const view = h.lastOpened();
    expect(view.callback_id).toBe(VIEWS.slipSuggestions);
    return view;
  }

  const template = () =>
    h.db.prisma.template.findUniqueOrThrow({
      where: { id: templateId },
      include: { milestones: { include: { actions: true }, orderBy: { position: 'asc' } } },
    });
  const ssoStep = async () =>
    (await template()).milestones.flatMap((m) => m.actions).find((a) => a.key === 'sso-form')!;

  it('the slow request slipped every account, and the suggestion says so in one sentence', async () => {
    const accounts = await h.db.prisma.account.findMany({ where: { id: { in: accountIds } } });
    expect(accounts.map((a) => a.daysBehind)).toEqual(accountIds.map(() => SLIP_DAYS_PER_ACCOUNT));

    const { suggestions } = await listSlipSuggestions(h.ctx, { organizationId, actor: admin });
    expect(suggestions).toEqual([
      expect.objectContaining({
        id: `${templateRef(templateId)}.v1.kickoff-sso-form`,
        sentence: SENTENCE,
        evidence: `${SLIP_DAYS_PER_ACCOUNT * MIN_ACCOUNTS} days behind plan on ${MIN_ACCOUNTS} accounts`,
        side: 'customer',
      }),
    ]);
  });

  it('an admin accepts it in the modal: a new version sends the request at kickoff, and accounts keep their plan', async () => {
    // Opened for the one template the analytics were filtered to.
    const view = await openSuggestions(CSM, `template:${templateId}`);
    expect(textOf(view)).toContain(`The steps of *${TEMPLATE_NAME}*`);
    expect(textOf(view)).toContain(SENTENCE);
    const accept = findButton(view.blocks, 'Accept');
    expect(accept).toMatchObject({
      actionId: ACTIONS.acceptSlipSuggestion,
      value: `${templateRef(templateId)}.v1.kickoff-sso-form`,
    });

    await h.pressInView(view, 'Accept');

    const updated = h.viewUpdates.at(-1)!;
    expect(updated.callback_id).toBe(VIEWS.slipSuggestions);
    expect(textOf(updated)).toContain(`Accepted: "${TEMPLATE_NAME}" is now v2`);
    expect(textOf(updated)).toContain(`The steps of *${TEMPLATE_NAME}*`);
    // The accounts that got the form late are no evidence about the new version: nothing more to suggest.
    expect(textOf(updated)).toContain('Nothing to suggest yet');
    expect(textOf(updated)).not.toContain(SENTENCE);

    const after = await template();
    expect(after.version).toBe(2);
    expect(await ssoStep()).toMatchObject({ triggerKind: 'kickoff_offset', delayDays: 0, afterActionKey: null });
    // What waited on the form's answer still does: the graph is whole.
    expect(after.milestones[1]!.actions.find((a) => a.key === 'configure-sso')).toMatchObject({
      triggerKind: 'submission',
      afterActionKey: 'sso-form',
    });
    const running = await h.db.prisma.action.findMany({ where: { accountId: { in: accountIds }, key: 'sso-form' } });
    expect(running.map((a) => a.triggerKind)).toEqual(accountIds.map(() => 'milestone_start'));
    const accounts = await h.db.prisma.account.findMany({ where: { id: { in: accountIds } } });
    expect(accounts.map((a) => a.templateVersion)).toEqual(accountIds.map(() => 1));

    const audit = await h.db.prisma.auditEvent.findMany({
      where: { entityType: 'template', entityId: templateId, fromState: 'v1' },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: admin.userId,
        toState: 'v2',
        reason: 'slip suggestion accepted: "SSO form": sent when its milestone starts → sent at kickoff',
      }),
    ]);
  });

  it('refuses the same suggestion once the template has changed since, saying so', async () => {
    const view = await openSuggestions();
    await h.pressInView(view, 'Accept');
    // The same modal, pressed again (a second window, or a colleague's copy).
    await h.pressInView(view, 'Accept');
    expect(textOf(h.viewUpdates.at(-1)!)).toContain(
      `the template "${TEMPLATE_NAME}" has changed since this suggestion was made (it was v1 and is now v2), so it no longer applies`,
    );
    expect((await template()).version).toBe(2);
  });

  it('a CSM reads the suggestions without Accept, and an Accept sent as them is refused', async () => {
    const view = await openSuggestions(COLLEAGUE);
    expect(textOf(view)).toContain(SENTENCE);
    expect(textOf(view)).toContain('Only admins can accept a suggestion.');
    expect(buttons(view.blocks)).toEqual([]);

    // The button as an admin saw it, clicked by the CSM.
    const adminView = await openSuggestions();
    await h.pressInView(adminView, 'Accept', { as: COLLEAGUE });
    const refused = textOf(h.viewUpdates.at(-1)!);
    expect(refused).toContain('only admins can change templates, and your role is CSM.');
    expect(refused).toContain(SENTENCE);
    expect((await template()).version).toBe(1);
    expect(await ssoStep()).toMatchObject({ triggerKind: 'milestone_start' });
  });
});
