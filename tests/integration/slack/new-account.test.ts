import request from 'supertest';
import { NEW_ACCOUNT_FIELDS as F } from '../../../src/slack/ids';
import { interaction, slashCommand } from '../../support/slack-request';
import { CSM, useSlackHarness } from './slack-harness';

const h = useSlackHarness();

async function send(req: { body: string; headers: Record<string, string> }) {
  return request(h.http).post('/slack/events').set(req.headers).send(req.body);
}

function command(text: string, user = CSM) {
  return slashCommand({
    command: '/thread',
    text,
    user_id: user,
    user_name: 'csm',
    team_id: 'T1',
    channel_id: 'CCSM',
    response_url: h.fake.responseUrl(),
    trigger_id: 'trig.new',
    token: 'x',
  });
}

type Values = Partial<Record<keyof typeof F, string>>;

/** A view_submission of the opened modal with these field values, shaped the way Slack sends each element's state. */
function submission(view: object, v: Values, user = CSM) {
  const values: Record<string, Record<string, object>> = {
    [F.name]: { [F.name]: { type: 'plain_text_input', value: v.name ?? null } },
    [F.domain]: { [F.domain]: { type: 'plain_text_input', value: v.domain ?? null } },
    [F.template]: {
      [F.template]: {
        type: 'static_select',
        selected_option: v.template ? { text: { type: 'plain_text', text: v.template }, value: v.template } : null,
      },
    },
    [F.csm]: { [F.csm]: { type: 'users_select', selected_user: v.csm ?? null } },
    [F.ae]: { [F.ae]: { type: 'users_select', selected_user: v.ae ?? null } },
    [F.arr]: { [F.arr]: { type: 'plain_text_input', value: v.arr ?? null } },
    [F.contactName]: { [F.contactName]: { type: 'plain_text_input', value: v.contactName ?? null } },
    [F.contactEmail]: { [F.contactEmail]: { type: 'email_text_input', value: v.contactEmail ?? null } },
    [F.kickoff]: { [F.kickoff]: { type: 'datepicker', selected_date: v.kickoff ?? null } },
  };
  return interaction({
    type: 'view_submission',
    user: { id: user },
    team: { id: 'T1' },
    view: { ...view, id: 'V1', state: { values } },
  });
}

async function openModal() {
  const { templateName } = await h.seed();
  const res = await send(command('new'));
  expect(res.status).toBe(200);
  const open = await h.fake.waitFor('views.open');
  expect(open.args.trigger_id).toBe('trig.new');
  return {
    view: open.args.view as {
      callback_id: string;
      blocks: {
        block_id?: string;
        element?: { type?: string; options?: { value: string }[]; initial_user?: string };
      }[];
    },
    templateName,
  };
}

const valid = (templateName: string): Values => ({
  name: 'Acme Robotics',
  domain: 'acme-robotics.io',
  template: templateName,
  csm: CSM,
  ae: 'UAE00001',
  arr: '120,000',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@acme-robotics.io',
  kickoff: '2026-12-01',
});

describe('/thread new', () => {
  it('opens a modal with every field, the organisation’s templates and the CSM prefilled', async () => {
    const { view, templateName } = await openModal();
    expect(view.callback_id).toBe('view_new_account');
    const byId = new Map(view.blocks.map((b) => [b.block_id, b.element]));
    expect([...byId.keys()].filter(Boolean)).toEqual(Object.values(F));
    expect(byId.get(F.template)?.type).toBe('static_select');
    expect(byId.get(F.template)?.options?.map((o) => o.value)).toEqual([templateName]);
    expect(byId.get(F.csm)?.type).toBe('users_select');
    expect(byId.get(F.csm)?.initial_user).toBe(CSM);
    expect(byId.get(F.ae)?.type).toBe('users_select');
    expect(byId.get(F.kickoff)?.type).toBe('datepicker');
  });

  it("prefills the kickoff with today's date in the organisation's timezone", async () => {
    await h.seed();
    // The harness clock is 10:00 UTC on 24 November: already the 25th on Kiritimati (UTC+14).
    await h.db.prisma.organization.updateMany({ data: { timezone: 'Pacific/Kiritimati' } });
    await send(command('new'));
    const view = (await h.fake.waitFor('views.open')).args.view as {
      blocks: { block_id?: string; element?: { initial_date?: string } }[];
    };
    expect(view.blocks.find((b) => b.block_id === F.kickoff)?.element?.initial_date).toBe('2026-11-25');
  });

  it('creates the account with its plan on submit and sends the creator the account card', async () => {
    const { view, templateName } = await openModal();
    h.fake.reset();
    const res = await send(submission(view, valid(templateName)));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const account = await h.db.prisma.account.findFirstOrThrow({
      where: { name: 'Acme Robotics' },
      include: { milestones: { orderBy: { position: 'asc' } }, actions: true, contacts: true, csm: true, ae: true },
    });
    expect(account.domain).toBe('acme-robotics.io');
    expect(account.arr).toBe(120_000);
    expect(account.kickoffDate.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(account.csm?.slackUserId).toBe(CSM);
    expect(account.ae?.slackUserId).toBe('UAE00001');
    expect(account.contacts).toEqual([
      expect.objectContaining({ email: 'ada@acme-robotics.io', name: 'Ada Lovelace', isPrimary: true }),
    ]);
    expect(account.milestones.map((m) => m.name)).toEqual([
      'Kickoff',
      'Technical Setup',
      'Implementation',
      'Training',
      'Go-Live',
    ]);
    expect(account.milestones[0]!.status).toBe('in_progress');
    expect(account.actions.length).toBeGreaterThan(5);
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === CSM);
    const text = JSON.stringify(dm.args.blocks);
    expect(text).toContain('Created *Acme Robotics*');
    expect(text).toContain('$120,000');
    expect(text).toContain('account_timeline');
  });

  it('returns an invalid contact email as an inline error on that field and creates nothing', async () => {
    const { view, templateName } = await openModal();
    const before = await h.db.prisma.account.count();
    const res = await send(submission(view, { ...valid(templateName), contactEmail: 'not-an-email' }));
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors)).toEqual([F.contactEmail]);
    expect(res.body.errors[F.contactEmail]).toMatch(/email/i);
    expect(await h.db.prisma.account.count()).toBe(before);
  });

  it('puts each problem under its own field: domain, ARR, and a name that is taken', async () => {
    const { view, templateName } = await openModal();
    const badDomain = await send(submission(view, { ...valid(templateName), domain: 'not a domain' }));
    expect(badDomain.body.errors).toEqual({ [F.domain]: expect.stringContaining('domain') });
    const badArr = await send(submission(view, { ...valid(templateName), arr: 'lots' }));
    expect(badArr.body.errors).toEqual({ [F.arr]: expect.stringContaining('whole amount') });
    const taken = await send(submission(view, { ...valid(templateName), name: 'Helios Health' }));
    expect(taken.body.errors).toEqual({ [F.name]: expect.stringContaining('already exists') });
    expect(await h.db.prisma.account.count({ where: { name: 'Helios Health' } })).toBe(1);
  });

  it('names a template that is gone since the modal opened under the template field', async () => {
    const { view, templateName } = await openModal();
    const res = await send(submission(view, { ...valid(templateName), template: 'Retired template' }));
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { [F.template]: expect.stringMatching(/^[A-Z].*Retired template/) },
    });
    expect(await h.db.prisma.account.count({ where: { name: 'Acme Robotics' } })).toBe(0);
  });

  it('refuses an AE with an ephemeral reason instead of opening the modal', async () => {
    await h.seed();
    const org = await h.db.prisma.organization.findFirstOrThrow();
    await h.db.prisma.user.create({
      data: { organizationId: org.id, slackUserId: 'UAE00002', name: 'Alex AE', role: 'ae' },
    });
    await send(command('new', 'UAE00002'));
    const reply = await h.fake.waitFor('response_url');
    expect(String(reply.args.text)).toContain('only CSMs and admins can create accounts');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });
});
