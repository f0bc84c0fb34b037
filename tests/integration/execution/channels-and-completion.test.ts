import { createSlackMessenger } from '../../../src/connectors/slack-messages/slack-messenger';
import { draftAction } from '../../../src/services/drafting/draft-action';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { executeAction } from '../../../src/services/execution/execute-action';
import { executeBatch, type BatchProgress } from '../../../src/services/execution/execute-batch';
import { markCustomerResponded } from '../../../src/services/execution/mark-customer-responded';
import { sendTestMessage } from '../../../src/services/execution/send-test-message';
import { readSendRecord } from '../../../src/services/execution/send-record';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { header, useSmtpCapture } from '../../support/smtp-capture';
import { useTestDatabase } from '../../support/test-database';
import { depsFor, FIXED_NOW, PUBLIC_URL, seedAccount } from './execution-fixtures';
import { arrangeDeps, fireAction, publishAction } from '../../support/plan-steps';
import { serviceContext } from '../../support/service-context';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';

const t = useTestDatabase();
const smtp = useSmtpCapture();
const slack = new FakeSlackApi();

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
});

async function setup() {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const seeded = await seedAccount(ctx);
  const deps = depsFor(ctx, smtp.url, {
    slackMessenger: createSlackMessenger({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }),
  });
  /** Northwind's action (or another demo account's) fired by the scheduler and drafted. */
  const ready = async (key: string, account = 'Northwind Logistics') => {
    const id = (
      await ctx.prisma.action.findFirstOrThrow({
        where: { key, account: { organizationId: seeded.organizationId, name: account } },
      })
    ).id;
    await fireAction(ctx, id);
    await draftAction(ctx, deps, { actionId: id });
    return id;
  };
  return { ctx, seeded, deps, ready };
}

test('a portal request is published and the primary contact gets an email with the magic link', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  // The questionnaire follows the welcome email, sent first (through other ports: this test reads the second email).
  await publishAction(ctx, arrangeDeps(ctx, { publicUrl: PUBLIC_URL }), {
    ...seeded.asCsm,
    actionId: await seeded.actionId('welcome-email'),
  });
  const links = () => ctx.prisma.portalAccess.count({ where: { accountId: seeded.accountId } });
  const linksBefore = await links();
  const actionId = await ready('kickoff-questionnaire');
  const result = await executeAction(ctx, deps, { actionId, ...seeded.asCsm });
  deps.mailerClose();
  expect(result.outcome).toBe('executed');
  expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('executed');
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0]!.to).toEqual(['maria.anders@northwindlogistics.io']);
  expect(header(smtp.messages[0]!.raw, 'Subject')).toContain('Kickoff questionnaire for Northwind Logistics');
  expect(smtp.messages[0]!.raw.replace(/=\r?\n/g, '')).toContain(`${PUBLIC_URL}/portal/`);
  expect(await links()).toBe(linksBefore + 1);
});

test('a Slack message goes to the customer channel with its client_msg_id recorded, once', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const { organizationId } = await ctx.prisma.account.findUniqueOrThrow({ where: { id: seeded.accountId } });
  await setAccountChannels(ctx, {
    organizationId,
    actor: 'cli',
    accountId: seeded.accountId,
    customerChannelId: 'C0CUSTOMER',
  });
  const actionId = await ready('kickoff-day-message');
  const results = await Promise.all([1, 2, 3].map(() => executeAction(ctx, deps, { actionId, ...seeded.asCsm })));
  deps.mailerClose();
  expect(results.filter((r) => r.outcome === 'executed')).toHaveLength(1);
  const posts = slack.callsTo('chat.postMessage');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.args.channel).toBe('C0CUSTOMER');
  const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  const record = readSendRecord(action.executionRecord);
  expect(record?.state).toBe('sent');
  expect(posts[0]!.args.client_msg_id).toBe(record?.clientMsgId);
  expect(record?.slackTs).toMatch(/^\d+\.\d+$/);
  // The text is the draft with the contact's own portal link minted at send time.
  expect(action.draftBody).toContain('{{portal_link}}');
  expect(posts[0]!.args.text).toBe(
    action.draftBody!.replace('{{portal_link}}', String(posts[0]!.args.text).match(/https:\/\/\S+\/portal\/\S+/)![0]),
  );
});

test('"Send test to me" posts exactly the draft to the CSM and changes nothing', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const actionId = await ready('kickoff-day-message');
  await sendTestMessage(ctx, deps, { actionId, ...seeded.asCsm });
  deps.mailerClose();
  const [post] = slack.callsTo('chat.postMessage');
  const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(post!.args.channel).toBe('U0CSM00001');
  // A test never mints a working link for the customer: the placeholder is shown as a marker.
  expect(post!.args.text).toBe(
    action.draftBody!.replace('{{portal_link}}', '(the customer’s portal link goes here when sent)'),
  );
  expect(await ctx.prisma.portalAccess.count()).toBe(0);
  expect(action.status).toBe('ready');
});

test('a Slack message with no customer channel or Slack user is refused before anything changes', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const actionId = await ready('kickoff-day-message');
  await expect(executeAction(ctx, deps, { actionId, ...seeded.asCsm })).rejects.toMatchObject({
    code: 'validation_failed',
  });
  deps.mailerClose();
  expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('ready');
  expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
});

test('an internal task executes without sending and is completed by the Done button', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const actionId = await ready('kickoff-prep');
  expect((await executeAction(ctx, deps, { actionId, ...seeded.asCsm })).outcome).toBe('executed');
  expect(smtp.messages).toHaveLength(0);
  expect(await completeInternalTask(ctx, deps, { actionId, ...seeded.asCsm })).toEqual({
    actionId,
    status: 'completed',
  });
  deps.mailerClose();
  const action = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('completed');
  expect(action.completedAt).not.toBeNull();
});

test('"Customer responded" completes an executed email and records the engagement; it refuses one not yet sent', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const actionId = await ready('welcome-email');
  await expect(markCustomerResponded(ctx, deps, { actionId, ...seeded.asCsm })).rejects.toMatchObject({
    code: 'illegal_transition',
  });
  await executeAction(ctx, deps, { actionId, ...seeded.asCsm });
  deps.mailerClose();
  await markCustomerResponded(ctx, deps, { actionId, ...seeded.asCsm });
  expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } })).status).toBe('completed');
  expect(await ctx.prisma.engagementEvent.count({ where: { accountId: seeded.accountId, kind: 'email_reply' } })).toBe(
    1,
  );
});

test('a batch sends what it can, lists the failure, and reports progress after every action', async () => {
  const { ctx, seeded, deps, ready } = await setup();
  const welcome = await ready('welcome-email');
  const heliosWelcome = await ready('welcome-email', 'Helios Health');
  const slackMessage = await ready('kickoff-day-message'); // no customer channel: fails
  const prep = await ready('kickoff-prep');
  const seen: BatchProgress[] = [];
  const result = await executeBatch(ctx, deps, {
    actionIds: [welcome, slackMessage, heliosWelcome, prep],
    ...seeded.asCsm,
    onProgress: (p) => void seen.push(p),
  });
  deps.mailerClose();
  expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4]);
  expect(result).toMatchObject({ total: 4, done: 4, sent: 3, skipped: 0 });
  expect(result.failures).toEqual([
    { actionId: slackMessage, error: expect.stringContaining('no customer Slack channel') },
  ]);
  expect(smtp.messages).toHaveLength(2);
  expect((await ctx.prisma.action.findUniqueOrThrow({ where: { id: slackMessage } })).status).toBe('ready');
});

test('a batch spaces emails by the SMTP pacing', async () => {
  const { ctx, seeded, ready } = await setup();
  const deps = depsFor(ctx, smtp.url, { pacing: { emailMs: 150, slackPerChannelMs: 0 } });
  const ids = [await ready('welcome-email'), await ready('welcome-email', 'Helios Health')];
  const started = performance.now();
  await executeBatch(ctx, deps, { actionIds: ids, ...seeded.asCsm });
  deps.mailerClose();
  expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  expect(smtp.messages).toHaveLength(2);
});
