/**
 * AI drafts off the tick, with the real Anthropic SDK against a fake Messages API on 127.0.0.1 and Thread's Slack
 * notifier against the fake Slack Web API: the tick posts each review card with the template's text while the
 * model is still writing (its replies held), and the AI draft replaces that text in the same message (chat.update
 * of the card's ts) when it comes; a draft the CSM edited meanwhile keeps their edit; a 429 pauses the pool for the
 * Retry-After the API gave; a failing model leaves the template's draft with a note on the card; the pool never
 * has more calls in flight than its concurrency.
 */
import { createAnthropicDrafter } from '../../../src/connectors/anthropic/anthropic-drafter';
import { createAiDraftPool, type AiDraftPool, type AiDraftPoolOptions } from '../../../src/jobs/ai-draft-pool';
import { claimAiDrafts } from '../../../src/services/drafting/ai-drafts/claim-ai-drafts';
import { listQueuedAiDrafts } from '../../../src/services/drafting/ai-drafts/list-queued-ai-drafts';
import { runTick, type TickReport } from '../../../src/services/scheduler/run-tick';
import { buttonLabels, textOf } from '../../support/block-kit';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic';
import { useSlackHarness, type SeenMessage } from '../../support/slack-harness';
import { waitFor } from '../../support/wait-for';

const h = useSlackHarness();
let model: FakeAnthropic;
const pools: AiDraftPool[] = [];

const AI = {
  kind: 'good' as const,
  subject: 'Kicking off together',
  body: 'Hi there, this one was written by the model.',
};
const PENDING_NOTE = 'The AI draft replaces it here';

beforeAll(async () => {
  model = await startFakeAnthropic();
});
afterAll(async () => {
  await model.close();
});
beforeEach(() => {
  model.reset();
  model.setDefault(AI);
});
afterEach(async () => {
  model.release();
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

/** A pool as the server builds it (compose-thread), on the harness's clock and Slack notifier. */
function pool(o: Partial<AiDraftPoolOptions> = {}): AiDraftPool {
  const drafter = createAnthropicDrafter({
    apiKey: 'sk-test',
    baseUrl: model.url,
    model: 'claude-test',
    timeoutMs: 10_000,
  });
  const created = createAiDraftPool({
    ctx: h.ctx,
    deps: { drafter, notifier: h.slack.notifier },
    concurrency: 2,
    // Nothing here waits on the poll: the tick wakes the pool, and the tests wake it when they move time.
    pollMs: 60 * 60_000,
    ...o,
  });
  pools.push(created);
  return created;
}

/** The demo organisation's due actions fired by one tick, which queues their AI drafts for `drafts`. */
async function tick(drafts: AiDraftPool): Promise<{ report: TickReport; fired: string[] }> {
  await h.seed();
  const report = await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true, aiDrafts: drafts });
  const fired = report.fire?.fired.map((a) => a.id) ?? [];
  expect(fired.length).toBeGreaterThan(1);
  return { report, fired };
}

/** The first card posted for an action (its Skip button carries the action's id). */
function postedCard(actionId: string): SeenMessage {
  const cards = h.posted.filter((m) => JSON.stringify(m.blocks ?? []).includes(`"value":"${actionId}"`));
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

/** The card as it stands: its last update, or the message as posted. */
const current = (card: SeenMessage): SeenMessage => updatesOf(card).at(-1) ?? card;

const updatesOf = (card: SeenMessage) => h.updated.filter((u) => u.ts === card.ts && u.channel === card.channel);

/** Text as a card shows it: Slack's three escapes. */
const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const action = (id: string) => h.db.prisma.action.findUniqueOrThrow({ where: { id } });

describe('AI drafts come after the tick, into the card it posted', () => {
  it('the tick posts the cards with the template text while the model holds its answers, then each card is updated in place', async () => {
    model.hold();
    const drafts = pool();
    drafts.start();

    const { fired } = await tick(drafts);

    // The tick is over; the model has not answered anything yet.
    await waitFor(() => model.held === 2, { description: 'the pool to have two drafts in flight' });
    expect(model.requests.length).toBe(2);
    for (const id of fired) {
      const card = postedCard(id);
      const stored = await action(id);
      expect(stored).toMatchObject({ status: 'ready', draftedBy: 'template' });
      expect(stored.aiDraftWantedAt).not.toBeNull();
      expect(textOf(card.blocks)).toContain(slackText(stored.draftBody!.split('\n')[0]!));
      expect(textOf(card.blocks)).toContain(PENDING_NOTE);
      expect(buttonLabels(card.blocks)).toEqual(expect.arrayContaining(['Approve', 'Edit', 'Execute']));
    }

    model.release();
    expect(await drafts.settle(fired, 20_000)).toEqual([]);
    for (const id of fired) {
      expect(await action(id)).toMatchObject({
        draftedBy: 'ai:claude-test',
        draftSubject: AI.subject,
        draftBody: AI.body,
        aiDraftWantedAt: null,
      });
      const card = postedCard(id);
      const last = updatesOf(card).at(-1);
      expect(last).toBeDefined();
      expect(textOf(last!.blocks)).toContain(AI.body);
      expect(textOf(last!.blocks)).not.toContain(PENDING_NOTE);
    }
    // One card per action, whatever the order of posting and drafting.
    expect(h.posted.filter((m) => /Ready for review/.test(m.text ?? ''))).toHaveLength(fired.length);
    expect(model.requests.length).toBe(fired.length);
    const audit = await h.db.prisma.auditEvent.count({
      where: { entityId: { in: fired }, reason: "drafted by ai:claude-test, replacing the template's draft" },
    });
    expect(audit).toBe(fired.length);
  });

  it('an AI draft that arrives after the CSM edited the draft is dropped: the edit stays and the card keeps it', async () => {
    model.hold();
    const drafts = pool({ concurrency: 50 });
    drafts.start();
    const { fired } = await tick(drafts);
    await waitFor(() => model.held === fired.length, { description: 'every AI draft to be with the model' });

    const edited = (await h.db.prisma.action.findFirstOrThrow({ where: { id: { in: fired }, type: 'email' } })).id;
    const card = postedCard(edited);
    await h.press(card, 'Edit');
    await h.submitView(h.lastOpened(), { subject: 'Our kickoff', body: 'Hi, I wrote this one myself.' });
    const updatesAfterEdit = updatesOf(card).length;

    model.release();
    expect(await drafts.settle(fired, 20_000)).toEqual([]);
    expect(await action(edited)).toMatchObject({ draftBody: 'Hi, I wrote this one myself.', aiDraftWantedAt: null });
    expect((await action(edited)).draftedBy).toMatch(/^user:/);
    expect(updatesOf(card)).toHaveLength(updatesAfterEdit);
    expect(textOf(updatesOf(card).at(-1)!.blocks)).not.toContain(AI.body);
    expect(drafts.stats).toMatchObject({ dropped: 1, stored: fired.length - 1 });
    const dropped = await h.db.prisma.auditEvent.findMany({
      where: { entityId: edited, reason: { contains: 'not used' } },
    });
    expect(dropped).toHaveLength(1);
    // The others were not affected.
    for (const id of fired.filter((f) => f !== edited)) expect((await action(id)).draftedBy).toBe('ai:claude-test');
  });
});

describe('rate limits and failures', () => {
  it('a 429 with Retry-After pauses the whole pool until then; the draft is retried and stored', async () => {
    let wall = Date.parse('2026-11-24T10:00:00Z');
    model.script({ kind: 'status', status: 429, retryAfterSeconds: 60 });
    const drafts = pool({ concurrency: 1, wallClock: () => wall });
    drafts.start();
    const { fired } = await tick(drafts);

    await waitFor(() => drafts.stats.throttled === 1, { description: 'the 429 to reach the pool' });
    drafts.wake();
    await drafts.idle();
    // Paused: the next draft was not claimed although the one worker is free.
    expect(drafts.pausedForMs()).toBeGreaterThan(59_000);
    expect(model.requests).toHaveLength(1);
    const first = await h.db.prisma.action.findMany({
      where: { id: { in: fired } },
      orderBy: { aiDraftAttempts: 'desc' },
    });
    expect(first.map((a) => a.aiDraftAttempts).sort()).toEqual([...Array(fired.length - 1).fill(0), 1].sort());

    // A minute later (the API's clock and Thread's), everything is drafted, the throttled one included.
    wall += 61_000;
    h.ctx.advance(61_000);
    drafts.wake();
    expect(await drafts.settle(fired, 20_000)).toEqual([]);
    expect(model.requests).toHaveLength(fired.length + 1);
    for (const id of fired) expect((await action(id)).draftedBy).toBe('ai:claude-test');
    expect(drafts.stats).toMatchObject({ throttled: 1, retried: 1, stored: fired.length, givenUp: 0 });
  });

  it('a model that fails keeps the template draft, ready to send, with a note on the card saying why', async () => {
    model.setDefault({ kind: 'status', status: 400 });
    const drafts = pool();
    drafts.start();
    const { fired } = await tick(drafts);
    expect(await drafts.settle(fired, 20_000)).toEqual([]);

    for (const id of fired) {
      const stored = await action(id);
      expect(stored).toMatchObject({ status: 'ready', draftedBy: 'template', aiDraftWantedAt: null });
      expect(stored.aiDraftNote).toContain('HTTP 400');
      // Posted by the tick or by the pool, whichever came first: once either way, and showing the note now.
      const last = current(postedCard(id));
      expect(textOf(last.blocks)).toContain('The AI draft could not be made (the AI drafter did not answer: HTTP 400');
      expect(textOf(last.blocks)).toContain(slackText(stored.draftBody!.split('\n')[0]!));
      expect(buttonLabels(last.blocks)).toEqual(expect.arrayContaining(['Approve', 'Execute']));
    }
    // A bad request is not worth another try.
    expect(model.requests).toHaveLength(fired.length);
    expect(drafts.stats).toMatchObject({ givenUp: fired.length, retried: 0 });
  });

  it('an overloaded model is tried a bounded number of times, then given up with the note', async () => {
    model.setDefault({ kind: 'status', status: 529, retryAfterMs: 1 });
    const drafts = pool({ concurrency: 1, maxAttempts: 2 });
    drafts.start();
    const { fired } = await tick(drafts);
    // Each retry waits for the clock the draft's retry time is set on.
    const settled = (async () => {
      for (;;) {
        const left = await drafts.settle(fired, 200);
        if (left.length === 0) return;
        h.ctx.advance(1000);
        drafts.wake();
      }
    })();
    await settled;
    expect(model.requests).toHaveLength(fired.length * 2);
    for (const id of fired)
      expect((await action(id)).aiDraftNote).toMatch(/HTTP 529 \(overloaded_error\), after 2 tries/);
  });
});

describe('restarts', () => {
  it('a pool stopped mid-call gives its drafts back, and the next process writes them', async () => {
    model.hold();
    const first = pool();
    first.start();
    const { fired } = await tick(first);
    await waitFor(() => model.held === 2, { description: 'two drafts with the model' });
    await first.stop();
    expect(await listQueuedAiDrafts(h.ctx, { actionIds: fired })).toHaveLength(fired.length);
    expect(await h.db.prisma.action.count({ where: { id: { in: fired }, aiDraftAttempts: { gt: 0 } } })).toBe(0);

    model.release();
    const next = pool();
    next.start();
    expect(await next.settle(fired, 20_000)).toEqual([]);
    for (const id of fired) expect((await action(id)).draftedBy).toBe('ai:claude-test');
  });

  it('a claim left by a process that died is taken again once its lease runs out', async () => {
    const drafts = pool({ leaseMs: 60_000 });
    const { fired } = await tick(drafts);
    // A process claims everything, then dies without a word.
    const abandoned = await claimAiDrafts(h.ctx, { limit: 100, leaseMs: 60_000 });
    expect(abandoned).toHaveLength(fired.length);
    drafts.start();
    await drafts.idle();
    expect(model.requests).toHaveLength(0);

    h.ctx.advance(60_001);
    drafts.wake();
    expect(await drafts.settle(fired, 20_000)).toEqual([]);
    expect(model.requests).toHaveLength(fired.length);
    for (const id of fired) expect(await action(id)).toMatchObject({ draftedBy: 'ai:claude-test', aiDraftAttempts: 2 });
  });
});

describe('bounds', () => {
  it('never has more calls to the model in flight than its concurrency', async () => {
    model.hold();
    const drafts = pool({ concurrency: 2 });
    drafts.start();
    const { fired } = await tick(drafts);
    expect(fired.length).toBeGreaterThan(2);
    // One answer at a time: every request the pool makes meets the ones still held.
    for (let answered = 0; answered < fired.length; answered++) {
      await waitFor(() => model.held > 0, { description: 'a draft with the model' });
      model.release(1);
    }
    expect(await drafts.settle(fired, 20_000)).toEqual([]);
    expect(model.peakInFlight).toBe(2);
    expect(drafts.stats.peak).toBe(2);
    expect(model.requests).toHaveLength(fired.length);
  });
});
