/**
 * Batch execution across accounts: each action is sent once and recorded, what waits on it is released once per
 * account, racing batches never send twice, one refused recipient fails alone, a person who may not change one
 * of the accounts is refused before anything is sent, and a window whose claims the recovery sweep took back
 * meanwhile sends nothing more. The statement count shows that nothing is done per action that could be done
 * once per window.
 */
import pg from 'pg';
import { createAccount } from '../../../src/services/accounts/create-account';
import { draftAction } from '../../../src/services/drafting/draft-action';
import { executeBatch } from '../../../src/services/execution/execute-batch';
import { recoverStuckExecutions } from '../../../src/services/execution/recover-stuck-executions';
import { readSendRecord } from '../../../src/services/execution/send-record';
import { fireAction } from '../../support/plan-steps';
import { RecordingNotifier } from '../../support/recording-notifier';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { header, useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { depsFor, FIXED_NOW, seedAccount } from './execution-fixtures';

const t = useTestDatabase();
const smtp = useSmtpCapture();

const ACCOUNTS = ['Northwind Logistics', 'Helios Health', 'Brightline Analytics'] as const;

async function setup() {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const seeded = await seedAccount(ctx);
  const notifier = new RecordingNotifier();
  const deps = depsFor(ctx, smtp.url, { notifier });
  const idOf = async (key: string, account: string) =>
    (
      await ctx.prisma.action.findFirstOrThrow({
        where: { key, account: { organizationId: seeded.organizationId, name: account } },
      })
    ).id;
  /** The account's action fired by the scheduler and drafted (announced elsewhere, not to `notifier`). */
  const ready = async (key: string, account: string) => {
    const id = await idOf(key, account);
    await fireAction(ctx, id);
    await draftAction(ctx, { ...deps, notifier: new RecordingNotifier() }, { actionId: id });
    return id;
  };
  return { ctx, seeded, deps, notifier, idOf, ready };
}

const statusOf = async (ids: string[]) =>
  (await t.db.prisma.action.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }))
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((a) => a.status);

test('a batch across three accounts sends each email once, and in each account the action waiting on it fires next', async () => {
  const { ctx, seeded, deps, notifier, idOf, ready } = await setup();
  const welcomes = [];
  for (const account of ACCOUNTS) welcomes.push(await ready('welcome-email', account));
  const prep = await ready('kickoff-prep', 'Northwind Logistics'); // an internal task: nothing to send
  const accountIds = await Promise.all(
    ACCOUNTS.map(async (name) => (await ctx.prisma.account.findFirstOrThrow({ where: { name } })).id),
  );

  const result = await executeBatch(ctx, deps, { actionIds: [...welcomes, prep], ...seeded.asCsm });
  deps.mailerClose();

  expect(result).toEqual({ total: 4, done: 4, sent: 4, skipped: 0, failures: [] });
  expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([
    'lena.fischer@brightline-analytics.com',
    'maria.anders@northwindlogistics.io',
    'sam.okafor@helioshealth.co',
  ]);
  expect(await statusOf([...welcomes, prep])).toEqual(['executed', 'executed', 'executed', 'executed']);
  for (const id of welcomes) {
    const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id } });
    const record = readSendRecord(action.executionRecord);
    expect(record?.state).toBe('sent');
    expect(smtp.messages.map((m) => header(m.raw, 'Message-ID'))).toContain(record?.messageId);
    const audit = await ctx.prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { at: 'asc' } });
    expect(audit.filter((a) => a.fromState === 'ready' && a.toState === 'executing')).toHaveLength(1);
    expect(audit.filter((a) => a.fromState === 'executing' && a.toState === 'executed')).toHaveLength(1);
  }
  // Each account's kickoff questionnaire waits on its welcome email: released by the batch, it fires.
  for (const account of ACCOUNTS) {
    const questionnaire = await idOf('kickoff-questionnaire', account);
    expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: questionnaire } })).dueAt).not.toBeNull();
    await fireAction(ctx, questionnaire);
  }
  // The cards of the sent actions are refreshed, and each account's App Home once (Northwind's had two actions).
  const calls = (method: string) => notifier.log.filter((c) => c.method === method).map((c) => c.args[0]);
  expect(calls('actionChanged').sort()).toEqual([...welcomes, prep].sort());
  expect(calls('accountChanged').sort()).toEqual([...accountIds].sort());
});

test('a batch runs the same number of statements for one action as for several across accounts', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const one = [await ready('welcome-email', 'Northwind Logistics')];
  const several = [
    await ready('welcome-email', 'Helios Health'),
    await ready('welcome-email', 'Brightline Analytics'),
    await ready('kickoff-prep', 'Helios Health'),
  ];
  const statements = async (ids: string[]) => {
    let count = 0;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      count += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const result = await executeBatch(ctx, deps, { actionIds: ids, ...seeded.asCsm });
      expect(result.sent).toBe(ids.length);
    } finally {
      pg.Client.prototype.query = query;
    }
    return count;
  };
  const forOne = await statements(one);
  const forSeveral = await statements(several);
  deps.mailerClose();
  expect(smtp.messages).toHaveLength(3);
  expect(forSeveral).toBe(forOne);
});

test('two batches racing over the same actions send each action once', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const ids = [];
  for (const account of ACCOUNTS) ids.push(await ready('welcome-email', account));
  ids.push(await ready('kickoff-prep', 'Northwind Logistics'));
  const other = depsFor(ctx, smtp.url);

  const [first, second] = await Promise.all([
    executeBatch(ctx, deps, { actionIds: ids, ...seeded.asCsm }),
    executeBatch(ctx, other, { actionIds: [...ids].reverse(), ...seeded.asCsm }),
  ]);
  deps.mailerClose();
  other.mailerClose();

  expect(first.failures).toEqual([]);
  expect(second.failures).toEqual([]);
  expect(first.sent + second.sent).toBe(ids.length);
  expect(first.skipped + second.skipped).toBe(ids.length);
  expect(smtp.messages).toHaveLength(3);
  expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(3);
  const actions = await ctx.prisma.action.findMany({ where: { id: { in: ids } } });
  expect(actions.map((a) => [a.status, a.attempts])).toEqual(ids.map(() => ['executed', 1]));
});

test('a recipient the mail server refuses fails alone: the others are recorded, it is Ready again with the error', async () => {
  const { ctx, seeded, deps, idOf, ready } = await setup();
  const ids = [];
  for (const account of ACCOUNTS) ids.push(await ready('welcome-email', account));
  smtp.refusedRecipients.set('sam.okafor@helioshealth.co', 'mailbox unavailable');

  const result = await executeBatch(ctx, deps, { actionIds: ids, ...seeded.asCsm });
  deps.mailerClose();

  expect(result).toMatchObject({ total: 3, done: 3, sent: 2, skipped: 0 });
  expect(result.failures).toEqual([{ actionId: ids[1], error: expect.stringContaining('mailbox unavailable') }]);
  expect(smtp.messages).toHaveLength(2);
  expect(await statusOf(ids)).toEqual(['executed', 'ready', 'executed']);
  const refused = await ctx.prisma.action.findUniqueOrThrow({ where: { id: ids[1] } });
  expect(refused.lastError).toContain('mailbox unavailable');
  expect(refused.attempts).toBe(1);
  expect(readSendRecord(refused.executionRecord)?.state).toBe('failed');
  // Only the accounts whose email left release what waits on it.
  const released = await Promise.all(
    ACCOUNTS.map(
      async (account) =>
        (await ctx.prisma.action.findUniqueOrThrow({ where: { id: await idOf('kickoff-questionnaire', account) } }))
          .dueAt !== null,
    ),
  );
  expect(released).toEqual([true, false, true]);
});

test("a batch with another CSM's account in it is refused whole before anything is sent", async () => {
  const { ctx, seeded, ready } = await setup();
  const template = await ctx.prisma.template.findFirstOrThrow({ where: { organizationId: seeded.organizationId } });
  await createAccount(ctx, {
    organizationId: seeded.organizationId,
    name: 'Other Co',
    templateName: template.name,
    contact: { email: 'pat@other.co', name: 'Pat Lee' },
    kickoffDate: FIXED_NOW.toISOString().slice(0, 10),
    csmSlackUserId: 'U0CSM00002',
    actor: 'cli',
  });
  const ids = [await ready('welcome-email', 'Northwind Logistics'), await ready('welcome-email', 'Other Co')];
  const deps = depsFor(ctx, smtp.url);

  const refused = await refusal(executeBatch(ctx, deps, { actionIds: ids, ...seeded.asCsm }));
  deps.mailerClose();

  expect(refused).toMatchObject({ code: 'forbidden' });
  expect(refused.message).toContain('Other Co');
  expect(smtp.messages).toHaveLength(0);
  const actions = await ctx.prisma.action.findMany({ where: { id: { in: ids } } });
  expect(actions.map((a) => [a.status, a.attempts])).toEqual([
    ['ready', 0],
    ['ready', 0],
  ]);
});

test('a window whose sends are slow renews its claims, and sends nothing the recovery sweep took back meanwhile', async () => {
  const { ctx, seeded, ready } = await setup();
  const ids = [await ready('welcome-email', 'Northwind Logistics'), await ready('welcome-email', 'Helios Health')];
  // The first send takes a quarter of an hour, and meanwhile another process's sweep finds the window's claims
  // stuck: both go back to Ready, the one sent included (its send completes and is recorded all the same).
  const deps = depsFor(ctx, smtp.url, {
    afterSend: async (actionId) => {
      if (actionId !== ids[0]) return;
      ctx.advance(15 * 60_000);
      await recoverStuckExecutions(ctx, { notifier: new RecordingNotifier() });
    },
  });

  const result = await executeBatch(ctx, deps, { actionIds: ids, ...seeded.asCsm });
  deps.mailerClose();

  expect(result).toMatchObject({ total: 2, done: 2, sent: 1, skipped: 0 });
  expect(result.failures).toEqual([{ actionId: ids[1], error: expect.stringContaining('claim ran out') }]);
  expect(smtp.messages.map((m) => m.to[0])).toEqual(['maria.anders@northwindlogistics.io']);
  const [sent, held] = await Promise.all(ids.map((id) => ctx.prisma.action.findUniqueOrThrow({ where: { id } })));
  expect([sent!.status, readSendRecord(sent!.executionRecord)?.state]).toEqual(['executed', 'sent']);
  expect(held!.status).toBe('ready');
});
