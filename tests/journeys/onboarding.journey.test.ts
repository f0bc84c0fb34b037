/**
 * Issue 11's journey: the demo onboarding played from an empty database to go-live, only the way people drive it.
 * Thread runs in-process on a clock this test holds (the scheduler's ticks read it, every second of wall time); the
 * admin, the CSM and the customer act through signed Slack requests, the portal over HTTP (forms with their CSRF
 * tokens, an upload as multipart) and the admin CLI; email is captured by a real SMTP server. The assertions read
 * what people see: Slack messages and modals, emails, portal pages and CLI output. No database code is imported.
 */
import { NEW_ACCOUNT_FIELDS as N, PEOPLE_FIELDS as P, SETTINGS_FIELDS as S, FIELDS, VIEWS } from '../../src/slack/ids';
import { buttonLabels, findButton, textOf } from '../support/block-kit';
import type { RecordedCall } from '../support/fake-slack-api';
import { JourneyDriver, PortalVisitor, type View } from '../support/journey-driver';
import { valuesAsOpened } from '../support/slack-view-state';
import { header, type CapturedEmail } from '../support/smtp-capture';
import { waitFor } from '../support/wait-for';

const ADMIN = { id: 'UADMIN001', name: 'Avery Admin', email: 'avery@acme-robotics.test', title: 'Head of CS' };
const CSM = { id: 'UCSM00002', name: 'Jordan Reyes', email: 'jordan.reyes@acme-robotics.test', title: 'CSM' };
const CSM_CHANNEL = { id: 'CCSMTEAM', name: 'csm-team', isMember: true };
const CUSTOMER_CHANNEL = { id: 'CGLOBEX', name: 'ext-globex', isMember: true, isShared: true };
const HANK = { name: 'Hank Scorpio', email: 'hank@globex.test' };
const ORG_NAME = 'Acme Robotics Customer Success';
const BRAND = '#1d4ed8';
const BLOCKER = 'Waiting for Globex IT to add our SAML app in Okta (ticket IT-4821).';

/** The simulated clock: Monday 1 March 2027, 07:00 UTC, the organisation's timezone. Only the test moves it. */
let now = new Date('2027-03-01T07:00:00Z');
const j = new JourneyDriver({ clock: () => new Date(now.getTime()) });

/** The text body of a captured email, quoted-printable soft breaks undone. */
function bodyOf(email: CapturedEmail): string {
  const body = email.raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  return body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

function portalLinkIn(email: CapturedEmail): string {
  const link = /http:\/\/thread\.journey\.test\/portal\/[^\s"<>]+/.exec(bodyOf(email))?.[0];
  if (!link) throw new Error(`no portal link in "${header(email.raw, 'Subject')}":\n${bodyOf(email)}`);
  return link;
}

/** Where a message now stands: Slack's last word on it (posted, then updated in place, or replaced by a click). */
type Message = RecordedCall;

/** Every message Thread posted, updated or sent through a response_url, oldest first. */
function messages(): Message[] {
  return j.fake.calls.filter((c) => ['chat.postMessage', 'chat.update', 'response_url'].includes(c.method));
}

/**
 * The newest card (after the first `since`) about `text` (its first block names it, as a review card's header or an
 * answer card's first line does) that carries a button labelled `button`. A plan or a review queue that merely
 * lists `text` among other drafts is not its card, even while the card itself is still to come.
 */
function latestWith(text: string, button: string, since = 0): Message | undefined {
  return messages()
    .slice(since)
    .reverse()
    .find((m) => {
      const blocks = Array.isArray(m.args.blocks) ? m.args.blocks : [];
      return textOf(blocks.slice(0, 1)).includes(text) && buttonLabels(blocks).includes(button);
    });
}

async function cardWith(text: string, button: string, since = 0): Promise<Message> {
  return waitFor(() => latestWith(text, button, since), {
    description: `a message with "${text}" and a ${button} button`,
    timeoutMs: 20_000,
  });
}

/** A click on a message's button, as the person who sees it. */
async function press(message: Message, button: string, as: string): Promise<Record<string, unknown>> {
  const target = findButton(message.args.blocks, button);
  if (message.method === 'response_url') {
    return j.click(target, as, {
      container: { type: 'message', is_ephemeral: true },
      channel: { id: CSM_CHANNEL.id },
    });
  }
  return j.clickInMessage(target, as, message);
}

/** Presses a button that opens a modal and returns the modal. */
async function pressOpening(message: Message, button: string, as: string, callbackId: string): Promise<View> {
  const before = j.calls('views.open').length;
  await press(message, button, as);
  const opened = await j.next('views.open', before, `${button} to open a modal`);
  return j.asView(opened.args.view, callbackId);
}

/** `/thread <text>` as someone, and the ephemeral reply Slack shows them. */
async function ask(text: string, as: string): Promise<Message> {
  const before = j.calls('response_url').length;
  await j.command(text, as, CSM_CHANNEL.id);
  return j.next('response_url', before, `the reply to /thread ${text}`);
}

/** Moves the clock and waits until the scheduler has ticked on the new time twice (a tick starts every second). */
async function moveClockTo(iso: string): Promise<void> {
  now = new Date(iso);
  await new Promise((resolve) => setTimeout(resolve, 2_500));
}

/** Approve, then Execute, on the newest review card of `name` (executing needs an approval in this organisation). */
async function approveAndExecute(name: string): Promise<void> {
  const card = await cardWith(name, 'Approve');
  const before = messages().length;
  await press(card, 'Approve', CSM.id);
  const approved = await waitFor(
    () =>
      messages()
        .slice(before)
        .find((m) => textOf(m.args.blocks).includes(name) && /[Aa]pproved by/.test(textOf(m.args.blocks))),
    { description: `"${name}" to show its approval` },
  );
  const sending = messages().length;
  await press(approved, 'Execute', CSM.id);
  await waitFor(
    () => {
      const after = messages().slice(sending);
      const refused = after.find((m) => m.method === 'response_url' && !m.args.blocks && m.args.text);
      if (refused) throw new Error(`"${name}" was not sent: ${String(refused.args.text)}`);
      return after.find((m) => textOf(m.args.blocks).includes(name) && textOf(m.args.blocks).includes('Sent'));
    },
    { description: `"${name}" to be sent` },
  );
}

function emailTo(address: string, subject: RegExp): Promise<CapturedEmail> {
  return waitFor(
    () => j.smtp.messages.find((m) => m.to.includes(address) && subject.test(header(m.raw, 'Subject') ?? '')),
    {
      description: `an email to ${address} about ${subject}`,
      timeoutMs: 20_000,
    },
  );
}

describe('a whole onboarding runs from kickoff to go-live, driven only the way people drive it (issue 11)', () => {
  beforeAll(async () => {
    await j.start();
    j.fake.addUser({ ...ADMIN });
    j.fake.addUser({ ...CSM });
    j.fake.addChannel({ ...CSM_CHANNEL });
    j.fake.addChannel({ ...CUSTOMER_CHANNEL });
    await j.startThread();
  }, 60_000);

  afterAll(async () => {
    await j.stop();
  });

  it('plays the demo plan to go-live', async () => {
    // Settings: the first person is the admin; they name and brand the organisation, choose the CSM channel and
    // make executing need an approval.
    const settings = await j.commandOpening('settings', ADMIN.id, CSM_CHANNEL.id, VIEWS.settings);
    const saved = await j.submitView(
      settings,
      {
        ...valuesAsOpened(settings),
        [S.name]: ORG_NAME,
        [S.brandColor]: BRAND,
        [S.defaultCsmChannelId]: CSM_CHANNEL.id,
        [S.executionNeedsApproval]: 'yes',
      },
      ADMIN.id,
    );
    expect(textOf(saved.view)).toContain(ORG_NAME);
    const people = await j.commandOpening('people', ADMIN.id, CSM_CHANNEL.id, VIEWS.people);
    await j.submitView(people, { [P.user]: CSM.id, [P.role]: 'csm' }, ADMIN.id);
    expect((await j.cli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml'])).code).toBe(0);

    // A new account with its channels and contacts, kicking off today.
    const form = await j.commandOpening('new', CSM.id, CSM_CHANNEL.id, VIEWS.newAccount);
    await j.submitView(
      form,
      {
        ...valuesAsOpened(form),
        [N.name]: 'Globex',
        [N.template]: 'B2B SaaS onboarding',
        [N.csm]: CSM.id,
        [N.contactName]: HANK.name,
        [N.contactEmail]: HANK.email,
        [N.secondContactName]: 'Mindy Simmons',
        [N.secondContactEmail]: 'mindy@globex.test',
        [N.secondContactRole]: 'technical',
        [N.customerChannel]: CUSTOMER_CHANNEL.id,
        [N.kickoff]: '2027-03-01',
      },
      CSM.id,
    );
    await waitFor(() => messages().find((m) => textOf(m.args.blocks).includes('Created *Globex*')), {
      description: 'the CSM to be told Globex was created',
    });

    // Kickoff day, 09:00: ticks fire the kickoff's actions and their cards reach the CSM channel.
    await moveClockTo('2027-03-01T09:05:00Z');
    const prep = await cardWith('Prepare the kickoff', 'Done');
    expect(prep.args.channel).toBe(CSM_CHANNEL.id);
    await press(prep, 'Done', CSM.id);

    // The welcome email: edited, approved, executed; it goes out from the CSM, replies to the CSM.
    const welcomeCard = await cardWith('Welcome email', 'Edit');
    const edit = await pressOpening(welcomeCard, 'Edit', CSM.id, VIEWS.editDraft);
    const opened = valuesAsOpened(edit);
    await j.submitView(
      edit,
      {
        ...opened,
        [FIELDS.subject]: 'Welcome to Acme Robotics, Globex!',
        [FIELDS.body]: `${opened[FIELDS.body]}\n\nP.S. Ask me anything.`,
      },
      CSM.id,
    );
    // Executing an unapproved draft is refused with the organisation's rule.
    await press(await cardWith('Welcome email', 'Execute'), 'Execute', CSM.id);
    await waitFor(() => messages().find((m) => String(m.args.text ?? '').includes('executing needs an approval')), {
      description: 'the refusal of an unapproved draft',
    });
    await approveAndExecute('Welcome email');
    const welcome = await emailTo(HANK.email, /Welcome to Acme Robotics, Globex!/);
    expect(header(welcome.raw, 'From')).toBe(`${CSM.name} <onboarding@acme-robotics.test>`);
    expect(header(welcome.raw, 'Reply-To')).toBe(CSM.email);
    expect(bodyOf(welcome)).toContain('P.S. Ask me anything.');

    // The questionnaire waited for the welcome email; the next tick fires it.
    await approveAndExecute('Kickoff questionnaire');
    const questionnaireEmail = await emailTo(HANK.email, /questionnaire/i);
    // The customer channel gets the questionnaire too, to answer there (Hank answers in the portal below).
    const inChannel = await waitFor(
      () => j.calls('chat.postMessage').find((c) => c.args.channel === CUSTOMER_CHANNEL.id && c.args.blocks),
      { description: 'the questionnaire in the customer channel' },
    );
    expect(textOf(inChannel.args.blocks)).toContain('Kickoff questionnaire');
    expect(buttonLabels(inChannel.args.blocks)).toEqual(['Answer here']);

    // The kickoff-day Slack message: a test to the CSM first, then to the customer channel.
    const slackCard = await cardWith('Kickoff day message', 'Send test to me');
    await press(slackCard, 'Send test to me', CSM.id);
    const test = await waitFor(
      () => j.calls('chat.postMessage').find((c) => c.args.channel === CSM.id && !c.args.blocks),
      {
        description: 'the test DM to the CSM',
      },
    );
    await approveAndExecute('Kickoff day message');
    const posted = await waitFor(
      () => j.calls('chat.postMessage').find((c) => c.args.channel === CUSTOMER_CHANNEL.id && !c.args.blocks),
      { description: 'the kickoff message in the customer channel' },
    );
    // The customer gets exactly what the CSM tested, with their own portal link where the test showed a marker.
    const sentText = String(posted.args.text);
    const link = /http:\/\/thread\.journey\.test\/portal\/\S+/.exec(sentText)?.[0] ?? 'no link';
    expect(sentText.replace(link, '(the customer’s portal link goes here when sent)')).toBe(test.args.text);

    // Hank answers the questionnaire in the portal; the CSM acknowledges the answer from its card.
    let hank = new PortalVisitor(j, portalLinkIn(questionnaireEmail));
    const home = await hank.get();
    expect(home.html).toContain(ORG_NAME);
    expect(home.html).toContain(CSM.name);
    await hank.fillIn('Kickoff questionnaire', {
      primary_goals: 'Cut time to first response in half.',
      project_owner_email: 'mindy@globex.test',
      target_go_live: '2027-05-28',
      expected_users: '120',
      preferred_channel: 'Both',
    });
    const answer = await cardWith('Kickoff questionnaire', 'Acknowledge');
    await press(answer, 'Acknowledge', CSM.id);
    await waitFor(() => messages().find((m) => textOf(m.args.blocks).includes(`Acknowledged by`)), {
      description: 'the answer card to say who acknowledged it',
    });

    // The recap is started by hand: "Start now" in the review queue, then its card on the next tick.
    const queue = await ask('review', CSM.id);
    expect(textOf(queue.args.blocks)).toContain('Kickoff recap and success plan');
    await press(queue, 'Start now', CSM.id);
    await approveAndExecute('Kickoff recap and success plan');
    await emailTo(HANK.email, /recap|success plan/i);

    // Kickoff completes two business days late (planned to end Fri 5 March): the later planned dates move out, and
    // the plan says so.
    const goLiveIn = (plan: Message) => /planned go-live ([^·]+) ·/.exec(textOf(plan.args.blocks))?.[1]?.trim();
    const planBefore = await ask('plan globex', CSM.id);
    expect(textOf(planBefore.args.blocks)).toContain('Kickoff recap and success plan');
    const goLiveBefore = goLiveIn(planBefore);
    await moveClockTo('2027-03-09T10:00:00Z');
    const timeline = await ask('timeline globex', CSM.id);
    const complete = await pressOpening(timeline, 'Complete', CSM.id, VIEWS.milestoneChange);
    await j.submitView(complete, valuesAsOpened(complete), CSM.id);
    const planAfter = await ask('plan globex', CSM.id);
    const goLiveAfter = goLiveIn(planAfter);
    expect(goLiveBefore).toBeDefined();
    expect(goLiveAfter).toBeDefined();
    expect(new Date(`${goLiveAfter!} UTC`).getTime()).toBeGreaterThan(new Date(`${goLiveBefore!} UTC`).getTime());

    // Technical Setup starts: its intro and the technical details form fire at once.
    await moveClockTo('2027-03-09T10:05:00Z');
    await approveAndExecute('Technical setup introduction');
    await approveAndExecute('Technical details form');
    const detailsEmail = await emailTo(HANK.email, /Technical details/i);
    const detailsLink = portalLinkIn(detailsEmail);

    // The signed DPA is requested a business day later, and Hank uploads it.
    await moveClockTo('2027-03-10T10:05:00Z');
    await approveAndExecute('Signed data processing agreement');
    const mindy = new PortalVisitor(j, detailsLink);
    await mindy.upload('Signed data processing agreement', {
      name: 'globex-dpa.pdf',
      type: 'application/pdf',
      content: Buffer.from('%PDF-1.4\n% Globex DPA, signed\n'),
    });
    await cardWith('Signed data processing agreement', 'Acknowledge');

    // The technical details answer fires "Configure single sign-on" (a submission trigger).
    await mindy.fillIn('Technical details form', {
      sso_provider: 'Okta',
      idp_metadata_url: 'https://globex.okta.test/app/metadata',
      it_admin_email: 'it@globex.test',
      technical_notes: 'Change freeze on Fridays.',
    });
    // The CSM skips the SSO configuration (Globex's IT does it); what waited on it still fires, saying why.
    const sso = await cardWith('Configure single sign-on', 'Skip');
    await press(sso, 'Skip', CSM.id);
    const ready = await cardWith('Single sign-on ready', 'Approve');
    expect(textOf(ready.args.blocks)).toContain('Fires because *Configure single sign-on* was skipped.');

    // A block whose note the customer sees, then unblocked.
    const blockFrom = await ask('timeline globex', CSM.id);
    const block = await pressOpening(blockFrom, 'Block Technical Setup', CSM.id, VIEWS.milestoneChange);
    await j.submitView(block, { [FIELDS.note]: BLOCKER, [FIELDS.blockCause]: 'customer' }, CSM.id);
    const blocked = await hank.get();
    expect(blocked.html).toContain('What this is waiting on');
    expect(blocked.html).toContain('Waiting for Globex IT to add our SAML app in Okta');
    const unblockFrom = await ask('timeline globex', CSM.id);
    const unblock = await pressOpening(unblockFrom, 'Unblock', CSM.id, VIEWS.milestoneChange);
    await j.submitView(unblock, valuesAsOpened(unblock), CSM.id);
    expect((await hank.get()).html).not.toContain('What this is waiting on');
    await approveAndExecute('Single sign-on ready');

    // The remaining milestones are completed from the timeline, the open actions covered by a workshop.
    for (const [day, milestone] of [
      ['2027-03-16T10:00:00Z', 'Technical Setup'],
      ['2027-04-06T10:00:00Z', 'Implementation'],
      ['2027-04-15T10:00:00Z', 'Training'],
      ['2027-04-22T10:00:00Z', 'Go-Live'],
    ] as const) {
      await moveClockTo(day);
      const from = await ask('timeline globex', CSM.id);
      const modal = await pressOpening(from, 'Complete', CSM.id, VIEWS.milestoneChange);
      const values = valuesAsOpened(modal);
      if (FIELDS.reason in values) values[FIELDS.reason] = `${milestone}: covered in the on-site workshop`;
      await j.submitView(modal, values, CSM.id);
    }

    // Go-live: the account is completed with its time to value, the portal shows a finished timeline. Hank's first
    // link has expired by now (weeks later), so the CSM emails him a fresh one from the account card.
    const card = await ask('account globex', CSM.id);
    expect(textOf(card.args.blocks)).toMatch(/Live since/);
    expect(textOf(card.args.blocks)).toMatch(/time to value \d+ days/);
    const linkModal = await pressOpening(card, 'Email portal link', CSM.id, VIEWS.emailPortalLink);
    const mailed = j.smtp.messages.length;
    await j.submitView(linkModal, valuesAsOpened(linkModal), CSM.id);
    const fresh = await waitFor(() => j.smtp.messages.slice(mailed).find((m) => m.to.includes(HANK.email)), {
      description: 'a fresh portal link for Hank',
    });
    hank = new PortalVisitor(j, portalLinkIn(fresh));
    const finished = (await hank.get()).html;
    expect(finished.replace(/\s+/g, ' ')).toContain('Went live');
    expect(finished).toMatch(/You(’|&#39;|')re live/);
    const listed = await j.cli(['accounts', 'list', '--status', 'completed']);
    expect(listed.stdout).toContain('Globex');
  }, 240_000);
});
