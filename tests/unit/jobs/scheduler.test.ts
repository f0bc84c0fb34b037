import { createScheduler, type JobLeases } from '../../../src/jobs/scheduler';
import type { Job } from '../../../src/jobs/job';
import { silentLogger } from '../../../src/lib/logger';

function controllableJob(id = 'tick'): Job & { runs: number; finish(): void } {
  let release: () => void = () => {};
  const job = {
    id,
    schedule: '* * * * *',
    runs: 0,
    finish: () => release(),
    run: async () => {
      job.runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return 'done';
    },
  };
  return job;
}

describe('scheduler', () => {
  it('skips a tick that comes while the previous run is still going, instead of stacking it', async () => {
    const job = controllableJob();
    const scheduler = createScheduler({ jobs: [job], logger: silentLogger });
    const first = scheduler.trigger('tick');
    await expect(scheduler.trigger('tick')).resolves.toEqual({
      status: 'skipped',
      jobId: 'tick',
      reason: 'the previous run is still going',
    });
    job.finish();
    await expect(first).resolves.toEqual({ status: 'ran', jobId: 'tick', result: 'done' });
    const third = scheduler.trigger('tick');
    job.finish();
    await expect(third).resolves.toMatchObject({ status: 'ran' });
    expect(job.runs).toBe(2);
  });

  it('does not run when another process holds the lease, and gives its own lease back after a run', async () => {
    const calls: string[] = [];
    let heldElsewhere = true;
    const leases: JobLeases = {
      acquire: async (id) => (
        calls.push(`acquire ${id}`),
        heldElsewhere
          ? { acquired: false, heldBy: { holder: 'other:1', expiresAt: new Date('2026-11-24T10:05:00Z') } }
          : { acquired: true }
      ),
      release: async (id) => void calls.push(`release ${id}`),
    };
    const job = { id: 'tick', schedule: '* * * * *', run: jest.fn(async () => 'ok') };
    const scheduler = createScheduler({ jobs: [job], logger: silentLogger, leases });
    await expect(scheduler.trigger('tick')).resolves.toEqual({
      status: 'skipped',
      jobId: 'tick',
      reason: 'running elsewhere (lease held by other:1 until 2026-11-24T10:05:00.000Z)',
    });
    expect(job.run).not.toHaveBeenCalled();
    heldElsewhere = false;
    await expect(scheduler.trigger('tick')).resolves.toEqual({ status: 'ran', jobId: 'tick', result: 'ok' });
    expect(calls).toEqual(['acquire tick', 'acquire tick', 'release tick']);
  });

  it('reports a failing run and still releases the lease', async () => {
    const released: string[] = [];
    const scheduler = createScheduler({
      jobs: [
        {
          id: 'tick',
          schedule: '* * * * *',
          run: async () => {
            throw new Error('database went away');
          },
        },
      ],
      logger: silentLogger,
      leases: { acquire: async () => ({ acquired: true }), release: async (id) => void released.push(id) },
    });
    const outcome = await scheduler.trigger('tick');
    expect(outcome).toMatchObject({ status: 'failed', error: new Error('database went away') });
    expect(released).toEqual(['tick']);
  });

  it('refuses an invalid cron expression with the variable to fix', () => {
    expect(() =>
      createScheduler({ jobs: [{ id: 'tick', schedule: 'every minute', run: async () => {} }], logger: silentLogger }),
    ).toThrow(/THREAD_TICK_CRON/);
  });

  it('registers each job on its cron schedule, runs it from the timer, and on stop waits for the run in progress', async () => {
    const job = controllableJob();
    const timers: { expression: string; fire: () => Promise<void>; stopped: boolean }[] = [];
    const scheduler = createScheduler({
      jobs: [job],
      logger: silentLogger,
      createTask: (expression, run) => {
        const timer = { expression, fire: run, stopped: false };
        timers.push(timer);
        return { start: () => {}, stop: () => void (timer.stopped = true), destroy: () => {} };
      },
    });
    scheduler.start();
    expect(timers.map((t) => t.expression)).toEqual(['* * * * *']);
    const tick = timers[0]!.fire();
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(timers[0]!.stopped).toBe(true);
    expect(stopped).toBe(false);
    job.finish();
    await tick;
    await stopping;
    expect(stopped).toBe(true);
  });
});
