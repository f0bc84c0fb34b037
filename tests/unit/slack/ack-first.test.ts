import { AckFirstScheduler } from '../../../src/slack/ack-first';

/** Lets the scheduler's setImmediate and timers run under jest's fake clock. */
async function settle(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

describe('AckFirstScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const options = { concurrency: 2, maxDeferMs: 250, quietMs: 2 };

  it('holds work after an acknowledgement while another request is still unacknowledged', async () => {
    const s = new AckFirstScheduler(options);
    const answered = s.arrived();
    let started = false;
    void s.turn().then(() => (started = true));
    await settle(100);
    expect(started).toBe(false);
    answered();
    await settle(1);
    expect(started).toBe(false); // not quiet long enough: the next request of a burst may be on its way
    await settle(2);
    expect(started).toBe(true);
  });

  it('starts held work after maxDeferMs even while requests keep coming', async () => {
    const s = new AckFirstScheduler(options);
    s.arrived(); // never answered
    let started = false;
    void s.turn().then(() => (started = true));
    await settle(249);
    expect(started).toBe(false);
    await settle(2);
    expect(started).toBe(true);
  });

  it('runs at most `concurrency` continuations at once, the next when one gives its turn back', async () => {
    const s = new AckFirstScheduler(options);
    const releases: (() => void)[] = [];
    for (let i = 0; i < 3; i++) void s.turn().then((release) => releases.push(release));
    await settle(5);
    expect(releases).toHaveLength(2);
    expect(s.state).toEqual({ unacknowledged: 0, running: 2, waiting: 1 });
    releases[0]!();
    releases[0]!(); // giving a turn back twice counts once
    await settle(5);
    expect(releases).toHaveLength(3);
    expect(s.state.running).toBe(2);
  });

  it('is idle once every continuation gave its turn back', async () => {
    const s = new AckFirstScheduler(options);
    let idle = false;
    const turn = s.turn();
    await settle(5);
    void s.idle().then(() => (idle = true));
    await settle(5);
    expect(idle).toBe(false);
    (await turn)();
    await settle(0);
    expect(idle).toBe(true);
  });

  it('counts a request answered twice once', async () => {
    const s = new AckFirstScheduler(options);
    const answered = s.arrived();
    s.arrived();
    answered();
    answered();
    expect(s.state.unacknowledged).toBe(1);
  });
});
