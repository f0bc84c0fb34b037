import { Writable } from 'node:stream';
import { createAnthropicDrafter } from '../../../src/connectors/anthropic/anthropic-drafter';
import { createLogger } from '../../../src/lib/logger';
import { draftAction } from '../../../src/services/drafting/draft-action';
import { removeContact } from '../../../src/services/contacts/remove-contact';
import { redraftAction } from '../../../src/services/drafting/redraft-action';
import { requestChanges } from '../../../src/services/review/request-changes';
import { readLintFindings } from '../../../src/services/json/stored-json';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic';
import { useTestDatabase } from '../../support/test-database';
import { depsFor, FIXED_NOW, seedAccount } from '../execution/execution-fixtures';
import { fireAction } from '../../support/plan-steps';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setDefault({
    kind: 'good',
    subject: 'Welcome, Maria: getting Northwind Logistics live',
    body: 'Hi Maria,\n\nWelcome to onboarding for Northwind Logistics: {{portal_link}}\n\nJamie',
  });
});

const drafter = (maxRetries = 3) =>
  createAnthropicDrafter({ apiKey: 'sk-test', baseUrl: fake.url, model: 'claude-test', maxRetries, timeoutMs: 5000 });

async function readyAction(key = 'welcome-email') {
  const ctx = serviceContext(t.db, FIXED_NOW);
  const seeded = await seedAccount(ctx);
  const actionId = await seeded.actionId(key);
  await fireAction(ctx, actionId);
  return { ctx, seeded, actionId };
}

describe('offline drafting', () => {
  test('renders the template content with every placeholder filled and the portal link left for send time', async () => {
    const { ctx, actionId } = await readyAction();
    const result = await draftAction(ctx, depsFor(ctx, null), { actionId });
    expect(result.draftedBy).toBe('template');
    expect(result.draftSubject).toBe("Welcome to onboarding, Maria: let's get Northwind Logistics live");
    expect(result.draftBody).toContain("I'm Jamie Rivera");
    expect(result.draftBody).toContain('{{portal_link}}');
    expect(result.draftBody).not.toMatch(/\{\{(?!portal_link)/);
    expect(result.lintFindings.filter((f) => f.severity === 'error')).toEqual([]);
    const stored = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(stored).toMatchObject({
      draftSubject: result.draftSubject,
      draftBody: result.draftBody,
      draftedBy: 'template',
      status: 'ready',
    });
  });

  test('without portal links the portal link placeholder is a blocking finding stored with the draft', async () => {
    const { ctx, actionId } = await readyAction();
    await draftAction(ctx, { ...depsFor(ctx, null), portalLinks: undefined }, { actionId });
    const stored = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    const findings = readLintFindings(stored.lintFindings, actionId);
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'unfilled_placeholder', severity: 'error', excerpt: '{{portal_link}}' }),
    );
  });

  test('with no contact in the template context the placeholder stays and the lint blocks it', async () => {
    const { ctx, seeded, actionId } = await readyAction();
    // The CSM removes Northwind's only contact (no portal request is open, so it may go).
    const contacts = await ctx.prisma.contact.findMany({ where: { accountId: seeded.accountId } });
    for (const contact of contacts) await removeContact(ctx, { ...seeded.asCsm, contactId: contact.id });
    const result = await draftAction(ctx, depsFor(ctx, null), { actionId });
    expect(result.draftSubject).toContain('{{contact.first_name}}');
    expect(result.lintFindings.map((f) => f.excerpt)).toContain('{{contact.first_name}}');
  });

  test('request changes without AI keeps the draft for editing and returns the action to Ready', async () => {
    const { ctx, seeded, actionId } = await readyAction();
    const deps = depsFor(ctx, null);
    const first = await draftAction(ctx, deps, { actionId });
    await requestChanges(ctx, { ...seeded.asCsm, actionId, note: 'Mention the SSO rollout' });
    const result = await redraftAction(ctx, deps, { actionId, note: 'Mention the SSO rollout' });
    expect(result).toMatchObject({ status: 'ready', regenerated: false, draftBody: first.draftBody });
    const stored = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(stored).toMatchObject({
      status: 'ready',
      reviewNote: 'Mention the SSO rollout',
      draftBody: first.draftBody,
    });
  });
});

describe('AI drafting against the Messages API', () => {
  test('a good answer is stored, drafted by the model, from a request with cached stable context and a forced tool', async () => {
    const { ctx, actionId } = await readyAction();
    const result = await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter() }, { actionId });
    expect(result).toMatchObject({
      draftedBy: 'ai:claude-test',
      draftSubject: 'Welcome, Maria: getting Northwind Logistics live',
    });
    expect(result.lintFindings.filter((f) => f.severity === 'error')).toEqual([]);

    expect(fake.requests).toHaveLength(1);
    const body = fake.requests[0]!.body as {
      model: string;
      system: { text: string; cache_control?: unknown }[];
      tool_choice: unknown;
      messages: { content: string }[];
    };
    expect(fake.requests[0]!.path).toBe('/v1/messages');
    expect(body.model).toBe('claude-test');
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'write_draft' });
    expect(body.system[1]!.cache_control).toEqual({ type: 'ephemeral' });
    expect(body.system[1]!.text).toContain('Company: Northwind Logistics');
    expect(body.system[1]!.text).toContain('Maria Anders');
    expect(body.system[1]!.text).toContain('Brand voice:');
    expect(body.messages[0]!.content).toContain('Warm and brief');
    expect(body.messages[0]!.content).toContain("I'm Jamie Rivera");
  });

  test('a malformed answer falls back to the template draft and says why', async () => {
    const { ctx, actionId } = await readyAction();
    fake.script({ kind: 'malformed' });
    const result = await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter() }, { actionId });
    expect(result.draftedBy).toBe('template');
    expect(result.aiFailure).toContain('malformed');
    const audit = await ctx.prisma.auditEvent.findFirst({
      where: { entityId: actionId, reason: { contains: 'AI drafting failed' } },
    });
    expect(audit).not.toBeNull();
  });

  test('an answer without the tool call falls back to the template draft', async () => {
    const { ctx, actionId } = await readyAction();
    fake.script({ kind: 'text_only' });
    const result = await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter() }, { actionId });
    expect(result.draftedBy).toBe('template');
    expect(result.aiFailure).toContain('no write_draft call');
  });

  test('429 is retried and the next answer is used', async () => {
    const { ctx, actionId } = await readyAction();
    fake.script({ kind: 'status', status: 429 });
    const result = await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter() }, { actionId });
    expect(result.draftedBy).toBe('ai:claude-test');
    expect(fake.requests).toHaveLength(2);
  });

  test('529 overloaded is retried; when it persists past the retries the template draft is used', async () => {
    const { ctx, actionId } = await readyAction();
    fake.script({ kind: 'status', status: 529 }, { kind: 'status', status: 529 });
    const retried = await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter() }, { actionId });
    expect(retried.draftedBy).toBe('ai:claude-test');
    expect(fake.requests).toHaveLength(3);

    fake.requests.length = 0;
    fake.setDefault({ kind: 'status', status: 529 });
    const fellBack = await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter(1) }, { actionId });
    expect(fake.requests).toHaveLength(2);
    expect(fellBack.draftedBy).toBe('template');
    expect(fellBack.aiFailure).toContain('HTTP 529');
  });

  test('request changes sends the note and the returned draft to the AI and stores the new draft', async () => {
    const { ctx, actionId } = await readyAction();
    const deps = { ...depsFor(ctx, null), drafter: drafter() };
    await draftAction(ctx, deps, { actionId });
    fake.script({
      kind: 'good',
      subject: 'Shorter welcome for Northwind Logistics',
      body: 'Hi Maria, welcome to Northwind Logistics onboarding: {{portal_link}}',
    });
    const result = await redraftAction(ctx, deps, { actionId, note: 'Make it much shorter' });
    expect(result).toMatchObject({
      status: 'ready',
      regenerated: true,
      draftSubject: 'Shorter welcome for Northwind Logistics',
    });
    const last = fake.requests.at(-1)!.body as { messages: { content: string }[] };
    expect(last.messages[0]!.content).toContain('The CSM asks for these changes: Make it much shorter');
    expect(last.messages[0]!.content).toContain('Welcome, Maria: getting Northwind Logistics live');
    const stored = await ctx.prisma.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(stored).toMatchObject({
      status: 'ready',
      draftSubject: 'Shorter welcome for Northwind Logistics',
      reviewNote: 'Make it much shorter',
    });
  });

  test('no customer data reaches the logs when AI drafting fails', async () => {
    const { actionId } = await readyAction();
    let logged = '';
    const sink = new Writable({ write: (chunk, _enc, done) => void ((logged += String(chunk)), done()) });
    const ctx = { ...serviceContext(t.db, FIXED_NOW), logger: createLogger('trace', sink) };
    fake.script({ kind: 'malformed' });
    await draftAction(ctx, { ...depsFor(ctx, null), drafter: drafter() }, { actionId });
    expect(logged).toContain(actionId);
    expect(logged).not.toMatch(/Maria|Northwind|northwindlogistics/i);
  });
});
