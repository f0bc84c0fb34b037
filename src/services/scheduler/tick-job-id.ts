/** The lease name of the scheduler's tick (JobLease): whoever holds it runs the tick, everyone else skips theirs. */
export const TICK_JOB_ID = 'scheduler-tick';
