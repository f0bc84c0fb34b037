/**
 * Issue 12's end to end, from the outside only: a deal reaches closed won in HubSpot (a signed webhook into Thread's
 * real route, the real SDK against a fake HubSpot on 127.0.0.1), the account waits for its AE, the AE fills in the
 * handoff (in Slack through signed requests, or on the web form emailed to an AE outside Slack), the contradiction
 * check's findings reach the CSM, the plan starts, a milestone completes, and the HubSpot company shows it. Nothing
 * here reads or writes the database; on CI's PostgreSQL pass Thread starts on an empty database of its own.
 */
import { FIELDS, PEOPLE_FIELDS as P, SETTINGS_FIELDS as S, VIEWS } from '../../src/slack/ids';
import { buttonLabels, findButton, textOf } from '../support/block-kit';
import type { RecordedCall } from '../support/fake-slack-api';
import { startFakeHubSpot, type FakeHubSpot, type FakeObject } from '../support/fake-hubspot';
import { signedDelivery, stageChange } from '../support/hubspot-webhook';
import { JOURNEY_PUBLIC_URL, JourneyDriver, type View } from '../support/journey-driver';
import { valuesAsOpened } from '../support/slack-view-state';
import { header } from '../support/smtp-capture';
import { waitFor } from '../support/wait-for';

const ADMIN = { id: 'UADMIN001', name: 'Avery Admin', email: 'avery@acme-robotics.test', title: 'Head of CS' };
const CSM = { id: 'UCSM00002', name: 'Jordan Reyes', email: 'jordan.reyes@acme-robotics.test', title: 'CSM' };
const AE = { id: 'UAE000003', name: 'Alex Seller', email: 'alex.seller@acme-robotics.test', title: 'AE' };
const OUTSIDE_AE_EMAIL = 'pat.partner@reseller.test';
const CSM_CHANNEL = { id: 'CCSMTEAM', name: 'csm-team', isMember: true };
const CLIENT_SECRET = 'hubspot-client-secret-for-the-journey';
const PORTAL_ID = 7_700_077;

let hubspot: FakeHubSpot;
let j: JourneyDriver;

type Message = RecordedCall;

function messages(): Message[] {
  return j.fake.calls.filter((c) => ['chat.postMessage', 'chat.update', 'response_url'].includes(c.method));
}

/** The newest message to `channel` (a DM is the person's id) that mentions `text`. */
function waitForMessage(channel: string, text: string, button?: string): Promise<Message> {
  return waitFor(
    () =>
      messages()
        .reverse()
        .find(
          (m) =>
            (m.method === 'response_url' || m.args.channel === channel) &&
            textOf(m.args.blocks).includes(text) &&
            (button === undefined || buttonLabels(m.args.blocks).includes(button)),
        ),
    { description: `a message to ${channel} with "${text}"${button ? ` and ${button}` : ''}`, timeoutMs: 20_000 },
  );
}

async function ask(text: string, as: string): Promise<Message> {
  const before = j.calls('response_url').length;
  await j.command(text, as, CSM_CHANNEL.id);
  return j.next('response_url', before, `the reply to /thread ${text}`);
}

async function pressOpening(message: Message, button: string, as: string, callbackId: string): Promise<View> {
  const before = j.calls('views.open').length;
  const target = findButton(message.args.blocks, button);
  if (message.method === 'response_url')
    await j.click(target, as, { container: { type: 'message', is_ephemeral: true }, channel: { id: CSM_CHANNEL.id } });
  else await j.clickInMessage(target, as, message);
  const opened = await j.next('views.open', before, `${button} to open a modal`);
  return j.asView(opened.args.view, callbackId);
}

/** A deal at closed won with its company, its primary contact and an owner, as a sales team leaves it. */
function closedWonDeal(o: { company: string; domain: string; ownerEmail: string; ownerId: string; amount: string }) {
  hubspot.addOwner({ id: o.ownerId, email: o.ownerEmail, firstName: 'Deal', lastName: 'Owner' });
  const company = hubspot.addCompany({ name: o.company, domain: o.domain, industry: 'LOGISTICS' });
  const contact = hubspot.addContact({
    firstname: 'Hank',
    lastname: 'Scorpio',
    email: `hank@${o.domain}`,
    jobtitle: 'COO',
  });
  const deal = hubspot.addDeal({
    dealname: `${o.company} platform`,
    amount: o.amount,
    pipeline: 'default',
    dealstage: 'closedwon',
    hubspot_owner_id: o.ownerId,
  });
  hubspot.associate({ type: 'deals', id: deal.id }, { type: 'companies', id: company.id }, { primary: true });
  hubspot.associate({ type: 'deals', id: deal.id }, { type: 'contacts', id: contact.id });
  hubspot.associate({ type: 'companies', id: company.id }, { type: 'contacts', id: contact.id });
  return { company, deal };
}

/** HubSpot tells Thread the deal moved to closed won: a signed delivery to the public webhook route. */
async function webhookFor(deal: FakeObject): Promise<Response> {
  const delivery = signedDelivery([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })], {
    clientSecret: CLIENT_SECRET,
    uri: `${JOURNEY_PUBLIC_URL}/webhooks/hubspot`,
  });
  return j.fetch('/webhooks/hubspot', { method: 'POST', headers: delivery.headers, body: delivery.body });
}

function companyProperty(company: FakeObject, name: string): string | null | undefined {
  return hubspot.object('companies', company.id)?.properties[name];
}

describe('from closed won to kickoff: HubSpot, the AE’s handoff and the contradiction check (issue 12)', () => {
  beforeAll(async () => {
    hubspot = await startFakeHubSpot({ token: 'pat-na1-journey', portalId: PORTAL_ID });
    // HubSpot's signed timestamps are the wall clock's, so this journey runs on it.
    j = new JourneyDriver({
      hubspot: { accessToken: hubspot.token, clientSecret: CLIENT_SECRET, baseUrl: hubspot.url },
    });
    await j.start();
    for (const person of [ADMIN, CSM, AE]) j.fake.addUser({ ...person });
    j.fake.addChannel({ ...CSM_CHANNEL });
    await j.startThread();

    // The team as issue 10 left it: an admin (the first person), a CSM, the default CSM channel, the shipped plan.
    const settings = await j.commandOpening('settings', ADMIN.id, CSM_CHANNEL.id, VIEWS.settings);
    await j.submitView(settings, { ...valuesAsOpened(settings), [S.defaultCsmChannelId]: CSM_CHANNEL.id }, ADMIN.id);
    const people = await j.commandOpening('people', ADMIN.id, CSM_CHANNEL.id, VIEWS.people);
    await j.submitView(people, { [P.user]: CSM.id, [P.role]: 'csm' }, ADMIN.id);
    expect((await j.cli(['templates', 'import', 'templates/b2b-saas-onboarding.yaml'])).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await j.stop();
    await hubspot.close();
  });

  it('a closed-won webhook makes the account; the AE hands over in Slack; findings reach the CSM; the plan starts; HubSpot sees the first milestone done', async () => {
    const { company, deal } = closedWonDeal({
      company: 'Globex',
      domain: 'globex.test',
      ownerEmail: AE.email,
      ownerId: '77',
      amount: '52000',
    });

    // 1. HubSpot's delivery is answered at once; the work happens after.
    const answered = await webhookFor(deal);
    expect(answered.status).toBe(200);

    // 2. The AE (found in Slack by the deal owner's email) is asked for the handoff by DM.
    const ask1 = await waitForMessage(AE.id, 'Globex', 'Fill in the handoff');
    const waiting = await ask('account globex', CSM.id);
    expect(textOf(waiting.args.blocks)).toContain('Waiting for the handoff');

    // 3. The form opens pre-filled from the deal; a required answer missing is named, nothing is saved.
    const form = await pressOpening(ask1, 'Fill in the handoff', AE.id, 'view_handoff_form');
    const prefilled = valuesAsOpened(form);
    expect(prefilled.handoff_q_arr).toBe('52000');
    const answers = {
      ...prefilled,
      handoff_q_arr: '48000',
      handoff_q_integrations: 'SSO,API',
      handoff_q_stakeholders: 'Walter Skinner, VP Ops, walter@globex.test',
    };
    const missing = await j.submitView(form, answers, AE.id);
    expect(missing.response_action).toBe('errors');
    expect(JSON.stringify(missing.errors)).toContain('needs an answer');
    const stillWaiting = await ask('account globex', CSM.id);
    expect(textOf(stillWaiting.args.blocks)).toContain('Waiting for the handoff');

    const done = await j.submitView(
      form,
      { ...answers, handoff_q_success_criteria: 'Every depot ships through Globex by spring' },
      AE.id,
    );
    expect(done.response_action).not.toBe('errors');

    // 4. The CSM's handoff card carries the contradiction check's findings; accepting the ARR one sets the ARR.
    const card = await waitForMessage(CSM.id, 'Contradiction check', 'Accept');
    const cardText = textOf(card.args.blocks);
    expect(cardText).toContain('48,000');
    expect(cardText).toContain('52,000');
    expect(cardText).toContain('Walter Skinner');
    const arrFinding = (card.args.blocks as { type: string; elements?: { value?: string }[] }[]).findIndex((b) =>
      JSON.stringify(b).includes('52,000'),
    );
    const accept = (card.args.blocks as unknown[])
      .slice(arrFinding)
      .map((b) => {
        try {
          return findButton([b], 'Accept');
        } catch {
          return undefined;
        }
      })
      .find(Boolean)!;
    await j.clickInMessage(accept, CSM.id, card);
    await waitForMessage(CSM.id, 'Accepted by');

    // 5. The plan has started; the account card says so, with the AE's ARR.
    const started = await ask('account globex', CSM.id);
    const startedText = textOf(started.args.blocks);
    expect(startedText).not.toContain('Waiting for the handoff');
    expect(startedText).toContain('*ARR*\n$48,000');
    expect((await j.cli(['accounts', 'list', '--status', 'active'])).stdout).toContain('Globex');

    // 6. Kickoff completes from the timeline; the write-back shows it on the HubSpot company with a note.
    const timeline = await ask('timeline globex', CSM.id);
    const complete = await pressOpening(timeline, 'Complete', CSM.id, VIEWS.milestoneChange);
    const values = valuesAsOpened(complete);
    if (FIELDS.reason in values) values[FIELDS.reason] = 'Kickoff held on site';
    await j.submitView(complete, values, CSM.id);

    await waitFor(() => companyProperty(company, 'thread_current_milestone') === 'Technical Setup' || undefined, {
      description: 'the HubSpot company to show Technical Setup as the current milestone',
      timeoutMs: 20_000,
    });
    expect(companyProperty(company, 'thread_onboarding_status')).toBe('active');
    expect(Number(companyProperty(company, 'thread_progress_pct'))).toBeGreaterThan(0);
    const notes = await waitFor(
      () => {
        const found = hubspot.notesOn('companies', company.id);
        return found.some((n) => (n.properties.hs_note_body ?? '').includes('Kickoff')) ? found : undefined;
      },
      { description: 'a note on the company for the completed Kickoff', timeoutMs: 20_000 },
    );
    expect(notes.length).toBeGreaterThan(0);
  }, 180_000);

  it('an AE outside Slack gets the web form by email; a required answer missing first; then the plan starts', async () => {
    const { deal } = closedWonDeal({
      company: 'Initech',
      domain: 'initech.test',
      ownerEmail: OUTSIDE_AE_EMAIL,
      ownerId: '88',
      amount: '30000',
    });
    expect((await webhookFor(deal)).status).toBe(200);

    const email = await waitFor(() => j.smtp.messages.find((m) => m.to.includes(OUTSIDE_AE_EMAIL)), {
      description: 'the handoff form emailed to the AE outside Slack',
      timeoutMs: 20_000,
    });
    expect(header(email.raw, 'subject')).toContain('Handoff for Initech');
    const link = /https?:\/\/[^\s"<>]+\/handoff\/[A-Za-z0-9_-]+/.exec(email.raw.replace(/=\r?\n/g, ''))?.[0];
    if (!link) throw new Error('no handoff link in the email');

    const cookies: string[] = [];
    const get = async () => {
      const res = await j.fetch(link, { headers: { cookie: cookies.join('; ') } });
      for (const c of res.headers.getSetCookie()) cookies.push(c.split(';')[0]!);
      return res.text();
    };
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const post = (body: Record<string, string>) =>
      j.fetch(link, {
        method: 'POST',
        headers: { cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });

    const page = await get();
    expect(page).toContain('Handoff for Initech');
    const refused = await post({ _csrf: csrfOf(page), seats: '25' });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('This question needs an answer.');

    const accepted = await post({ _csrf: csrfOf(refusedHtml), seats: '25', success_criteria: 'All plants reporting' });
    expect(accepted.status).toBe(303);

    await waitForMessage(CSM.id, 'Handoff in · Initech');
    const card = await ask('account initech', CSM.id);
    expect(textOf(card.args.blocks)).not.toContain('Waiting for the handoff');
    const listed = await j.cli(['accounts', 'list', '--status', 'active']);
    expect(listed.stdout).toContain('Initech');
  }, 120_000);
});
