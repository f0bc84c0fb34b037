import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { ACCOUNT_CHANNEL_FIELDS as CH, CONTACT_FIELDS as C, NEW_ACCOUNT_FIELDS as N } from '../../../src/slack/ids';
import { buttons, findButton, findInput, stringsIn, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenMessage } from '../../support/slack-harness';

const h = useSlackHarness();

/** Helios Health's card, as its CSM sees it after `/thread account helios`, with the workspace's channels. */
async function heliosCard(): Promise<{ accountId: string; card: SeenMessage }> {
  await h.seed();
  const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
  await theCsmIsAdmin();
  await h.command('account helios');
  const card = h.lastReply();
  h.forget();
  addChannels();
  return { accountId: account.id, card };
}

/** The CSM is the organisation's first person, so its admin: resolved as every Slack request resolves its person. */
async function theCsmIsAdmin(): Promise<void> {
  const org = await h.db.prisma.organization.findFirstOrThrow();
  const me = await resolveSlackMember(h.ctx, { organizationId: org.id, slackUserId: CSM });
  expect(me).toMatchObject({ role: 'admin', member: true });
}

function addChannels(): void {
  h.fake.addChannel({ id: 'CHELIOSCSM', name: 'helios-csm', isMember: true });
  h.fake.addChannel({ id: 'CHELIOSEXT', name: 'ext-helios', isMember: true, isShared: true });
  h.fake.addChannel({ id: 'CNOTJOINED', name: 'general', isMember: false });
  h.fake.addChannel({ id: 'GSECRET', name: 'secret', isMember: false, isPrivate: true });
}

/** What a card replaced in place by a click or a modal shows now. */
function lastCard(): SeenMessage {
  const card = h.replies.filter((r) => r.replace_original === true).at(-1);
  if (!card) throw new Error('the card was not shown again');
  return card;
}

async function contactsOf(accountId: string) {
  return h.db.prisma.contact.findMany({ where: { accountId }, orderBy: { createdAt: 'asc' } });
}

describe('an account’s channels, from its card', () => {
  it('refuses a channel Thread is not in, under its field, saying how to invite it, and saves nothing', async () => {
    const { accountId, card } = await heliosCard();
    await h.press(card, 'Channels');
    const modal = h.lastOpened();
    const res = await h.submitView(modal, { [CH.csmChannel]: 'CNOTJOINED', [CH.customerChannel]: 'GSECRET' });
    expect(res.body.response_action).toBe('errors');
    expect(res.body.errors[CH.csmChannel]).toContain('Thread is not in #general yet');
    expect(res.body.errors[CH.csmChannel]).toContain('/invite @Thread');
    expect(res.body.errors[CH.customerChannel]).toContain('Thread cannot see');
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect([account.slackCsmChannelId, account.slackCustomerChannelId]).toEqual([null, null]);
  });

  it('saves the CSM and customer channels Thread is in, audits them and shows them on the card', async () => {
    const { accountId, card } = await heliosCard();
    await h.press(card, 'Channels');
    const res = await h.submitView(h.lastOpened(), {
      [CH.csmChannel]: 'CHELIOSCSM',
      [CH.customerChannel]: 'CHELIOSEXT',
    });
    expect(res.body).toEqual({});
    expect(textOf(lastCard().blocks)).toContain('CSM channel (review cards): <#CHELIOSCSM>');
    expect(textOf(lastCard().blocks)).toContain('Customer channel: <#CHELIOSEXT>');
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect([account.slackCsmChannelId, account.slackCustomerChannelId]).toEqual(['CHELIOSCSM', 'CHELIOSEXT']);
    const audit = await h.db.prisma.auditEvent.findMany({ where: { accountId, entityType: 'account' } });
    expect(audit.map((a) => a.reason)).toEqual(
      expect.arrayContaining(['CSM channel changed', 'customer channel changed']),
    );
    // Opening it again shows the channels chosen.
    await h.press(lastCard(), 'Channels');
    expect(findInput(h.lastOpened(), CH.csmChannel).element.type).toBe('conversations_select');
  });

  it('sends the account’s review cards to its own CSM channel once one is chosen', async () => {
    const { card } = await heliosCard();
    await h.press(card, 'Channels');
    await h.submitView(h.lastOpened(), { [CH.csmChannel]: 'CHELIOSCSM' });
    h.forget();
    h.ctx.advance(10 * 86_400_000);
    await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
    await h.settled();
    const helios = h.posted.filter((m) => textOf(m.blocks).includes('Helios Health'));
    expect(helios.length).toBeGreaterThan(0);
    expect(new Set(helios.filter((m) => m.channel?.startsWith('C')).map((m) => m.channel))).toEqual(
      new Set(['CHELIOSCSM']),
    );
  });
});

describe('an account’s contacts, from its card', () => {
  it('adds a contact with an escaped hostile name; the card lists them with their role', async () => {
    const { accountId, card } = await heliosCard();
    await h.press(card, 'Add contact');
    const res = await h.submitView(h.lastOpened(), {
      [C.name]: 'Eve <!channel> <script>x</script>',
      [C.email]: 'Eve@HeliosHealth.co',
      [C.title]: 'CTO',
      [C.role]: 'technical',
      [C.slackUser]: 'UEVE00001',
    });
    expect(res.body).toEqual({});
    const shown = lastCard();
    expect(textOf(shown.blocks)).toContain('Eve &lt;!channel&gt; &lt;script&gt;x&lt;/script&gt;');
    expect(textOf(shown.blocks)).toContain('technical contact');
    expect(stringsIn(shown.blocks)).not.toContain('<!channel>');
    const contacts = await contactsOf(accountId);
    expect(contacts.map((c) => [c.email, c.role, c.slackUserId])).toEqual([
      ['sam.okafor@helioshealth.co', 'primary', null],
      ['eve@helioshealth.co', 'technical', 'UEVE00001'],
    ]);
  });

  it('refuses a bad email and a duplicate email under the email field, adding nobody', async () => {
    const { accountId, card } = await heliosCard();
    await h.press(card, 'Add contact');
    const modal = h.lastOpened();
    let res = await h.submitView(modal, { [C.name]: 'Bob', [C.email]: 'bob@', [C.role]: 'billing' });
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors)).toEqual([C.email]);
    res = await h.submitView(modal, {
      [C.name]: 'Sam again',
      [C.email]: 'SAM.OKAFOR@helioshealth.co',
      [C.role]: 'billing',
    });
    expect(res.body.errors[C.email]).toBe(
      'Sam.okafor@helioshealth.co is already a contact of Helios Health (Sam Okafor).',
    );
    res = await h.submitView(modal, {
      [C.name]: 'x'.repeat(201),
      [C.email]: 'long@helioshealth.co',
      [C.role]: 'billing',
    });
    expect(Object.keys(res.body.errors)).toEqual([C.name]);
    expect(await contactsOf(accountId)).toHaveLength(1);
  });

  it('making another contact primary demotes the former primary to champion; the primary cannot simply stop being one', async () => {
    const { accountId, card } = await heliosCard();
    await h.press(card, 'Add contact');
    await h.submitView(h.lastOpened(), { [C.name]: 'Dana', [C.email]: 'dana@helioshealth.co', [C.role]: 'billing' });
    const [sam, dana] = await contactsOf(accountId);
    await h.press(lastCard(), 'Edit', { value: `${accountId}|${sam!.id}` });
    const editSam = h.lastOpened();
    expect(findInput(editSam, C.email).element.initial).toBe('sam.okafor@helioshealth.co');
    let res = await h.submitView(editSam, {
      [C.name]: 'Sam Okafor',
      [C.email]: 'sam.okafor@helioshealth.co',
      [C.role]: 'champion',
    });
    expect(res.body.errors[C.role]).toContain('make another contact primary instead');

    await h.press(lastCard(), 'Edit', { value: `${accountId}|${dana!.id}` });
    res = await h.submitView(h.lastOpened(), {
      [C.name]: 'Dana',
      [C.email]: 'dana@helioshealth.co',
      [C.role]: 'primary',
    });
    expect(res.body).toEqual({});
    const after = await contactsOf(accountId);
    expect(after.map((c) => [c.name, c.role, c.isPrimary])).toEqual([
      ['Sam Okafor', 'champion', false],
      ['Dana', 'primary', true],
    ]);
    expect(textOf(lastCard().blocks)).toMatch(/\*Dana\* :star:/);
  });

  it('removes a contact after Slack’s confirmation dialog; the card no longer lists them', async () => {
    const { accountId, card } = await heliosCard();
    const [sam] = await contactsOf(accountId);
    const remove = findButton(card.blocks, 'Remove', `${accountId}|${sam!.id}`);
    expect(buttons(card.blocks).find((b) => b.actionId === remove.actionId)).toBeDefined();
    expect(JSON.stringify(card.blocks)).toContain('"confirm":{');

    await h.command('account helios');
    await h.press(h.lastReply(), 'Add contact');
    await h.submitView(h.lastOpened(), { [C.name]: 'Dana', [C.email]: 'dana@helioshealth.co', [C.role]: 'billing' });
    const dana = (await contactsOf(accountId)).find((c) => c.name === 'Dana')!;
    await h.press(lastCard(), 'Remove', { value: `${accountId}|${dana.id}` });
    expect(textOf(lastCard().blocks)).not.toContain('Dana');
    expect((await contactsOf(accountId)).map((c) => c.name)).toEqual(['Sam Okafor']);
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: dana.id, toState: 'removed' } });
    expect(audit.reason).toBe('Dana <dana@helioshealth.co> removed');
  });
});

describe('/thread new with its channels and two contacts', () => {
  async function openNew() {
    const { templateName } = await h.seed();
    await theCsmIsAdmin();
    addChannels();
    await h.command('new');
    return { view: h.lastOpened(), templateName };
  }
  const base = (templateName: string) => ({
    [N.name]: 'Acme Robotics',
    [N.template]: templateName,
    [N.csm]: CSM,
    [N.contactName]: 'Ada Lovelace',
    [N.contactEmail]: 'ada@acme-robotics.io',
    [N.kickoff]: '2026-12-01',
  });

  it('creates the account with both contacts (the first primary) and the customer channel', async () => {
    const { view, templateName } = await openNew();
    const res = await h.submitView(view, {
      ...base(templateName),
      [N.secondContactName]: 'Grace <!here>',
      [N.secondContactEmail]: 'grace@acme-robotics.io',
      [N.secondContactRole]: 'technical',
      [N.customerChannel]: 'CHELIOSEXT',
    });
    expect(res.body).toEqual({});
    const account = await h.db.prisma.account.findFirstOrThrow({
      where: { name: 'Acme Robotics' },
      include: { contacts: { orderBy: { createdAt: 'asc' } } },
    });
    expect(account.slackCustomerChannelId).toBe('CHELIOSEXT');
    expect(account.contacts.map((c) => [c.name, c.email, c.role])).toEqual([
      ['Ada Lovelace', 'ada@acme-robotics.io', 'primary'],
      ['Grace <!here>', 'grace@acme-robotics.io', 'technical'],
    ]);
    const dm = h.lastPosted();
    expect(textOf(dm.blocks)).toContain('Grace &lt;!here&gt;');
    expect(textOf(dm.blocks)).toContain('Customer channel: <#CHELIOSEXT>');
  });

  it('creates the account with its own CSM channel for review cards, once Slack says Thread is in it', async () => {
    const { view, templateName } = await openNew();
    expect(findInput(view, N.csmChannel).element.type).toBe('conversations_select');
    h.forget();
    const res = await h.submitView(view, { ...base(templateName), [N.csmChannel]: 'CHELIOSCSM' });
    expect(res.body).toEqual({});
    expect(h.fake.callsTo('conversations.info').map((c) => c.args.channel)).toEqual(['CHELIOSCSM']);
    const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Acme Robotics' } });
    expect([account.slackCsmChannelId, account.slackCustomerChannelId]).toEqual(['CHELIOSCSM', null]);
    expect(textOf(h.lastPosted().blocks)).toContain('CSM channel (review cards): <#CHELIOSCSM>');
  });

  it('refuses a CSM channel Thread is not in, saying how to invite it, with the customer channel’s problem too', async () => {
    const { view, templateName } = await openNew();
    const res = await h.submitView(view, {
      ...base(templateName),
      [N.csmChannel]: 'CNOTJOINED',
      [N.customerChannel]: 'GSECRET',
    });
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        [N.csmChannel]:
          'Thread is not in #general yet. Invite it there (type /invite @Thread in the channel), then choose it again.',
        [N.customerChannel]: expect.stringContaining('Thread cannot see <#GSECRET>'),
      },
    });
    const hidden = await h.submitView(view, { ...base(templateName), [N.csmChannel]: 'GSECRET' });
    expect(hidden.body.errors).toEqual({ [N.csmChannel]: expect.stringContaining('invite Thread there first') });
    expect(await h.db.prisma.account.count({ where: { name: 'Acme Robotics' } })).toBe(0);
  });

  it('refuses a customer channel Thread is not in, and a bad second email, under their fields', async () => {
    const { view, templateName } = await openNew();
    let res = await h.submitView(view, { ...base(templateName), [N.customerChannel]: 'CNOTJOINED' });
    expect(res.body.errors).toEqual({ [N.customerChannel]: expect.stringContaining('/invite @Thread') });
    res = await h.submitView(view, { ...base(templateName), [N.secondContactEmail]: 'grace@@acme' });
    expect(Object.keys(res.body.errors)).toEqual([N.secondContactEmail]);
    res = await h.submitView(view, { ...base(templateName), [N.secondContactEmail]: 'ADA@acme-robotics.io' });
    expect(res.body.errors[N.secondContactEmail]).toContain('given twice');
    expect(await h.db.prisma.account.count({ where: { name: 'Acme Robotics' } })).toBe(0);
  });
});

describe('at-risk suggestions settled by people', () => {
  /** Lets the plan run late until the scheduler suggests Helios Health is at risk, then shows its card. */
  async function suggested(): Promise<{ accountId: string; card: SeenMessage }> {
    const { accountId } = await heliosCard();
    h.ctx.advance(30 * 86_400_000);
    await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.riskSuggestedAt).not.toBeNull();
    h.forget();
    await h.command('account helios');
    return { accountId, card: h.lastReply() };
  }

  it('the card shows the suggestion with its reasons; Confirm sets at_risk, audited, and the card then offers Back on track', async () => {
    const { accountId, card } = await suggested();
    expect(textOf(card.blocks)).toContain('Thread suggests this account is at risk');
    expect(textOf(card.blocks)).toContain('overdue');
    await h.press(card, 'Confirm at risk');
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.status).toBe('at_risk');
    expect(account.riskSuggestion).toBeNull();
    const shown = lastCard();
    expect(textOf(shown.blocks)).not.toContain('Thread suggests');
    expect(findButton(shown.blocks, 'Back on track').value).toBe(accountId);
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { accountId, toState: 'at_risk' } });
    expect(audit.reason).toBe('at-risk suggestion confirmed');

    await h.press(shown, 'Back on track');
    expect((await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).status).toBe('active');
    expect(buttons(lastCard().blocks).map((b) => b.label)).not.toContain('Back on track');
    const back = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { accountId, toState: 'active', fromState: 'at_risk' },
    });
    expect(back.reason).toBe('back on track');
  });

  it('Dismiss from App Home hides the suggestion, keeps the status and republishes the Home', async () => {
    const { accountId } = await suggested();
    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home' });
    const home = h.published.at(-1)!.view;
    expect(textOf(home.blocks)).toContain('Thread suggests *Helios Health* is at risk');
    h.forget();
    await h.click(findButton(home.blocks, 'Dismiss', accountId), { container: { type: 'view', view_id: 'V1' } });
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.status).toBe('active');
    expect(account.riskSuggestedAt).toBeNull();
    expect(account.riskDismissedAt).not.toBeNull();
    expect(textOf(h.published.at(-1)!.view.blocks)).not.toContain('Thread suggests *Helios Health*');
    // A second click finds nothing to dismiss and says so.
    await h.click(findButton(home.blocks, 'Dismiss', accountId), { container: { type: 'view', view_id: 'V1' } });
    expect(h.lastReply().text).toContain('there is no at-risk suggestion on this account to dismiss');
  });

  it('someone who is not the account’s CSM nor an admin is refused and nothing changes', async () => {
    const { accountId, card } = await suggested();
    await h.press(card, 'Confirm at risk', { as: 'USTRANGER1' });
    expect(h.lastReply().text).toMatch(/not allowed|not a member/i);
    expect((await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).status).toBe('active');
  });
});
