import request from 'supertest';
import { interaction, eventCallback } from '../../support/slack-request';
import { CSM, useSlackHarness } from './slack-harness';

const h = useSlackHarness();

async function send(req: { body: string; headers: Record<string, string> }) {
  return request(h.http).post('/slack/events').set(req.headers).send(req.body);
}

async function readyWelcomeEmail() {
  await h.seed();
  const action = await h.db.prisma.action.findFirstOrThrow({
    where: { key: 'welcome-email', account: { name: 'Helios Health' } },
  });
  await h.db.prisma.action.update({
    where: { id: action.id },
    data: {
      status: 'ready',
      draftSubject: 'Welcome, Sam',
      draftBody: 'Hi Sam, welcome to onboarding for Helios Health.',
    },
  });
  await h.slack.notifier.actionChanged(action.id);
  return action.id;
}

function click(
  actionId: string,
  value: string,
  user = CSM,
  container: object = { type: 'message', message_ts: '1000.000100', channel_id: 'CCSM' },
) {
  return interaction({
    type: 'block_actions',
    user: { id: user },
    trigger_id: 'trig.1',
    response_url: h.fake.responseUrl(),
    container,
    actions: [{ action_id: actionId, value, type: 'button' }],
  });
}

describe('review cards', () => {
  it('posts the card to the CSM channel when an action becomes ready and remembers where', async () => {
    const id = await readyWelcomeEmail();
    const post = await h.fake.waitFor('chat.postMessage');
    expect(post.args.channel).toBe('CCSM');
    expect(JSON.stringify(post.args.blocks)).toContain('review_approve');
    const stored = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(stored.reviewCardChannel).toBe('CCSM');
    expect(stored.reviewCardTs).toBe(post.args.ts ?? '1000.000100');
  });

  it('approves once on a double click, audits it, and updates the card in place', async () => {
    const id = await readyWelcomeEmail();
    h.fake.reset();
    await Promise.all([send(click('review_approve', id)), send(click('review_approve', id))]);
    const update = await h.fake.waitFor('chat.update');
    expect(update.args.ts).toBe((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).reviewCardTs);
    await new Promise((r) => setTimeout(r, 300));
    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(action.approvedAt).not.toBeNull();
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: id, reason: 'approved' } })).toBe(1);
    expect(JSON.stringify(h.fake.callsTo('chat.update').at(-1)!.args.blocks)).toContain('Approved');
  });

  it('refuses someone who is not the CSM with an ephemeral reason and changes nothing', async () => {
    const id = await readyWelcomeEmail();
    h.fake.reset();
    await send(click('review_approve', id, 'UOTHER01'));
    const reply = await h.fake.waitFor('response_url');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(String(reply.args.text)).toContain("only the account's CSM or an admin");
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).approvedAt).toBeNull();
  });

  it('skips an action and the card loses its buttons', async () => {
    const id = await readyWelcomeEmail();
    h.fake.reset();
    await send(click('review_skip', id));
    const update = await h.fake.waitFor('chat.update');
    expect(JSON.stringify(update.args.blocks)).not.toContain('review_approve');
    expect((await h.db.prisma.action.findUniqueOrThrow({ where: { id } })).status).toBe('skipped');
  });

  it('opens Edit prefilled, rejects empty fields inline, saves an edit and re-lints', async () => {
    const id = await readyWelcomeEmail();
    h.fake.reset();
    await send(click('review_edit', id));
    const open = await h.fake.waitFor('views.open');
    expect(JSON.stringify(open.args.view)).toContain('Welcome, Sam');
    const view = open.args.view as { private_metadata: string; blocks: { block_id?: string }[]; callback_id: string };
    const submit = (subject: string, body: string) =>
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: {
          ...view,
          id: 'V1',
          state: { values: { subject: { subject: { value: subject } }, body: { body: { value: body } } } },
        },
      });
    const empty = await send(submit('', ''));
    expect(empty.body.response_action).toBe('errors');
    expect(Object.keys(empty.body.errors).sort()).toEqual(['body', 'subject']);
    const ok = await send(submit('New subject for Helios Health', 'Hello {{contact.first_name}}'));
    expect(ok.status).toBe(200);
    await h.fake.waitFor('chat.update');
    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(action.draftSubject).toBe('New subject for Helios Health');
    expect(JSON.stringify(action.lintFindings)).toContain('unfilled_placeholder');
  });

  it('request changes needs a note and moves the action to review pending', async () => {
    const id = await readyWelcomeEmail();
    h.fake.reset();
    await send(click('review_request_changes', id));
    const open = await h.fake.waitFor('views.open');
    const view = open.args.view as object;
    const submit = (note: string) =>
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: { ...view, id: 'V1', state: { values: { note: { note: { value: note } } } } },
      });
    expect((await send(submit(' '))).body.response_action).toBe('errors');
    await send(submit('Mention the SSO timeline'));
    await h.fake.waitFor('chat.update');
    const action = await h.db.prisma.action.findUniqueOrThrow({ where: { id } });
    expect(action.status).toBe('review_pending');
    expect(action.reviewNote).toBe('Mention the SSO timeline');
  });

  it('waits out a 429 with Retry-After and still posts the card', async () => {
    h.fake.rateLimitNext('chat.postMessage', 1);
    await readyWelcomeEmail();
    expect(h.fake.callsTo('chat.postMessage:429')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('milestone modals', () => {
  async function kickoff() {
    await h.seed();
    return h.db.prisma.milestone.findFirstOrThrow({ where: { position: 0, account: { name: 'Northwind Logistics' } } });
  }

  it('block needs a note; then the milestone is blocked with it and audited', async () => {
    const m = await kickoff();
    await send(click('milestone_block', m.id));
    const view = (await h.fake.waitFor('views.open')).args.view as object;
    const submit = (note: string) =>
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: { ...view, id: 'V1', state: { values: { note: { note: { value: note } } } } },
      });
    expect((await send(submit(''))).body.errors).toHaveProperty('note');
    await send(submit('Waiting on IT for SSO metadata'));
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.status).toBe('blocked');
    expect(after.blockerNote).toBe('Waiting on IT for SSO metadata');
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: m.id, toState: 'blocked' } })).toBe(1);
  });

  it('complete with open actions needs a reason; then the next milestone starts with due times', async () => {
    const m = await kickoff();
    await send(click('milestone_complete', m.id));
    const view = (await h.fake.waitFor('views.open')).args.view as object;
    expect(JSON.stringify(view)).toContain('still open');
    const submit = (reason: string) =>
      interaction({
        type: 'view_submission',
        user: { id: CSM },
        view: { ...view, id: 'V1', state: { values: { reason: { reason: { value: reason } } } } },
      });
    expect((await send(submit(''))).body.errors).toHaveProperty('reason');
    await send(submit('Customer asked to move on'));
    const done = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(done.status).toBe('completed');
    expect(done.completionOverride).toBe('Customer asked to move on');
    const next = await h.db.prisma.milestone.findFirstOrThrow({
      where: { accountId: m.accountId, position: 1 },
      include: { actions: true },
    });
    expect(next.status).toBe('in_progress');
    expect(next.actions.find((a) => a.key === 'technical-setup-intro')?.dueAt).not.toBeNull();
    expect(await h.db.prisma.auditEvent.count({ where: { entityId: next.id, toState: 'in_progress' } })).toBe(1);
  });
});

describe('App Home', () => {
  it('publishes the CSM dashboard when the Home tab opens', async () => {
    await readyWelcomeEmail();
    h.fake.reset();
    const res = await send(
      eventCallback({
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: 'Ev1',
        event_time: 1,
        event: { type: 'app_home_opened', user: CSM, tab: 'home', channel: 'D1' },
      }),
    );
    expect(res.status).toBe(200);
    const publish = await h.fake.waitFor('views.publish');
    expect(publish.args.user_id).toBe(CSM);
    const text = JSON.stringify(publish.args.view);
    expect(text).toContain('Welcome email');
    expect(text).toContain('Helios Health');
  });
});
