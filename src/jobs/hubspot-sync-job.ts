import { isAppError } from '../lib/errors';
import type { ServiceContext } from '../services/context';
import type { HubSpotDeps } from '../services/hubspot/hubspot-deps';
import { listHubSpotOrganizations } from '../services/hubspot/list-hubspot-organizations';
import { syncHubSpot, type HubSpotSyncReport } from '../services/hubspot/sync-hubspot';
import type { Job } from './job';

export const HUBSPOT_SYNC_JOB_ID = 'hubspot-sync';

/**
 * Every 15 minutes: the HubSpot poll for each organisation with HubSpot connected (syncHubSpot), the fallback for
 * webhooks that never arrived. One organisation's failure does not stop the others'; it is that organisation's
 * connector status (the sync records it) and a log line.
 */
export function hubspotSyncJob(ctx: ServiceContext, deps: HubSpotDeps): Job {
  return {
    id: HUBSPOT_SYNC_JOB_ID,
    schedule: '*/15 * * * *',
    run: async () => {
      const reports: ({ organizationId: string } & (HubSpotSyncReport | { error: string }))[] = [];
      for (const organizationId of await listHubSpotOrganizations(ctx, deps)) {
        try {
          const report = await syncHubSpot(ctx, deps, { organizationId, actor: 'hubspot' });
          reports.push({ organizationId, ...report });
          ctx.logger.info(
            {
              organizationId,
              found: report.found,
              imported: report.outcomes.filter((x) => x.kind === 'imported').length,
              failures: report.failures.length,
            },
            'HubSpot sync',
          );
        } catch (error) {
          ctx.logger.error({ err: error, organizationId }, 'HubSpot sync failed');
          reports.push({ organizationId, error: isAppError(error) ? error.message : 'unexpected error (logged)' });
        }
      }
      return reports;
    },
  };
}
