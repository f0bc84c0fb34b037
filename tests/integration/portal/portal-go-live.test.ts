/**
 * The customer's portal once the onboarding is finished, over HTTP: a "You’re live" page with the go-live day (in
 * the organisation's timezone), the completed timeline ending in Live, and nothing asked of them; reopened, the
 * page is the running one again. Arranged through the services (setUpTeam, completeMilestone, reopenAccount).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { getAccountOverview } from '../../../src/services/accounts/get-account-overview';
import { reopenAccount } from '../../../src/services/accounts/reopen-account';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam } from '../people/team-fixture';
import { buildPortalApp, PUBLIC_URL } from './portal-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-live-'));

async function liveAccount() {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const team = await setUpTeam(ctx, { teamId: 'TPORTAL', name: 'Portal', prefix: 'PL' });
  await updateSettings(ctx, {
    organizationId: team.organizationId,
    actor: { userId: team.admin.userId },
    settings: { name: 'Acme Cloud', timezone: 'Pacific/Auckland' },
  });
  const link = await createPortalLink(ctx, {
    organizationId: team.organizationId,
    accountId: team.accountId,
    actor: 'cli',
    publicUrl: PUBLIC_URL,
  });
  const token = link.url.split('/').pop()!;
  const { app } = buildPortalApp({ ctx, uploadDir });
  const before = await request(app).get(`/portal/${token}`).expect(200);

  const overview = await getAccountOverview(ctx, { organizationId: team.organizationId, accountId: team.accountId });
  // Friday 13 March in Auckland, still the 12th in UTC.
  ctx.setNow('2026-03-12T20:00:00Z');
  await completeMilestone(ctx, {
    organizationId: team.organizationId,
    milestoneId: overview.currentMilestone!.id,
    actor: { userId: team.csm.userId },
    overrideReason: 'live',
  });
  return { ctx, team, app, token, before: before.text };
}

describe('the portal of a live account', () => {
  it('says “You’re live” with the go-live day, shows the completed timeline ending in Live, and asks for nothing', async () => {
    const { app, token, before } = await liveAccount();
    expect(before).toContain('Hello Dana');
    expect(before).not.toContain('You’re live');

    const page = (
      await request(app)
        .get(`/portal/${token}`)
        .expect(200)
        .expect('Content-Type', /text\/html/)
    ).text;
    expect(page).toContain('<title>You’re live · Acme Cloud</title>');
    expect(page).toContain('<h1 id="page-title">You’re live</h1>');
    expect(page).toContain(
      'Congratulations, Dana: Portal customer went live on <time datetime="2026-03-13">13 Mar 2026</time>.',
    );
    expect(page).toContain('<dt>Went live</dt><dd><time datetime="2026-03-13">13 Mar 2026</time></dd>');
    expect(page).toContain('<dt>Milestones done</dt><dd>1 of 1</dd>');
    expect(page).toContain('class="card hero hero--live"');
    expect(page).toContain('Your completed timeline');
    expect(page).toMatch(/<li class="milestone milestone--live">[\s\S]*Went live <time datetime="2026-03-13">/);
    expect(page).not.toContain('Hello Dana');
    expect(page).not.toContain('<progress');
    expect(page).toContain('Nothing: your onboarding is complete.');
  });

  it('is the running page again once an admin reopens the account', async () => {
    const { ctx, team, app, token } = await liveAccount();
    await reopenAccount(ctx, { organizationId: team.organizationId, accountId: team.accountId, actor: 'cli' });
    const page = (await request(app).get(`/portal/${token}`).expect(200)).text;
    expect(page).toContain('Hello Dana');
    expect(page).not.toContain('You’re live');
    expect(page).not.toContain('milestone--live');
  });
});
