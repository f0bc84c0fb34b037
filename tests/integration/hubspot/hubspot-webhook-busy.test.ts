/** When the webhook work queue is full: 503 with Retry-After, and the event ids given back so HubSpot's retry counts. */
import { stageChange } from '../../support/hubspot-webhook';
import { PORTAL_ID, useHubSpotFixture } from './hubspot-fixture';

const f = useHubSpotFixture({ queueCapacity: 0 });

it('answers 503 and keeps no claim, so the retry is not taken for a duplicate', async () => {
  const { deal } = f.closedDeal();
  const res = await f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]);
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('60');
  expect(await f.t.db.prisma.processedEvent.count()).toBe(0);
});
