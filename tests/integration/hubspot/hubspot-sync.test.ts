/**
 * The poll (syncHubSpot: the 15-minute job and `thread hubspot sync`): deals that reached a trigger stage since the
 * last sync get their account once, even when a webhook and polls race for the same deal; a deal that cannot be
 * imported is the connector's last error and is tried again once the admin fixes the rule.
 */
import { HUBSPOT_SYNC_JOB_ID } from '../../../src/jobs/hubspot-sync-job';
import { createThreadScheduler } from '../../../src/jobs/thread-scheduler';
import { silentNotifier } from '../../../src/services/notifications/notifier-port';
import { addPerson } from '../../../src/services/people/add-person';
import { setHubSpotRules } from '../../../src/services/hubspot/set-hubspot-rules';
import { getHubSpotStatus } from '../../../src/services/hubspot/get-hubspot-status';
import { syncHubSpot } from '../../../src/services/hubspot/sync-hubspot';
import { importTemplate } from '../../../src/services/templates/import-template';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { stageChange } from '../../support/hubspot-webhook';
import { PORTAL_ID, useHubSpotFixture } from './hubspot-fixture';

const f = useHubSpotFixture();
const sync = () => syncHubSpot(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' });

describe('the HubSpot sync', () => {
  it('makes the account of a deal that closed since the last sync, once, and records the sync', async () => {
    const { deal } = f.closedDeal();
    f.closedDeal({ stage: 'contractsent', company: 'Not yet Inc' });
    f.ctx.setNow(f.hubspot.clockNow());
    const first = await sync();
    expect(first.found).toBe(1);
    expect(first.outcomes).toEqual([
      {
        dealId: deal.id,
        kind: 'imported',
        accountId: expect.any(String) as string,
        accountName: 'Acme Robotics',
        gaps: [],
      },
    ]);
    const status = await getHubSpotStatus(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' });
    expect(status.lastSyncAt).toEqual(f.ctx.now());
    expect(status.lastError).toBeNull();

    // HubSpot touches the deal again: found again, and left alone.
    f.hubspot.updateDeal(deal.id, { description: 'kickoff booked' });
    f.ctx.setNow(f.hubspot.clockNow());
    const second = await sync();
    expect(second.outcomes.map((o) => o.kind)).toEqual(['synced']);
    expect(await f.accounts()).toHaveLength(1);
    expect(f.handoffs).toHaveLength(1);
  });

  it('starts onboarding at the stage the admin picked for the pipeline', async () => {
    await setHubSpotRules(f.ctx, f.deps, {
      organizationId: f.organizationId,
      actor: 'cli',
      rules: { triggerStages: { default: ['contractsent'] } },
    });
    const { deal } = f.closedDeal({ stage: 'contractsent' });
    f.closedDeal({ stage: 'closedwon', company: 'Won but not the trigger' });
    f.ctx.setNow(f.hubspot.clockNow());
    const report = await sync();
    expect(report.outcomes.filter((o) => o.kind === 'imported').map((o) => o.dealId)).toEqual([deal.id]);
  });

  it('makes one account when a webhook and two syncs race for the same deal', async () => {
    const { deal } = f.closedDeal();
    f.ctx.setNow(f.hubspot.clockNow());
    const [delivered, a, b] = await Promise.all([
      f.deliver([stageChange({ portalId: PORTAL_ID, dealId: deal.id, stage: 'closedwon' })]),
      sync(),
      sync(),
    ]);
    await f.queue.idle();
    expect(delivered.status).toBe(200);
    const accounts = await f.accounts();
    expect(accounts.map((x) => x.hubspotDealId)).toEqual([deal.id]);
    expect(f.handoffs).toEqual([{ organizationId: f.organizationId, accountId: accounts[0]!.id }]);
    const kinds = [...a.outcomes, ...b.outcomes].map((o) => o.kind).sort();
    expect(kinds.filter((k) => k === 'imported').length).toBeLessThanOrEqual(1);
  });

  it('tells the admin when no rule picks a template, and makes the account once the rule is set', async () => {
    const other = await readTemplateFile(DEMO_TEMPLATE_FILE);
    await importTemplate(f.ctx, {
      organizationId: f.organizationId,
      spec: { ...other, name: 'Enterprise' },
      actor: f.adminId,
    });
    const { deal } = f.closedDeal();
    f.ctx.setNow(f.hubspot.clockNow());
    const refused = await sync();
    expect(refused.failures).toEqual([
      {
        dealId: deal.id,
        message: `deal ${deal.id} (Acme Robotics – platform) closed, but no HubSpot rule picks its template (pipeline default): set a default template in Settings → Connectors → Rules; the next sync makes the account.`,
      },
    ]);
    const status = await getHubSpotStatus(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' });
    expect(status.lastError?.message).toMatch(/^1 deal\(s\) could not be handled; deal \d+: deal \d+ \(Acme Robotics/);

    await setHubSpotRules(f.ctx, f.deps, {
      organizationId: f.organizationId,
      actor: 'cli',
      rules: { template: { defaultTemplate: 'Enterprise' } },
    });
    f.ctx.advance(15 * 60_000);
    const retried = await sync();
    expect(retried.outcomes.map((o) => [o.dealId, o.kind])).toEqual([[deal.id, 'imported']]);
    const [account] = await f.accounts();
    expect(account?.templateId).toBe(
      (
        await f.t.db.prisma.template.findFirstOrThrow({
          where: { organizationId: f.organizationId, name: 'Enterprise' },
        })
      ).id,
    );
    expect(
      (await getHubSpotStatus(f.ctx, f.deps, { organizationId: f.organizationId, actor: 'cli' })).lastError,
    ).toBeNull();
  });

  it('gives accounts to the CSMs in turn under the round-robin rule', async () => {
    await addPerson(f.ctx, {
      organizationId: f.organizationId,
      actor: 'cli',
      slackUserId: 'UCSM0002',
      role: 'csm',
      name: 'Dana',
    });
    for (let i = 0; i < 3; i++) f.closedDeal({ company: `Company ${i}` });
    f.ctx.setNow(f.hubspot.clockNow());
    await sync();
    const csms = (await f.accounts()).map((a) => a.csm?.slackUserId);
    expect(csms).toHaveLength(3);
    expect(new Set(csms).size).toBe(2);
    expect(csms[0]).not.toBe(csms[1]);
    expect(csms[2]).toBe(csms[0]);
  });

  it('runs every 15 minutes in the server’s scheduler, for each organisation with HubSpot connected', async () => {
    const { deal } = f.closedDeal();
    f.ctx.setNow(f.hubspot.clockNow());
    const scheduler = createThreadScheduler({
      ctx: f.ctx,
      tickCron: '* * * * *',
      deps: { notifier: silentNotifier, canNotify: false },
      hubspot: f.deps,
    });
    const outcome = await scheduler.trigger(HUBSPOT_SYNC_JOB_ID);
    expect(outcome).toMatchObject({
      status: 'ran',
      result: [{ organizationId: f.organizationId, found: 1, failures: [] }],
    });
    expect((await f.accounts()).map((a) => a.hubspotDealId)).toEqual([deal.id]);
  });
});
