import { createCoalescer } from '../../../src/lib/coalesce';

/** A run that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('createCoalescer', () => {
  it('runs once for one request', async () => {
    const c = createCoalescer();
    let runs = 0;
    await c.run('a', async () => void runs++);
    expect(runs).toBe(1);
    expect(c.busy).toBe(0);
  });

  it('folds every request made during a run into one further run, which each of them waits for', async () => {
    const c = createCoalescer();
    const first = gate();
    const seen: string[] = [];
    let state = 'old';
    const publish = (g?: { opened: Promise<void> }) => async () => {
      const read = state;
      await g?.opened;
      seen.push(read);
    };
    const running = c.run('csm', publish(first));
    await new Promise(setImmediate); // the first run has started and read the old state
    state = 'new';
    const later = Array.from({ length: 19 }, () => c.run('csm', publish()));
    expect(later.every((p) => p === later[0])).toBe(true);
    first.open();
    await Promise.all([running, ...later]);
    // Two runs, and the second saw the state as it was after every request.
    expect(seen).toEqual(['old', 'new']);
    expect(c.busy).toBe(0);
  });

  it('keeps keys apart', async () => {
    const c = createCoalescer();
    const hold = gate();
    let bRuns = 0;
    const a = c.run('a', () => hold.opened);
    await c.run('b', async () => void bRuns++);
    expect(bRuns).toBe(1);
    hold.open();
    await a;
  });

  it('still runs the next one when the current run fails, and gives each caller its own outcome', async () => {
    const c = createCoalescer();
    const hold = gate();
    const failing = c.run('k', async () => {
      await hold.opened;
      throw new Error('Slack said no');
    });
    let ran = false;
    const next = c.run('k', async () => void (ran = true));
    hold.open();
    await expect(failing).rejects.toThrow('Slack said no');
    await expect(next).resolves.toBeUndefined();
    expect(ran).toBe(true);
    expect(c.busy).toBe(0);
  });

  it('starts a new chain after the key went quiet', async () => {
    const c = createCoalescer();
    let runs = 0;
    await c.run('k', async () => void runs++);
    await c.run('k', async () => void runs++);
    expect(runs).toBe(2);
  });
});
