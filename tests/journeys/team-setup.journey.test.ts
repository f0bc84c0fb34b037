/**
 * Issue 10's "Done when", played as a new team would, from an empty database with Slack on, through public
 * surfaces only: Thread started in-process through its public entry with a configuration, signed Slack requests
 * into its real receiver over HTTP, the fake Slack Web API for the workspace, a real SMTP capture, the admin CLI,
 * and the portal over HTTP. Nothing here reads or writes the database.
 */
import { NEW_ACCOUNT_FIELDS as N, PEOPLE_FIELDS as P, SETTINGS_FIELDS as S, VIEWS } from '../../src/slack/ids';
import { findButton, textOf } from '../support/block-kit';
import { JourneyDriver } from '../support/journey-driver';
import { valuesAsOpened } from '../support/slack-view-state';
import { header } from '../support/smtp-capture';
import { waitFor } from '../support/wait-for';

const ADMIN = { id: 'UADMIN001', name: 'Avery Admin', email: 'avery@acme-robotics.test', title: 'Head of CS' };
const COLLEAGUE = { id: 'UCSM00002', name: 'Jordan Reyes', email: 'jordan.reyes@acme-robotics.test', title: 'CSM' };
const CSM_TEAM_CHANNEL = { id: 'CCSMTEAM', name: 'csm-team', isMember: true };
const CUSTOMER_CHANNEL = { id: 'CGLOBEX', name: 'ext-globex', isMember: true, isShared: true };
const ORG_NAME = 'Acme Robotics Customer Success';
const BRAND = '#1d4ed8';

/** A weekday at least three days ago, as YYYY-MM-DD: a kickoff that has happened, so its first milestone has begun. */
function pastWeekday(): string {
  const day = new Date(Date.now() - 3 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The text body of a captured email, quoted-printable soft breaks undone. */
function bodyOf(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  return body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

describe('a team sets Thread up from Slack and welcomes its first customer (issue 10, Done when)', () => {
  const j = new JourneyDriver();
  const calls = (method: string) => j.calls(method);
  const commandOpening = (text: string, as: string, callbackId: string) =>
    j.commandOpening(text, as, CSM_TEAM_CHANNEL.id, callbackId);

  beforeAll(async () => {
    await j.start();
    j.fake.addUser({ ...ADMIN });
    j.fake.addUser({ ...COLLEAGUE });
    j.fake.addChannel({ ...CSM_TEAM_CHANNEL });
    j.fake.addChannel({ ...CUSTOMER_CHANNEL });
    await j.startThread();
  }, 60_000);

  afterAll(async () => {
    await j.stop();
  });

  it('the first person becomes admin, names the organisation, brands it, makes a colleague a CSM; the colleague onboards a customer whose welcome email and portal carry all of it', async () => {
    // 1. The first person to use /thread in the workspace is its admin: Settings opens for them.
    const settings = await commandOpening('settings', ADMIN.id, VIEWS.settings);
    const saved = await j.submitView(
      settings,
      {
        ...valuesAsOpened(settings),
        [S.name]: ORG_NAME,
        [S.brandColor]: BRAND,
        [S.defaultCsmChannelId]: CSM_TEAM_CHANNEL.id,
      },
      ADMIN.id,
    );
    expect(saved.response_action).toBe('update');
    const shown = textOf(saved.view);
    expect(shown).toContain(ORG_NAME);
    expect(shown).toContain(`\`${BRAND}\``);
    expect(shown).toContain(`*Default CSM channel*: \`none\` → <#${CSM_TEAM_CHANNEL.id}>`);

    // The admin adds the colleague as a CSM in People.
    const people = await commandOpening('people', ADMIN.id, VIEWS.people);
    const added = await j.submitView(people, { [P.user]: COLLEAGUE.id, [P.role]: 'csm' }, ADMIN.id);
    expect(added.response_action).toBe('update');
    expect(textOf(added.view)).toContain(`Added ${COLLEAGUE.name} as CSM.`);

    // The operator's twin confirms it, and loads the shipped onboarding plan.
    const listed = await j.cli(['people', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${ADMIN.name}.*admin`));
    expect(listed.stdout).toMatch(new RegExp(`${COLLEAGUE.name}.*csm`));
    const org = await j.cli(['org', 'show']);
    expect(org.stdout).toContain(ORG_NAME);
    expect(org.stdout).toContain(BRAND);
    const imported = await j.cli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('B2B SaaS onboarding');

    // 2. The colleague creates an account with a customer channel and two contacts.
    const form = await commandOpening('new', COLLEAGUE.id, VIEWS.newAccount);
    const created = await j.submitView(
      form,
      {
        ...valuesAsOpened(form),
        [N.name]: 'Globex',
        [N.template]: 'B2B SaaS onboarding',
        [N.csm]: COLLEAGUE.id,
        [N.contactName]: 'Hank Scorpio',
        [N.contactEmail]: 'hank@globex.test',
        [N.secondContactName]: 'Mindy Simmons',
        [N.secondContactEmail]: 'mindy@globex.test',
        [N.secondContactRole]: 'technical',
        [N.customerChannel]: CUSTOMER_CHANNEL.id,
        [N.kickoff]: pastWeekday(),
      },
      COLLEAGUE.id,
    );
    expect(created).toEqual({});
    const summary = await waitFor(
      () => calls('chat.postMessage').find((c) => textOf(c.args.blocks).includes('Created *Globex*')),
      { description: 'the colleague to be told the account was created' },
    );
    expect(summary.args.channel).toBe(COLLEAGUE.id);
    expect(textOf(summary.args.blocks)).toContain('Mindy Simmons');
    expect(textOf(summary.args.blocks)).toContain(`Customer channel: <#${CUSTOMER_CHANNEL.id}>`);

    // 3. The scheduler's tick makes the welcome email ready: its review card goes to the default CSM channel.
    const card = await waitFor(
      () =>
        [...calls('chat.postMessage'), ...calls('chat.update')]
          .reverse()
          .find(
            (c) =>
              c.args.channel === CSM_TEAM_CHANNEL.id &&
              textOf(c.args.blocks).includes('Welcome email') &&
              textOf(c.args.blocks).includes('Execute'),
          ),
      { description: 'the welcome email’s review card in the CSM channel', timeoutMs: 20_000 },
    );
    await j.clickInMessage(findButton(card.args.blocks, 'Execute'), COLLEAGUE.id, card);
    const email = await waitFor(() => j.smtp.messages[0], { description: 'the welcome email to be sent' });
    expect(email.to).toEqual(['hank@globex.test']);
    expect(header(email.raw, 'From')).toBe(`${COLLEAGUE.name} <onboarding@acme-robotics.test>`);
    expect(header(email.raw, 'Reply-To')).toBe(COLLEAGUE.email);

    // 4. The portal, from the email's link, shows the organisation's name, colour and the CSM's card.
    const link = /http:\/\/thread\.journey\.test\/portal\/[^\s"<>]+/.exec(bodyOf(email.raw))?.[0];
    if (!link) throw new Error(`no portal link in the welcome email:\n${bodyOf(email.raw)}`);
    const res = await j.fetch(link);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(ORG_NAME);
    expect(page.toLowerCase()).toContain(BRAND);
    expect(page).toContain(COLLEAGUE.name);
    expect(page).toContain(COLLEAGUE.email);
  }, 120_000);
});
