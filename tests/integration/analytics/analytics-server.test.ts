/**
 * The analytics as the running server wires them (start-thread.ts): a leader's `/thread analytics` through Slack's
 * endpoint carries chart links under PUBLIC_URL, and the same server answers them with the PNG; a forged link is
 * refused there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startThread, type RunningThread } from '../../../src/composition/start-thread';
import { silentLogger } from '../../../src/lib/logger';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { blocksOf } from '../../support/block-kit';
import { FAKE_TEAM, FakeSlackApi } from '../../support/fake-slack-api';
import { pngSize } from '../../support/png';
import { slashCommand, TEST_SIGNING_SECRET } from '../../support/slack-request';
import { waitFor } from '../../support/wait-for';

const PUBLIC = 'https://thread.example.test';
const LEADER = 'ULEADER01';

describe('the server’s analytics', () => {
  const fake = new FakeSlackApi();
  let dataDir: string;
  let thread: RunningThread | undefined;
  beforeAll(async () => {
    await fake.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-analytics-'));
  });
  afterAll(async () => {
    await thread?.stop();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the chart behind each image block of /thread analytics, and refuses a forged one', async () => {
    fake.addUser({ id: LEADER, name: 'Lee Leader', email: 'lee@vendor.test' });
    thread = await startThread(
      {
        port: 0,
        publicUrl: PUBLIC,
        dataDir,
        slack: { botToken: 'xoxb-analytics', signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl },
        tickCron: '0 0 1 1 *',
        logLevel: 'silent',
      },
      silentLogger,
    );
    // The demo organisation; the first person to use Thread from Slack becomes its admin.
    await seedDemo({ prisma: thread.db.prisma, now: () => new Date(), logger: silentLogger });
    const base = `http://127.0.0.1:${thread.port}`;
    const req = slashCommand({
      command: '/thread',
      text: 'analytics',
      user_id: LEADER,
      user_name: 'lee',
      team_id: FAKE_TEAM.id,
      channel_id: 'CANY',
      response_url: fake.responseUrl(),
      trigger_id: 'trigger',
      token: 'x',
    });
    const ack = await fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
    expect(ack.status).toBe(200);
    const reply = await waitFor(() => fake.callsTo('response_url')[0], { description: 'the analytics reply' });
    const images = blocksOf(reply.args.blocks).filter((b) => b.type === 'image');
    expect(images.length).toBeGreaterThan(0);
    const url = new URL(String(images[0]!.image_url));
    expect(url.origin).toBe(PUBLIC);

    const chart = await fetch(`${base}${url.pathname}${url.search}`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await chart.arrayBuffer()))).toEqual({ width: 1280, height: 640 });

    url.searchParams.set('sig', 'A'.repeat(43));
    expect((await fetch(`${base}${url.pathname}${url.search}`)).status).toBe(403);
  }, 60_000);
});
