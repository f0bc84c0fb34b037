import { NEW_ACCOUNT_FIELDS as F } from '../../../src/slack/ids';
import { blockIds, findButton, findInput, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness, type SeenView } from '../../support/slack-harness';
import { updateSettings } from '../../../src/services/organizations/update-settings';

const h = useSlackHarness();

type Values = Partial<Record<keyof typeof F, string>>;

/** The modal's values by block id, every field named (an empty one as Slack sends it). */
function byBlock(v: Values): Record<string, string | null> {
  return {
    [F.name]: v.name ?? null,
    [F.domain]: v.domain ?? null,
    [F.template]: v.template ?? null,
    [F.csm]: v.csm ?? null,
    [F.ae]: v.ae ?? null,
    [F.arr]: v.arr ?? null,
    [F.contactName]: v.contactName ?? null,
    [F.contactEmail]: v.contactEmail ?? null,
    [F.kickoff]: v.kickoff ?? null,
  };
}

async function openModal(): Promise<{ view: SeenView; templateName: string }> {
  const { templateName } = await h.seed();
  const res = await h.command('new');
  expect(res.status).toBe(200);
  expect(h.fake.callsTo('views.open').map((c) => c.args.trigger_id)).toEqual(['trigger.command']);
  return { view: h.lastOpened(), templateName };
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
    expect(blockIds(view)).toEqual(Object.values(F));
    expect(findInput(view, F.template).element.type).toBe('static_select');
    expect(findInput(view, F.template).element.options.map((o) => o.value)).toEqual([templateName]);
    expect(findInput(view, F.csm).element).toMatchObject({ type: 'users_select', initial: CSM });
    expect(findInput(view, F.ae).element.type).toBe('users_select');
    expect(findInput(view, F.kickoff).element.type).toBe('datepicker');
  });

  it("prefills the kickoff with today's date in the organisation's timezone", async () => {
    await h.seed();
    // The harness clock is 10:00 UTC on 24 November: already the 25th on Kiritimati (UTC+14).
    const { organizationId } = await h.actor(CSM);
    await updateSettings(h.ctx, { organizationId, actor: 'cli', settings: { timezone: 'Pacific/Kiritimati' } });
    await h.command('new');
    expect(findInput(h.lastOpened(), F.kickoff).element.initial).toBe('2026-11-25');
  });

  it('creates the account with its plan on submit and sends the creator the account card', async () => {
    const { view, templateName } = await openModal();
    h.forget();
    const res = await h.submitView(view, byBlock(valid(templateName)));
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
    const dm = h.posted.find((m) => m.channel === CSM);
    expect(dm).toBeDefined();
    expect(textOf(dm!.blocks)).toContain('Created *Acme Robotics*');
    expect(textOf(dm!.blocks)).toContain('$120,000');
    expect(findButton(dm!.blocks, 'Timeline')).toMatchObject({ actionId: 'account_timeline', value: account.id });
  });

  it('returns an invalid contact email as an inline error on that field and creates nothing', async () => {
    const { view, templateName } = await openModal();
    const before = await h.db.prisma.account.count();
    const res = await h.submitView(view, byBlock({ ...valid(templateName), contactEmail: 'not-an-email' }));
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors)).toEqual([F.contactEmail]);
    expect(res.body.errors[F.contactEmail]).toMatch(/email/i);
    expect(await h.db.prisma.account.count()).toBe(before);
  });

  it('puts each problem under its own field: domain, ARR, and a name that is taken', async () => {
    const { view, templateName } = await openModal();
    const badDomain = await h.submitView(view, byBlock({ ...valid(templateName), domain: 'not a domain' }));
    expect(badDomain.body.errors).toEqual({ [F.domain]: expect.stringContaining('domain') });
    const badArr = await h.submitView(view, byBlock({ ...valid(templateName), arr: 'lots' }));
    expect(badArr.body.errors).toEqual({ [F.arr]: expect.stringContaining('whole amount') });
    const taken = await h.submitView(view, byBlock({ ...valid(templateName), name: 'Helios Health' }));
    expect(taken.body.errors).toEqual({ [F.name]: expect.stringContaining('already exists') });
    expect(await h.db.prisma.account.count({ where: { name: 'Helios Health' } })).toBe(1);
  });

  it('names a template that is gone since the modal opened under the template field', async () => {
    const { view, templateName } = await openModal();
    const res = await h.submitView(view, byBlock({ ...valid(templateName), template: 'Retired template' }));
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { [F.template]: expect.stringMatching(/^[A-Z].*Retired template/) },
    });
    expect(await h.db.prisma.account.count({ where: { name: 'Acme Robotics' } })).toBe(0);
  });

  it('refuses an AE with an ephemeral reason instead of opening the modal', async () => {
    await h.seed();
    await h.addPerson('UAE00002', 'ae', { name: 'Alex AE' });
    await h.command('new', { as: 'UAE00002' });
    expect(h.lastReply().text).toContain('only CSMs and admins can create accounts');
    expect(h.opened).toHaveLength(0);
  });
});
