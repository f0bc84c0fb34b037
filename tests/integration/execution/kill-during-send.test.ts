/**
 * Exactly once across a real crash: a separate Thread process (execute-and-die.ts) claims an email action in an
 * embedded database on disk and is SIGKILLed mid-execution; this process then "restarts" Thread on the same data
 * directory (taking over the dead process's lock), runs the recovery sweep, and the CSM retries.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../../src/db/client';
import { draftAction } from '../../../src/services/drafting/draft-action';
import { executeAction } from '../../../src/services/execution/execute-action';
import { recoverStuckExecutions } from '../../../src/services/execution/recover-stuck-executions';
import { readSendRecord } from '../../../src/services/execution/send-record';
import { header, useSmtpCapture } from '../../support/smtp-capture';
import { ROOT } from '../../support/run-thread';
import { depsFor, FIXED_NOW, seedAccount } from './execution-fixtures';
import { fireAction } from '../../support/plan-steps';
import { serviceContext } from '../../support/service-context';

const smtp = useSmtpCapture();

jest.setTimeout(180_000);

// node with tsx's loader rather than node_modules/.bin/tsx: that wrapper runs the script in a grandchild and
// reports its SIGKILL as exit code 137, and the lock would name the grandchild; here the killed process is the child.
const NODE_WITH_TSX = [process.execPath, '--import', 'tsx'] as const;
const CHILD = path.join(__dirname, 'execute-and-die.ts');
const minutesLater = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * 60_000);

let dataDir: string;
let db: Database | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-kill-'));
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * A data directory holding the demo, with the welcome email of Northwind (and of the other demo accounts named)
 * Ready and drafted; closed afterwards.
 */
async function prepareDataDir(
  others: string[] = [],
): Promise<{ actionId: string; actionIds: string[]; csmUserId: string; organizationId: string }> {
  const prepared = await openDatabase({ dataDir, migrate: true });
  try {
    const ctx = serviceContext(prepared, FIXED_NOW);
    const seeded = await seedAccount(ctx);
    const actionId = await seeded.actionId('welcome-email');
    const actionIds = [actionId];
    for (const name of others) {
      const other = await prepared.prisma.action.findFirstOrThrow({
        where: { key: 'welcome-email', account: { organizationId: seeded.organizationId, name } },
      });
      actionIds.push(other.id);
    }
    const deps = depsFor(ctx, smtp.url);
    for (const id of actionIds) {
      await fireAction(ctx, id);
      await draftAction(ctx, deps, { actionId: id });
    }
    deps.mailerClose();
    return { actionId, actionIds, csmUserId: seeded.csmUserId, organizationId: seeded.organizationId };
  } finally {
    await prepared.close();
  }
}

/** Runs the child Thread on the data directory; resolves with how it ended and its pid. */
function executeInChild(organizationId: string, actionId: string, csmUserId: string, killAt: 'claim' | 'send') {
  // actionId: several ids joined by commas make the child execute them as a batch.
  const child = spawn(
    NODE_WITH_TSX[0],
    [...NODE_WITH_TSX.slice(1), CHILD, organizationId, actionId, csmUserId, killAt, minutesLater(1).toISOString()],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        THREAD_DATA_DIR: dataDir,
        SMTP_URL: smtp.url,
        EMAIL_FROM: 'Thread <onboarding@vendor-co.io>',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ pid: child.pid!, code, signal, stderr }));
    },
  );
}

/** The lock a Thread process leaves in the data directory when it is killed (the next open must take it over). */
async function lockOwner(): Promise<number> {
  return (JSON.parse(await readFile(path.join(dataDir, 'db', 'thread.lock.json'), 'utf8')) as { pid: number }).pid;
}

test('a process killed between claim and send, then restarted, sends the email once', async () => {
  const { actionId, csmUserId, organizationId } = await prepareDataDir();

  const died = await executeInChild(organizationId, actionId, csmUserId, 'claim');
  // stderr in the comparison so that a child that failed otherwise shows why.
  expect({ signal: died.signal, stderr: died.stderr }).toMatchObject({ signal: 'SIGKILL' });
  expect(smtp.messages).toHaveLength(0);
  expect(await lockOwner()).toBe(died.pid);

  // The restart: the same data directory, opened by this process.
  db = await openDatabase({ dataDir, migrate: true });
  const ctx = serviceContext(db, minutesLater(2));
  let action = await db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('executing');
  const claimed = readSendRecord(action.executionRecord);
  expect(claimed?.state).toBe('sending');

  const deps = depsFor(ctx, smtp.url);
  try {
    expect(await recoverStuckExecutions(ctx, deps)).toEqual([]);
    const recovered = await recoverStuckExecutions(serviceContext(db, minutesLater(15)), deps);
    expect(recovered.map((r) => r.actionId)).toEqual([actionId]);
    expect(smtp.messages).toHaveLength(0);
    action = await db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe('ready');
    expect(action.lastError).toContain('may or may not have reached the customer');
    expect(action.lastError).toContain(claimed!.messageId!);

    // The CSM retries: one email in total, and the action is executed.
    const later = serviceContext(db, minutesLater(16));
    expect((await executeAction(later, deps, { organizationId, actionId, actor: { userId: csmUserId } })).outcome).toBe(
      'executed',
    );
    expect(await recoverStuckExecutions(serviceContext(db, minutesLater(60)), deps)).toEqual([]);
  } finally {
    deps.mailerClose();
  }
  expect(smtp.messages).toHaveLength(1);
  action = await db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('executed');
  expect(readSendRecord(action.executionRecord)?.state).toBe('sent');
});

test('a process killed after the SMTP server accepted the email, then restarted, does not send it again by itself', async () => {
  const { actionId, csmUserId, organizationId } = await prepareDataDir();

  const died = await executeInChild(organizationId, actionId, csmUserId, 'send');
  // stderr in the comparison so that a child that failed otherwise shows why.
  expect({ signal: died.signal, stderr: died.stderr }).toMatchObject({ signal: 'SIGKILL' });
  expect(smtp.messages).toHaveLength(1);
  expect(await lockOwner()).toBe(died.pid);

  db = await openDatabase({ dataDir, migrate: true });
  let action = await db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('executing');
  const claimed = readSendRecord(action.executionRecord);
  expect(claimed?.state).toBe('sending');
  // The Message-ID recorded before sending is the one the customer received: the CSM can look for it.
  expect(header(smtp.messages[0]!.raw, 'Message-ID')).toBe(claimed!.messageId);

  const deps = depsFor(serviceContext(db, FIXED_NOW), smtp.url);
  try {
    const recovered = await recoverStuckExecutions(serviceContext(db, minutesLater(15)), deps);
    expect(recovered.map((r) => r.actionId)).toEqual([actionId]);
    expect(await recoverStuckExecutions(serviceContext(db, minutesLater(60)), deps)).toEqual([]);
  } finally {
    deps.mailerClose();
  }
  expect(smtp.messages).toHaveLength(1);
  action = await db.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
  expect(action.status).toBe('ready');
  expect(action.lastError).toContain('may or may not have reached the customer');
  expect(action.lastError).toContain(claimed!.messageId!);
  expect(readSendRecord(action.executionRecord)?.state).toBe('unknown');
});

test('a process killed mid-batch, after its first email was accepted, then restarted, sends nothing again by itself', async () => {
  const { actionIds, csmUserId, organizationId } = await prepareDataDir(['Helios Health', 'Brightline Analytics']);

  const died = await executeInChild(organizationId, actionIds.join(','), csmUserId, 'send');
  expect({ signal: died.signal, stderr: died.stderr }).toMatchObject({ signal: 'SIGKILL' });
  expect(smtp.messages).toHaveLength(1);

  db = await openDatabase({ dataDir, migrate: true });
  // The batch's window was claimed whole before its first send: every action of it is left executing, 'sending'.
  const claimed = await db.prisma.action.findMany({ where: { id: { in: actionIds } } });
  expect(claimed.map((a) => [a.status, readSendRecord(a.executionRecord)?.state])).toEqual(
    actionIds.map(() => ['executing', 'sending']),
  );
  const messageIds = new Map(claimed.map((a) => [a.id, readSendRecord(a.executionRecord)!.messageId!]));
  const delivered = header(smtp.messages[0]!.raw, 'Message-ID');
  expect([...messageIds.values()]).toContain(delivered);

  const deps = depsFor(serviceContext(db, FIXED_NOW), smtp.url);
  try {
    const recovered = await recoverStuckExecutions(serviceContext(db, minutesLater(15)), deps);
    expect(recovered.map((r) => r.actionId).sort()).toEqual([...actionIds].sort());
    expect(await recoverStuckExecutions(serviceContext(db, minutesLater(60)), deps)).toEqual([]);
  } finally {
    deps.mailerClose();
  }
  // Nothing is resent by Thread: each action is Ready with its own Message-ID to look for, for the CSM to decide.
  expect(smtp.messages).toHaveLength(1);
  for (const action of await db.prisma.action.findMany({ where: { id: { in: actionIds } } })) {
    expect(action.status).toBe('ready');
    expect(action.lastError).toContain('may or may not have reached the customer');
    expect(action.lastError).toContain(messageIds.get(action.id));
  }
});
