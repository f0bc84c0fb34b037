import { nextWindow, paceLane, WINDOW_MAX, WINDOW_PACED_MS } from '../../../src/services/execution/batch-pacing';

const ids = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const lanesOf = (entries: [string, string | null][]) => new Map(entries);
const noPacing = { emailMs: 0, slackPerChannelMs: 0 };

describe('the batch window', () => {
  it('holds the most actions claimed together when nothing is paced', () => {
    const pending = ids(120);
    const laneOf = lanesOf(pending.map((id) => [id, 'smtp']));
    expect(nextWindow(pending, laneOf, { pacing: noPacing, lastSendAt: new Map() }, 0)).toHaveLength(WINDOW_MAX);
  });

  it('holds about WINDOW_PACED_MS of paced email', () => {
    const pending = ids(120);
    const laneOf = lanesOf(pending.map((id) => [id, 'smtp']));
    const window = nextWindow(
      pending,
      laneOf,
      { pacing: { emailMs: 500, slackPerChannelMs: 0 }, lastSendAt: new Map() },
      0,
    );
    // Sends at 0, 500, … up to WINDOW_PACED_MS.
    expect(window).toEqual(pending.slice(0, WINDOW_PACED_MS / 500 + 1));
  });

  it('counts a lane sent on just before, and paces Slack messages per account, not across accounts', () => {
    const pacing = { emailMs: 0, slackPerChannelMs: 1500 };
    const oneChannel = ids(5);
    const sameAccount = lanesOf(oneChannel.map((id) => [id, paceLane('slack_message', 'acc1')]));
    // The channel was posted to 1 s ago: sends at 0.5 s, 2 s; the third (3.5 s) is past the window.
    const recent = { pacing, lastSendAt: new Map([['slack:acc1', 9_000]]) };
    expect(nextWindow(oneChannel, sameAccount, recent, 10_000)).toEqual(oneChannel.slice(0, 2));

    const manyAccounts = lanesOf(oneChannel.map((id, i) => [id, paceLane('slack_message', `acc${i}`)]));
    expect(nextWindow(oneChannel, manyAccounts, { pacing, lastSendAt: new Map() }, 0)).toEqual(oneChannel);
  });

  it('never comes back empty, and does not pace internal tasks', () => {
    const pending = ['slow', 'task'];
    const laneOf = lanesOf([
      ['slow', 'smtp'],
      ['task', paceLane('internal_task', 'acc1')],
    ]);
    const lanes = { pacing: { emailMs: 60_000, slackPerChannelMs: 0 }, lastSendAt: new Map([['smtp', 0]]) };
    expect(nextWindow(pending, laneOf, lanes, 0)).toEqual(['slow']);
    expect(nextWindow(['task'], laneOf, lanes, 0)).toEqual(['task']);
  });
});
