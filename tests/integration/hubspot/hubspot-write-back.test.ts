/**
 * The HubSpot write-back with the real @hubspot/api-client against the fake HubSpot on 127.0.0.1: Thread's property
 * group and properties made once, the company's properties and notes following the onboarding as the services change
 * it, failures retried with the note written once, and racing runs writing once. Arranged through the services only.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { HUBSPOT_WRITE_BACK_JOB_ID, hubspotWriteBackJob } from '../../../src/jobs/hubspot-write-back-job';
import { createThreadScheduler } from '../../../src/jobs/thread-scheduler';
import { silentNotifier } from '../../../src/services/notifications/notifier-port';
import { blockMilestone } from '../../../src/services/milestones/block-milestone';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { unblockMilestone } from '../../../src/services/milestones/unblock-milestone';
import { ensureHubSpotProperties } from '../../../src/services/hubspot/ensure-hubspot-properties';
import { getHubSpotWriteBackStatus } from '../../../src/services/hubspot/get-hubspot-write-back-status';
import { linkHubSpotCompany } from '../../../src/services/hubspot/link-hubspot-company';
import { retryDelayMs } from '../../../src/services/hubspot/write-back/deliver-company-writes';
import { runHubSpotWriteBack } from '../../../src/services/hubspot/write-back/run-hubspot-write-back';
import { createAccount } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { startFakeHubSpot, type FakeHubSpot } from '../../support/fake-hubspot';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { testDatabaseKind, useTestDatabase } from '../../support/test-database';
import { buildPortalApp } from '../portal/portal-fixture';
import { buildWriteBackWorld, hubspotOf, PUBLIC_URL, setUpTeam, type WriteBackWorld } from './write-back-fixture';

const t = useTestDatabase();
let fake: FakeHubSpot;
let ctx: TestServiceContext;

beforeEach(async () => {
  fake = await startFakeHubSpot();
  ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
});
afterEach(() => fake.close());

const THREAD_PROPERTIES = [
  'thread_onboarding_status',
  'thread_current_milestone',
  'thread_progress_pct',
  'thread_planned_go_live',
  'thread_actual_go_live',
  'thread_health',
  'thread_portal_link',
];

const companyProps = (w: WriteBackWorld) => fake.object('companies', w.companyId)!.properties;
const notesOn = (w: WriteBackWorld) => fake.notesOn('companies', w.companyId);
const patches = (w: WriteBackWorld) => fake.callsTo(new RegExp(`PATCH /crm/v3/objects/companies/${w.companyId}$`));
const noteCreates = () => fake.callsTo(/POST \/crm\/v3\/objects\/notes$/);
const asCsm = (w: WriteBackWorld) => ({ organizationId: w.organizationId, actor: w.csm });

async function completeKickoff(w: WriteBackWorld) {
  return completeMilestone(ctx, {
    ...asCsm(w),
    milestoneId: w.milestoneIds[0]!,
    overrideReason: 'kickoff call held; the task is a formality',
  });
}

describe('Thread’s properties in HubSpot', () => {
  it('creates the "Thread onboarding" group and its seven company properties once; a second run creates nothing', async () => {
    const { organizationId } = await setUpTeam(ctx);
    const hubspot = hubspotOf(fake);

    const first = await ensureHubSpotProperties(ctx, { hubspot }, { organizationId });
    expect(first).toEqual({ groupCreated: true, propertiesCreated: THREAD_PROPERTIES });
    expect(fake.propertyGroups('companies')).toEqual([
      expect.objectContaining({ name: 'thread_onboarding', label: 'Thread onboarding' }),
    ]);
    const made = fake.properties('companies');
    expect(made.map((p) => [p.name, p.type, p.fieldType, p.groupName])).toEqual([
      ['thread_onboarding_status', 'enumeration', 'select', 'thread_onboarding'],
      ['thread_current_milestone', 'string', 'text', 'thread_onboarding'],
      ['thread_progress_pct', 'number', 'number', 'thread_onboarding'],
      ['thread_planned_go_live', 'date', 'date', 'thread_onboarding'],
      ['thread_actual_go_live', 'date', 'date', 'thread_onboarding'],
      ['thread_health', 'enumeration', 'select', 'thread_onboarding'],
      ['thread_portal_link', 'string', 'text', 'thread_onboarding'],
    ]);
    expect((made[0]!.options as { value: string }[]).map((o) => o.value)).toEqual([
      'waiting_for_handoff',
      'active',
      'at_risk',
      'live',
      'churned',
    ]);
    expect((made[5]!.options as { value: string }[]).map((o) => o.value)).toEqual(['on_track', 'at_risk']);

    const creates = () => fake.callsTo(/POST \/crm\/v3\/properties\/companies/).length;
    const before = creates();
    const second = await ensureHubSpotProperties(ctx, { hubspot }, { organizationId });
    expect(second).toEqual({ groupCreated: false, propertiesCreated: [] });
    expect(creates()).toBe(before);
    expect(fake.properties('companies')).toHaveLength(7);
    const status = await getHubSpotWriteBackStatus(ctx, { organizationId });
    expect(status.propertiesReadyAt).toEqual(ctx.now());
  });

  it('creates them from the write-back when a company update names properties HubSpot does not have', async () => {
    // Connected through the environment, say: nothing called ensureHubSpotProperties, so HubSpot has no Thread properties.
    const w = await buildWriteBackWorld(ctx, fake, { connect: false });
    await runHubSpotWriteBack(ctx, w.deps);

    const companyWrites = patches(w);
    expect(companyWrites).toHaveLength(2); // refused (400: unknown properties), then accepted
    expect(fake.properties('companies').map((p) => p.name)).toEqual(THREAD_PROPERTIES);
    expect(companyProps(w)).toMatchObject({ thread_onboarding_status: 'active', thread_current_milestone: 'Kickoff' });
    expect((await getHubSpotWriteBackStatus(ctx, { organizationId: w.organizationId })).lastWriteBackError).toBeNull();
  });
});

describe('keeping the company current', () => {
  it('writes the state of a newly linked account, with a preview link and never a magic link', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);

    const props = companyProps(w);
    expect(props).toMatchObject({
      thread_onboarding_status: 'active',
      thread_current_milestone: 'Kickoff',
      thread_progress_pct: '0',
      thread_planned_go_live: expect.stringMatching(/^2026-03-\d{2}$/),
      thread_actual_go_live: '',
      thread_health: 'on_track',
    });
    expect(props.thread_portal_link).toMatch(
      new RegExp(`^${PUBLIC_URL}/portal/preview/${w.accountId}\\.\\d+\\.[\\w-]{43}$`),
    );
    // No customer link was made for HubSpot; the link written opens the read-only preview.
    expect(await t.db.prisma.portalAccess.count()).toBe(0);
    const { app } = buildPortalApp({
      ctx,
      uploadDir: mkdtempSync(path.join(os.tmpdir(), 'thread-wb-')),
      secret: w.secret,
    });
    const preview = await request(app).get(new URL(props.thread_portal_link!).pathname).expect(200);
    expect(preview.text).toContain('<strong>Preview.</strong> This is what Dana Scully sees');
    expect(notesOn(w)).toHaveLength(0);
  });

  it('a milestone completed through the service updates the properties and adds one note on the company', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);
    await completeKickoff(w);
    await runHubSpotWriteBack(ctx, w.deps);

    expect(companyProps(w)).toMatchObject({
      thread_onboarding_status: 'active',
      thread_current_milestone: 'Technical Setup',
      thread_progress_pct: '33',
      thread_health: 'on_track',
    });
    const notes = notesOn(w);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.properties.hs_note_body).toBe(
      '<p><strong>Thread onboarding:</strong> milestone “Kickoff” completed by Casey Morgan.</p>' +
        '<p>Completed with 1 open action: kickoff call held; the task is a formality</p>',
    );
    expect(notes[0]!.properties.hs_timestamp).toBe(ctx.now().toISOString());
    // The note is associated to the company with HubSpot's note → company association (v4).
    const create = noteCreates().at(-1)!.body as { associations: unknown };
    expect(create.associations).toEqual([
      { to: { id: w.companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 190 }] },
    ]);

    // Nothing new: a run writes nothing.
    const calls = fake.calls.length;
    await runHubSpotWriteBack(ctx, w.deps);
    expect(fake.calls.length).toBe(calls);
  });

  it('one write per account per run however many events, and a note for each completion', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);
    const before = patches(w).length;
    await completeKickoff(w);
    await completeMilestone(ctx, { ...asCsm(w), milestoneId: w.milestoneIds[1]!, overrideReason: 'done on a call' });
    await runHubSpotWriteBack(ctx, w.deps);

    expect(patches(w).length - before).toBe(1);
    expect(companyProps(w)).toMatchObject({ thread_current_milestone: 'Go-Live', thread_progress_pct: '67' });
    expect(notesOn(w).map((n) => /“([^”]+)” completed/.exec(String(n.properties.hs_note_body))?.[1])).toEqual([
      'Kickoff',
      'Technical Setup',
    ]);
  });

  it('a block puts its note (escaped) in the HubSpot note and the health at risk; unblocking only updates properties', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);
    const note = 'Waiting for <script>alert(1)</script> their IT team\nTicket IT-4821 & SSO';
    await blockMilestone(ctx, { ...asCsm(w), milestoneId: w.milestoneIds[0]!, note, cause: 'customer' });
    await runHubSpotWriteBack(ctx, w.deps);

    expect(companyProps(w)).toMatchObject({ thread_health: 'at_risk', thread_current_milestone: 'Kickoff' });
    const [blocked] = notesOn(w);
    expect(blocked!.properties.hs_note_body).toBe(
      '<p><strong>Thread onboarding:</strong> milestone “Kickoff” is blocked by Casey Morgan.</p>' +
        '<p><strong>Note:</strong></p>' +
        '<p>Waiting for &lt;script&gt;alert(1)&lt;/script&gt; their IT team<br>Ticket IT-4821 &amp; SSO</p>',
    );

    await unblockMilestone(ctx, { ...asCsm(w), milestoneId: w.milestoneIds[0]! });
    await runHubSpotWriteBack(ctx, w.deps);
    expect(companyProps(w).thread_health).toBe('on_track');
    expect(notesOn(w)).toHaveLength(1);
  });

  it('going live writes the actual go-live date, the live status and a go-live note', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    for (const milestoneId of w.milestoneIds)
      await completeMilestone(ctx, { ...asCsm(w), milestoneId, overrideReason: 'done on a call' });
    await runHubSpotWriteBack(ctx, w.deps);

    expect(companyProps(w)).toMatchObject({
      thread_onboarding_status: 'live',
      thread_actual_go_live: '2026-03-02',
      thread_progress_pct: '100',
      thread_current_milestone: '',
      thread_health: 'on_track',
    });
    const bodies = notesOn(w).map((n) => String(n.properties.hs_note_body));
    expect(bodies).toHaveLength(4);
    expect(bodies.at(-1)).toBe(
      '<p><strong>Thread onboarding:</strong> Acme Corp went live on 2 March 2026. Time to value: 1 business day.</p>',
    );
  });

  it('accounts without a company cost nothing: no work, no HubSpot call', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);
    const unlinked = await createAccount(ctx, {
      organizationId: w.organizationId,
      name: 'No Company Ltd',
      templateName: 'Onboarding',
      kickoffDate: '2026-03-02',
      actor: 'cli',
    });
    const milestone = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: unlinked.id, position: 0 } });
    await completeMilestone(ctx, {
      organizationId: w.organizationId,
      actor: 'cli',
      milestoneId: milestone.id,
      overrideReason: 'done',
    });
    const calls = fake.calls.length;
    await runHubSpotWriteBack(ctx, w.deps);
    expect(fake.calls.length).toBe(calls);
    expect(await t.db.prisma.hubSpotCompanyWrite.count()).toBe(0);
    expect(await t.db.prisma.hubSpotNote.count()).toBe(0);
  });

  it('organisations without HubSpot cost nothing: the run asks for the connected ones and touches no table', async () => {
    await setUpTeam(ctx);
    const untouchable = new Proxy(
      {},
      {
        get(_target, key) {
          throw new Error(`the write-back touched the database (${String(key)}) with nothing connected`);
        },
      },
    ) as ServiceContext['prisma'];
    let asked = 0;
    const report = await runHubSpotWriteBack(
      { ...ctx, prisma: untouchable },
      {
        connectedOrganizations: async () => {
          asked += 1;
          return [];
        },
        previewLinks: { publicUrl: PUBLIC_URL, secret: Buffer.alloc(32) },
        holder: 'test',
      },
    );
    expect(report.organizations).toEqual([]);
    expect(asked).toBe(1);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('when HubSpot fails', () => {
  it('a 500 that outlasts the SDK’s retries is retried on a later run with backoff; the note is written exactly once', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);
    await completeKickoff(w);
    fake.failNext({ status: 500, times: 3, match: /POST \/crm\/v3\/objects\/notes$/ });
    const failed = await runHubSpotWriteBack(ctx, w.deps);

    expect(failed.organizations[0]!.delivered!.failed).toHaveLength(1);
    expect(notesOn(w)).toHaveLength(0);
    // The properties went through before the note failed.
    expect(companyProps(w).thread_current_milestone).toBe('Technical Setup');
    const status = await getHubSpotWriteBackStatus(ctx, { organizationId: w.organizationId });
    expect(status.lastWriteBackError?.message).toBe(
      'Writing Acme Corp to HubSpot failed: HubSpot answered with an error (500) while adding a note on company ' +
        `${w.companyId}, even after retrying. Thread tries again in 1 minute(s).`,
    );
    expect(status).toMatchObject({ accountsWaiting: 1, accountsRetrying: 1 });

    // Before the backoff has passed, a run leaves it alone.
    const calls = fake.calls.length;
    await runHubSpotWriteBack(ctx, w.deps);
    expect(fake.calls.length).toBe(calls);

    ctx.advance(retryDelayMs(1));
    await runHubSpotWriteBack(ctx, w.deps);
    expect(notesOn(w)).toHaveLength(1);
    await runHubSpotWriteBack(ctx, w.deps);
    expect(notesOn(w)).toHaveLength(1);
    const after = await getHubSpotWriteBackStatus(ctx, { organizationId: w.organizationId });
    expect(after).toMatchObject({ lastWriteBackError: null, lastWriteBackAt: ctx.now(), accountsWaiting: 0 });
  });

  it('a single 500 is retried by the SDK within the run, and the note is written once', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await completeKickoff(w);
    fake.failNext({ status: 500, times: 1, match: /POST \/crm\/v3\/objects\/notes$/ });
    await runHubSpotWriteBack(ctx, w.deps);
    expect(noteCreates()).toHaveLength(2);
    expect(notesOn(w)).toHaveLength(1);
  });

  it('backs off longer after each failure, and a company HubSpot no longer has is said in words', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await linkHubSpotCompany(ctx, { ...asCsm(w), accountId: w.accountId, companyId: '999999' });
    await runHubSpotWriteBack(ctx, w.deps);
    const status = await getHubSpotWriteBackStatus(ctx, { organizationId: w.organizationId });
    expect(status.lastWriteBackError?.message).toBe(
      'Writing Acme Corp to HubSpot failed: HubSpot has no company 999999 (it may have been merged or deleted): ' +
        'link Acme Corp to its company again. Thread tries again in 1 minute(s).',
    );
    ctx.advance(retryDelayMs(1));
    await runHubSpotWriteBack(ctx, w.deps);
    expect(
      (await getHubSpotWriteBackStatus(ctx, { organizationId: w.organizationId })).lastWriteBackError?.message,
    ).toMatch(/tries again in 2 minute\(s\)\.$/);
    // Linked to the right company again: the next due run writes it and the error clears.
    await linkHubSpotCompany(ctx, { ...asCsm(w), accountId: w.accountId, companyId: w.companyId });
    ctx.advance(retryDelayMs(2));
    await runHubSpotWriteBack(ctx, w.deps);
    expect(companyProps(w).thread_onboarding_status).toBe('active');
    expect((await getHubSpotWriteBackStatus(ctx, { organizationId: w.organizationId })).lastWriteBackError).toBeNull();
  });
});

describe('several runs at once', () => {
  it('two runs racing write each account once and each note once', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await runHubSpotWriteBack(ctx, w.deps);
    const before = patches(w).length;
    await completeKickoff(w);
    await blockMilestone(ctx, {
      ...asCsm(w),
      milestoneId: w.milestoneIds[1]!,
      note: 'waiting on SSO',
      cause: 'customer',
    });

    const other = serviceContext(t.db, ctx.now());
    await Promise.all([
      runHubSpotWriteBack(ctx, w.deps),
      runHubSpotWriteBack(other, { ...w.deps, holder: 'another-process' }),
    ]);
    expect(patches(w).length - before).toBe(1);
    expect(notesOn(w)).toHaveLength(2);
    expect(noteCreates()).toHaveLength(2);
  });
});

describe('reading the audit trail', () => {
  // Needs a second connection holding a transaction open: PostgreSQL only (the embedded database has one).
  const onPostgres = testDatabaseKind() === 'postgres' ? it : it.skip;

  onPostgres(
    'an event is not passed while an older transaction is still open, and is written once it ends',
    async () => {
      const w = await buildWriteBackWorld(ctx, fake);
      await runHubSpotWriteBack(ctx, w.deps);
      // Another process's transaction, begun before the completion and still open: it could yet commit audit rows
      // ordered before the completion's, so the cursor must not move past them.
      const other = new pg.Client(t.db.connection);
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        await completeKickoff(w);
        await runHubSpotWriteBack(ctx, w.deps);
        expect(notesOn(w)).toHaveLength(0);
        await other.query('COMMIT');
        await runHubSpotWriteBack(ctx, w.deps);
        expect(notesOn(w)).toHaveLength(1);
      } finally {
        await other.end();
      }
    },
  );
});

describe('the server’s scheduler', () => {
  it('runs the write-back as its own job every minute, only where it is wired', async () => {
    const w = await buildWriteBackWorld(ctx, fake);
    await completeKickoff(w);
    expect(hubspotWriteBackJob(ctx, w.deps).schedule).toBe('* * * * *');
    const deps = { notifier: silentNotifier, canNotify: false, draft: async () => {} };

    const without = createThreadScheduler({ ctx, deps, tickCron: '* * * * *' });
    await expect(without.trigger(HUBSPOT_WRITE_BACK_JOB_ID)).rejects.toMatchObject({ code: 'not_found' });
    await without.stop();

    const scheduler = createThreadScheduler({ ctx, deps, tickCron: '* * * * *', hubspotWriteBack: w.deps });
    await expect(scheduler.trigger(HUBSPOT_WRITE_BACK_JOB_ID)).resolves.toMatchObject({ status: 'ran' });
    await scheduler.stop();
    expect(notesOn(w)).toHaveLength(1);
    expect(companyProps(w).thread_current_milestone).toBe('Technical Setup');
  });
});
