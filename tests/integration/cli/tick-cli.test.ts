/**
 * `npm run thread -- tick` is the scheduler's own tick: with Slack configured it posts the review cards of what it
 * fired (to the fake Slack Web API, through SLACK_API_URL), and cards a tick without Slack could not post come with
 * the next tick that can, once, also when two ticks race beside a running Thread. Real processes on a real
 * embedded database in a temporary data directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findButton } from '../../support/block-kit';
import { startFakeAnthropic } from '../../support/fake-anthropic';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { runCli, startServer, waitForExit, type CliResult } from '../../support/run-thread';

jest.setTimeout(180_000);

const CSM_CHANNEL = 'CCSMTEAM';
const fake = new FakeSlackApi();
const dataDirs: string[] = [];

beforeAll(() => fake.start());
afterAll(async () => {
  await fake.stop();
  await Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true })));
});
beforeEach(() => fake.reset());

/** A fresh data directory with the demo organisation: three accounts with actions due now. */
async function demo(): Promise<NodeJS.ProcessEnv> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-tick-'));
  dataDirs.push(dataDir);
  const env = { THREAD_DATA_DIR: dataDir };
  expect((await runCli(['seed', 'demo'], env)).code).toBe(0);
  return env;
}

const withSlack = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...env,
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_API_URL: fake.apiUrl,
  SLACK_CSM_CHANNEL: CSM_CHANNEL,
});

async function tick(env: NodeJS.ProcessEnv): Promise<CliResult> {
  const result = await runCli(['tick'], env);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return result;
}

/** Review cards Slack received, by the action each is for (the value of its Skip button). */
function cardsPosted(): Map<string, number> {
  const cards = new Map<string, number>();
  for (const call of fake.callsTo('chat.postMessage')) {
    expect(call.args.channel).toBe(CSM_CHANNEL);
    const actionId = findButton(call.args.blocks, 'Skip').value;
    cards.set(actionId, (cards.get(actionId) ?? 0) + 1);
  }
  return cards;
}

/** The ids of the actions a tick says it fired. */
function firedBy(result: CliResult): string[] {
  return [...result.stdout.matchAll(/^ {2}ready: .* \((\w+)\), due /gm)].map((m) => m[1]!);
}

describe('npm run thread -- tick', () => {
  it('with Slack configured, posts the review card of every action it fired, and the next tick posts none again', async () => {
    const env = withSlack(await demo());

    const first = await tick(env);

    const fired = firedBy(first);
    expect(fired.length).toBeGreaterThan(0);
    // Nothing left for a process with Slack: this one has it.
    expect(first.stdout).not.toMatch(/Skipped (missed review cards|submission review clocks|daily digests)/);
    expect(first.stdout).toContain('Daily digests: 0 sent.');
    expect([...cardsPosted().keys()].sort()).toEqual([...fired].sort());

    await tick(env);
    expect([...cardsPosted().values()].every((n) => n === 1)).toBe(true);
    expect(cardsPosted().size).toBe(fired.length);
  });

  it('with AI drafting configured, waits for the AI drafts of what it fired and leaves each card, posted once, showing its AI draft', async () => {
    const model = await startFakeAnthropic();
    try {
      model.setDefault({ kind: 'good', subject: 'Our kickoff', body: 'Written by the model for this account.' });
      const env = {
        ...withSlack(await demo()),
        ANTHROPIC_API_KEY: 'sk-test',
        ANTHROPIC_BASE_URL: model.url,
        THREAD_AI_MODEL: 'claude-test',
      };

      const result = await tick(env);

      const fired = firedBy(result);
      expect(fired.length).toBeGreaterThan(0);
      expect(result.stdout).toContain(`AI drafts: ${fired.length} written.`);
      expect(model.requests).toHaveLength(fired.length);
      const cards = cardsPosted();
      expect([...cards.keys()].sort()).toEqual([...fired].sort());
      expect([...cards.values()].every((n) => n === 1)).toBe(true);
      // Each card, posted once, ends with the AI draft: in place, or posted with it when the draft came first.
      const posts = fake.callsTo('chat.postMessage');
      for (const actionId of fired) {
        const post = posts.find((c) => findButton(c.args.blocks, 'Skip').value === actionId)!;
        const updates = fake.callsTo('chat.update').filter((c) => c.args.ts === post.ts);
        const last = updates.at(-1)?.args ?? post.args;
        expect(JSON.stringify(last.blocks)).toContain('Written by the model for this account.');
      }
    } finally {
      await model.close();
    }
  });

  it('fires without Slack, and the next tick with Slack posts each card once', async () => {
    const env = await demo();

    const quiet = await tick(env);
    const fired = firedBy(quiet);
    expect(fired.length).toBeGreaterThan(0);
    expect(quiet.stdout).toContain('Skipped missed review cards: no Slack to post them to.');
    expect(fake.calls).toEqual([]);

    const loud = await tick(withSlack(env));
    expect(firedBy(loud)).toEqual([]);
    expect(loud.stdout).toContain(`Review cards an earlier tick could not post: ${fired.length} now in their channel.`);
    await tick(withSlack(env));

    const cards = cardsPosted();
    expect([...cards.keys()].sort()).toEqual([...fired].sort());
    expect([...cards.values()].every((n) => n === 1)).toBe(true);
  });

  it('run twice at once beside a running Thread, posts each waiting card once', async () => {
    const env = await demo();
    const fired = firedBy(await tick(env));
    expect(fired.length).toBeGreaterThan(0);

    // Thread with Slack on, its own scheduler far off, so only the two hand-run ticks race for the cards.
    const server = await startServer({ ...withSlack(env), THREAD_TICK_CRON: '0 0 1 1 *' });
    try {
      const [a, b] = await Promise.all([runCli(['tick'], withSlack(env)), runCli(['tick'], withSlack(env))]);
      expect([a.code, b.code]).toEqual([0, 0]);
      // The second may find the first still ticking (the tick lease) or everything already posted.
      expect(`${a.stdout}\n${b.stdout}`).toMatch(/Review cards an earlier tick could not post|No tick run/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await waitForExit(server.child)).toBe(0);

    const cards = cardsPosted();
    expect([...cards.keys()].sort()).toEqual([...fired].sort());
    expect([...cards.values()].every((n) => n === 1)).toBe(true);
  });
});
