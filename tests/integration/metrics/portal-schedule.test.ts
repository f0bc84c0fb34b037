/**
 * The customer's side of the clocks, over HTTP: the portal home says whether the onboarding is on track or how
 * many days behind plan, whose move it is in the customer's words, and what comes next. The account and its
 * hand-worked numbers are in clock-fixture.ts.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { markAccountChurned } from '../../../src/services/accounts/mark-account-churned';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { buildPortalApp, PUBLIC_URL } from '../portal/portal-fixture';
import { buildClockAccount, FRIDAY_15, THURSDAY_10, type ClockAccount } from './clock-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-schedule-'));
const CSM_SLACK_ID = 'UCLOCK002';
let ctx: TestServiceContext;
let organizationId: string;
let csm: { userId: string };
let acme: ClockAccount;

beforeEach(async () => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
  ({ organizationId } = await seedDemo(ctx, { csmSlackUserId: CSM_SLACK_ID }));
  const person = await refreshProfile(ctx, {
    organizationId,
    slackUserId: CSM_SLACK_ID,
    profile: { name: 'Priya Shah', email: 'priya.shah@demo.example' },
  });
  csm = { userId: person!.userId };
  acme = await buildClockAccount(ctx, { organizationId, csm, csmSlackUserId: CSM_SLACK_ID });
});

async function portalHome(): Promise<string> {
  const link = await createPortalLink(ctx, {
    organizationId,
    accountId: acme.accountId,
    actor: 'cli',
    publicUrl: PUBLIC_URL,
  });
  const { app } = buildPortalApp({ ctx, uploadDir });
  const res = await request(app).get(new URL(link.url).pathname).expect(200);
  return res.text;
}

describe('the portal home page', () => {
  it('says the onboarding is on track while it keeps to plan, with the customer’s open request on their clock', async () => {
    const page = await portalHome();
    expect(page).toContain('Where things stand');
    expect(page).toContain('<dd class="schedule__words schedule__words--on-track">On track</dd>');
    expect(page).toContain(
      '<strong>Whose move:</strong> Waiting on you: 1 item, under an hour · nothing waiting on us',
    );
    expect(page).toMatch(
      /<strong>What is next:<\/strong> Setup is under way, planned to finish <time datetime="2026-11-24">[^<]+<\/time>; then Go-Live\./,
    );
  });

  it('says how many days behind plan it is and whose move it is, in words for the customer, and no internal cause', async () => {
    ctx.setNow(THURSDAY_10);
    await blockMilestone(ctx, {
      organizationId,
      actor: csm,
      milestoneId: acme.setupId,
      note: 'We are fixing our SSO connector',
      cause: 'us',
    });
    ctx.setNow(FRIDAY_15);
    const page = await portalHome();
    expect(page).toContain('<dd class="schedule__words schedule__words--behind">3 days behind plan</dd>');
    expect(page).toContain(
      '<strong>Whose move:</strong> Waiting on you: 1 item, 3 days · waiting on us: 1 item, 1 day',
    );
    expect(page).toContain('<strong>What is next:</strong> Setup is on hold, planned to finish');
    // Go-Live can start Monday at the earliest: Setup is still open.
    expect(page).toMatch(/<dt>Expected go-live<\/dt><dd><time datetime="2026-11-30">/);
    // The customer reads their own words: not the CSM's ledger ("1 customer, 2 us") nor the cause they chose.
    expect(page).not.toContain('1 customer');
    expect(page).not.toContain('the customer');
  });

  it('says nothing about the schedule once the account has churned: its clocks stopped with it', async () => {
    await markAccountChurned(ctx, { organizationId, accountId: acme.accountId, actor: csm, reason: 'Budget cut' });
    ctx.setNow(FRIDAY_15);
    const page = await portalHome();
    expect(page).not.toContain('Where things stand');
    expect(page).not.toContain('behind plan');
  });
});
