import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { sendDailyDigests } from '../../../src/services/scheduler/send-daily-digests';
import { ACTIONS } from '../../../src/slack/ids';
import { findButton, textOf } from '../../support/block-kit';
import { CSM, useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

/** Helios Health, left alone for a month so Thread suggests it is at risk, then the CSM's digest the next morning. */
async function digestWithASuggestion() {
  await h.seed();
  const org = await h.db.prisma.organization.findFirstOrThrow();
  expect(await resolveSlackMember(h.ctx, { organizationId: org.id, slackUserId: CSM })).toMatchObject({
    role: 'admin',
  });
  const helios = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
  h.ctx.advance(30 * 86_400_000);
  await runTick(h.ctx, { notifier: h.slack.notifier, canNotify: true });
  expect((await h.db.prisma.account.findUniqueOrThrow({ where: { id: helios.id } })).riskSuggestedAt).not.toBeNull();
  h.forget();
  h.ctx.advance(86_400_000);
  const sent = await sendDailyDigests(h.ctx, { notifier: h.slack.notifier });
  expect(sent.failed).toEqual([]);
  await h.settled();
  const digest = h.posted.find((m) => textOf(m.blocks).includes('Thread digest') && m.channel === CSM);
  if (!digest) throw new Error('the CSM got no digest');
  return { accountId: helios.id, digest };
}

describe('at-risk suggestions in the daily digest', () => {
  it('offer Confirm at risk and Dismiss for the account, and Confirm sets it at risk with the card beside the digest', async () => {
    const { accountId, digest } = await digestWithASuggestion();
    expect(textOf(digest.blocks)).toContain('Helios Health (suggested:');
    expect(findButton(digest.blocks, 'Confirm at risk', accountId).actionId).toBe(ACTIONS.riskConfirm);
    expect(findButton(digest.blocks, 'Dismiss', accountId).actionId).toBe(ACTIONS.riskDismiss);
    h.forget();

    await h.press(digest, 'Confirm at risk', { value: accountId });

    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.status).toBe('at_risk');
    expect(account.riskSuggestion).toBeNull();
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { accountId, toState: 'at_risk' } });
    expect(audit.reason).toBe('at-risk suggestion confirmed');
    // The digest stays as it was; the account's card comes as a reply beside it, offering Back on track.
    const reply = h.lastReply();
    expect(reply.replace_original).not.toBe(true);
    expect(findButton(reply.blocks, 'Back on track').value).toBe(accountId);
  });

  it('Dismiss from the digest hides the suggestion and keeps the account active', async () => {
    const { accountId, digest } = await digestWithASuggestion();
    await h.press(digest, 'Dismiss', { value: accountId });
    const account = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.status).toBe('active');
    expect(account.riskSuggestedAt).toBeNull();
    expect(account.riskDismissedCodes.length).toBeGreaterThan(0);
  });
});
