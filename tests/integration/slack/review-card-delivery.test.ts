/**
 * Fewer pings: a CSM chooses in App Home whether review cards come to the CSM channel as they are ready or only in
 * their morning digest. Everything is arranged through Slack requests and the services.
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import { MISSED_CARDS_PER_TICK } from '../../../src/services/scheduler/post-missed-review-cards';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { importTemplate } from '../../../src/services/templates/import-template';
import { ACTIONS } from '../../../src/slack/ids';
import { findButton, textOf } from '../../support/block-kit';
import { CSM, CSM_CHANNEL, useSlackHarness, type SeenMessage } from '../../support/slack-harness';
import { oneMilestoneTemplate, spec } from '../scheduler/scheduler-fixtures';

const h = useSlackHarness();
const HOME = { type: 'view', view_id: 'V1' };
const DIGEST = { text: 'In my morning digest', value: 'digest' };
const AS_THEY_COME = { text: 'As they come', value: 'as_they_come' };

const homeOf = (user: string) => {
  const home = h.published.filter((p) => p.userId === user).at(-1);
  if (!home) throw new Error(`no App Home was published for ${user}`);
  return home.view;
};

/** The value of the review card choice shown on someone's latest Home. */
function deliveryShown(user: string): string | undefined {
  for (const block of homeOf(user).blocks) {
    const accessory = block.accessory as { action_id?: string; initial_option?: { value?: string } } | undefined;
    if (accessory?.action_id === ACTIONS.reviewCardDelivery) return accessory.initial_option?.value;
  }
  return undefined;
}

/** Review cards posted to channels (not DMs), by the action each one is for. */
function cardsPosted(): Map<string, SeenMessage[]> {
  const cards = new Map<string, SeenMessage[]>();
  for (const m of h.posted) {
    if (!m.channel?.startsWith('C')) continue;
    const actionId = findButton(m.blocks, 'Skip').value;
    cards.set(actionId, [...(cards.get(actionId) ?? []), m]);
  }
  return cards;
}

const tick = async () => {
  const report = await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
  await h.settled();
  expect(report.errors).toEqual([]);
  return report;
};

async function chooseInHome(choice: { text: string; value: string }, as = CSM) {
  await h.send({ type: 'app_home_opened', user: as, tab: 'home', channel: 'D1' });
  await h.select(ACTIONS.reviewCardDelivery, choice, { as, container: HOME });
}

describe('review cards in the morning digest', () => {
  it('are not posted to the channel; the digest lists them, and /thread review and Home still show them', async () => {
    await h.seed();
    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home', channel: 'D1' });
    expect(deliveryShown(CSM)).toBe('as_they_come');

    await chooseInHome(DIGEST);
    expect(deliveryShown(CSM)).toBe('digest');
    expect(textOf(homeOf(CSM))).toContain('your morning digest lists the drafts waiting');
    const me = await h.db.prisma.user.findFirstOrThrow({ where: { slackUserId: CSM } });
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'user', entityId: me.id, reason: 'review card delivery chosen' },
    });
    expect(audit).toMatchObject({ actor: me.id, fromState: 'as_they_come', toState: 'digest' });

    h.forget();
    const report = await tick(); // 10:00 in the organisation's timezone: due actions fire, then the 9:00 digest goes
    const fired = report.fire!.fired;
    expect(fired.length).toBeGreaterThan(0);
    expect(cardsPosted().size).toBe(0);
    // The only message anyone got is the CSM's digest, listing every draft that fired.
    expect(h.posted.map((m) => m.channel)).toEqual([CSM]);
    const digest = textOf(h.lastPosted().blocks);
    expect(digest).toContain(`*Drafts waiting for your review (${fired.length})*`);
    expect(digest).toContain(`${fired[0]!.name}`);

    h.forget();
    await h.command('review');
    const queue = textOf(h.lastReply().blocks);
    for (const action of fired.slice(0, 5)) expect(queue).toContain(action.name);
    await h.send({ type: 'app_home_opened', user: CSM, tab: 'home', channel: 'D1' });
    expect(textOf(homeOf(CSM))).toContain(`Drafts waiting for your review (${Math.min(fired.length, 10)})`);

    // A later tick posts nothing either: cards waiting for a digest are not "missed".
    h.forget();
    h.ctx.advance(60_000);
    await tick();
    expect(h.posted).toEqual([]);
  });

  it('leave an account without a CSM as it was: its cards come as they are ready', async () => {
    const seeded = await h.seed();
    await chooseInHome(DIGEST);
    const admin = await h.actor(CSM);
    const nobodys = await createAccount(h.ctx, {
      organizationId: seeded.organizationId,
      name: 'Orphan Corp',
      templateName: seeded.templateName,
      contact: { email: 'olive@orphan.example', name: 'Olive Orphan' },
      kickoffDate: '2026-11-10',
      actor: { userId: admin.userId },
    });
    h.forget();

    const report = await tick();

    const orphanFired = report.fire!.fired.filter((a) => a.accountId === nobodys.id);
    expect(orphanFired.length).toBeGreaterThan(0);
    const cards = cardsPosted();
    expect([...cards.keys()].sort()).toEqual(orphanFired.map((a) => a.id).sort());
    for (const [, posts] of cards) expect(posts.map((p) => p.channel)).toEqual([CSM_CHANNEL]);
  });

  it('come to the channel again after switching back, each card once, bounded per tick', async () => {
    const seeded = await h.seed();
    await chooseInHome(DIGEST);
    // A plan with more drafts on kickoff day than one tick posts, piling up while the CSM reads only the digest.
    const admin = await h.actor(CSM);
    const busy = Array.from({ length: 30 }, (_, i) =>
      spec(`step-${i}`, 'email', { kind: 'kickoff_offset', delayDays: 0 }),
    );
    await importTemplate(h.ctx, {
      organizationId: seeded.organizationId,
      actor: admin.userId,
      spec: oneMilestoneTemplate('Busy plan', busy),
    });
    await createAccount(h.ctx, {
      organizationId: seeded.organizationId,
      name: 'Busy Bees',
      templateName: 'Busy plan',
      csmSlackUserId: CSM,
      contact: { email: 'bea@busybees.example', name: 'Bea Busy' },
      kickoffDate: '2026-11-24',
      actor: { userId: admin.userId },
    });
    const fired = (await tick()).fire!.fired;
    expect(fired.length).toBeGreaterThan(MISSED_CARDS_PER_TICK);

    await chooseInHome(AS_THEY_COME);
    expect(deliveryShown(CSM)).toBe('as_they_come');
    h.forget();
    const perTick: number[] = [];
    for (let posted = 0; posted < fired.length && perTick.length < 10; posted += perTick.at(-1)!) {
      h.ctx.advance(60_000);
      perTick.push((await tick()).missedCards!.posted.length);
    }
    expect(perTick[0]).toBe(MISSED_CARDS_PER_TICK);
    expect(Math.max(...perTick)).toBe(MISSED_CARDS_PER_TICK);

    const cards = cardsPosted();
    expect([...cards.keys()].sort()).toEqual(fired.map((a) => a.id).sort());
    for (const [, posts] of cards) expect(posts).toHaveLength(1);
  });

  it('is each person’s own choice: a viewer is told why not, and nothing changes', async () => {
    await h.seed();
    await h.addPerson('UVIEW001', 'viewer');
    await h.send({ type: 'app_home_opened', user: 'UVIEW001', tab: 'home', channel: 'D1' });
    expect(deliveryShown('UVIEW001')).toBeUndefined();
    h.forget();

    await h.select(ACTIONS.reviewCardDelivery, DIGEST, { as: 'UVIEW001', container: HOME });

    expect(h.lastPosted()).toMatchObject({ channel: 'UVIEW001' });
    expect(h.lastPosted().text).toContain('only admins and CSMs can choose how review cards reach them');
    const viewer = await h.db.prisma.user.findFirstOrThrow({ where: { slackUserId: 'UVIEW001' } });
    expect(viewer.reviewCardDelivery).toBe('as_they_come');
    expect(await h.db.prisma.auditEvent.count({ where: { reason: 'review card delivery chosen' } })).toBe(0);
  });
});
