import type { ServiceContext } from '../services/context';
import { runHubSpotWriteBack } from '../services/hubspot/write-back/run-hubspot-write-back';
import type { HubSpotWriteBackDeps } from '../services/hubspot/write-back/write-back-deps';
import type { Job } from './job';

export const HUBSPOT_WRITE_BACK_JOB_ID = 'hubspot-write-back';

/**
 * Every minute: the onboarding's changes go to HubSpot (services/hubspot/write-back). Its own job rather than a step
 * of the tick, so a slow or rate-limited HubSpot never holds up firing actions; the job's lease keeps processes from
 * sweeping together, and each account's claim keeps its writes single even if they did.
 */
export function hubspotWriteBackJob(ctx: ServiceContext, deps: HubSpotWriteBackDeps, schedule = '* * * * *'): Job {
  return {
    id: HUBSPOT_WRITE_BACK_JOB_ID,
    schedule,
    run: async () => {
      const report = await runHubSpotWriteBack(ctx, deps);
      const written = report.organizations.reduce((n, o) => n + (o.delivered?.written.length ?? 0), 0);
      const failed = report.organizations.reduce((n, o) => n + (o.delivered?.failed.length ?? 0), 0);
      if (written > 0 || failed > 0) ctx.logger.info({ written, failed }, 'HubSpot write-back');
      return report;
    },
  };
}
