import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createLogger } from '../../../src/lib/logger';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { buildPortalApp, buildPortalFixture, countNewSubmissions, csrfFrom } from './portal-fixture';

const t = useTestDatabase();
const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'thread-portal-forms-'));
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

const VALID = {
  sso_provider: 'Okta',
  idp_metadata_url: 'https://acme.okta.com/app/exk1/sso/saml/metadata',
  it_admin_email: 'It.Admin@Northwind.io',
  scim_provisioning: 'yes',
  technical_notes: 'Change freeze in <b>December</b> <script>alert(1)</script>',
};

async function openForm(f: { token: string; formActionId: string }, app: Parameters<typeof request.agent>[0]) {
  const agent = request.agent(app);
  const page = await agent.get(`/portal/${f.token}/requests/${f.formActionId}`).expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

describe('POST /portal/:token/requests/:actionId (forms)', () => {
  it('stores a valid submission, completes the action through the state machine and tells the CSM', async () => {
    const f = await buildPortalFixture(ctx);
    const notifier = new RecordingNotifier();
    const { app } = buildPortalApp({ ctx, uploadDir, notifier });
    const { agent, csrf } = await openForm(f, app);

    const res = await agent
      .post(`/portal/${f.token}/requests/${f.formActionId}`)
      .type('form')
      .send({ _csrf: csrf, ...VALID })
      .expect(303);
    expect(res.headers.location).toBe(`/portal/${f.token}?answered=${f.formActionId}`);

    const submission = await t.db.prisma.submission.findFirstOrThrow({ where: { actionId: f.formActionId } });
    expect(submission).toMatchObject({
      kind: 'form',
      contactId: f.contactId,
      accountId: f.accountId,
      reviewedAt: null,
    });
    expect(submission.createdAt.toISOString()).toBe(ctx.now().toISOString());
    expect(submission.data).toEqual({
      sso_provider: 'Okta',
      idp_metadata_url: 'https://acme.okta.com/app/exk1/sso/saml/metadata',
      it_admin_email: 'it.admin@northwind.io',
      scim_provisioning: true,
      technical_notes: 'Change freeze in <b>December</b> <script>alert(1)</script>',
    });
    const action = await t.db.prisma.action.findUniqueOrThrow({ where: { id: f.formActionId } });
    expect(action.status).toBe('completed');
    expect(action.completedAt?.toISOString()).toBe(ctx.now().toISOString());
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'action', entityId: f.formActionId, toState: 'completed' },
    });
    expect(audit).toMatchObject({ actor: `customer:${f.contactId}`, fromState: 'executed', toState: 'completed' });
    const submitted = await t.db.prisma.engagementEvent.findMany({
      where: { kind: 'form_submitted', contactId: f.contactId },
    });
    expect(submitted.filter((e) => (e.data as { actionId?: string }).actionId === f.formActionId)).toHaveLength(1);

    expect(notifier.calls('actionChanged')).toEqual([[f.formActionId]]);
    // The CSM is told the facts; how they look in Slack (escaped, with the review buttons) is the Slack side's test.
    expect(notifier.calls('portalAnswerReceived').map(([answer]) => answer)).toEqual([
      {
        submissionId: submission.id,
        accountId: f.accountId,
        accountName: 'Northwind Logistics',
        actionId: f.formActionId,
        actionName: 'Technical details form',
        contactName: 'Maria Anders',
        answer: {
          kind: 'form',
          answers: [
            { label: 'Identity provider', value: 'Okta' },
            { label: 'SAML metadata URL', value: 'https://acme.okta.com/app/exk1/sso/saml/metadata' },
            { label: 'Email address of the IT administrator we should work with', value: 'it.admin@northwind.io' },
            { label: 'Provision and deprovision users automatically (SCIM)', value: 'Yes' },
            {
              label: 'Anything else we should know about your environment?',
              value: 'Change freeze in <b>December</b> <script>alert(1)</script>',
            },
          ],
        },
      },
    ]);

    const home = await agent.get(res.headers.location!).expect(200);
    expect(home.text).toContain('We have received “Technical details form”');
    expect(home.text).not.toContain(`/requests/${f.formActionId}"`);
  });

  it('keeps what was typed and shows a message beside each bad field, storing nothing', async () => {
    const f = await buildPortalFixture(ctx);
    const notifier = new RecordingNotifier();
    const { app } = buildPortalApp({ ctx, uploadDir, notifier });
    const { agent, csrf } = await openForm(f, app);

    const res = await agent
      .post(`/portal/${f.token}/requests/${f.formActionId}`)
      .type('form')
      .send({
        _csrf: csrf,
        sso_provider: 'Something else',
        idp_metadata_url: 'javascript:alert(1)',
        it_admin_email: 'not-an-email"><script>x()</script>',
        technical_notes: 'typed <i>text</i>',
      })
      .expect(422);
    const body = res.text;
    expect(body).toContain('Please check your answers');
    expect(body).toMatch(
      /<p class="field__error" id="field-sso_provider-error">.*Please choose one of the options\.<\/p>/,
    );
    expect(body).toMatch(
      /<p class="field__error" id="field-idp_metadata_url-error">.*Please enter a web address starting with https:\/\/\.<\/p>/,
    );
    expect(body).toMatch(/<p class="field__error" id="field-it_admin_email-error">.*Please enter an email address/);
    expect(body).toContain('aria-invalid="true"');
    expect(body).toContain('href="#field-it_admin_email"');
    // What was typed comes back, escaped.
    expect(body).toContain('value="not-an-email&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"');
    expect(body).toContain('>typed &lt;i&gt;text&lt;/i&gt;</textarea>');
    expect(body).not.toContain('<script>x()');
    // The optional, untouched checkbox has no error.
    expect(body).not.toContain('field-scim_provisioning-error');

    expect(await countNewSubmissions(ctx, f)).toBe(0);
    expect((await t.db.prisma.action.findUniqueOrThrow({ where: { id: f.formActionId } })).status).toBe('executed');
    expect(notifier.calls('portalAnswerReceived')).toHaveLength(0);
  });

  it('names every missing required field', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf } = await openForm(f, app);
    const res = await agent
      .post(`/portal/${f.token}/requests/${f.formActionId}`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(422);
    expect(res.text.match(/Please fill in this field\./g)?.length).toBe(4); // two in the summary, two beside the fields
    expect(res.text).toContain('Identity provider: Please fill in this field.');
    expect(res.text).toContain('Email address of the IT administrator we should work with: Please fill in this field.');
  });

  it('refuses a post without the CSRF token, with a forged one, or without the cookie', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf } = await openForm(f, app);
    const url = `/portal/${f.token}/requests/${f.formActionId}`;
    await agent.post(url).type('form').send(VALID).expect(403);
    await agent
      .post(url)
      .type('form')
      .send({ _csrf: 'x'.repeat(43), ...VALID })
      .expect(403);
    const noCookie = await request(app)
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...VALID })
      .expect(403);
    expect(noCookie.text).toContain('Please try that again');
    expect(await countNewSubmissions(ctx, f)).toBe(0);
  });

  it('does not accept a CSRF token issued for another link', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf } = await openForm(f, app);
    const { createPortalLink } = await import('../../../src/services/portal/create-portal-link');
    const second = await createPortalLink(ctx, {
      organizationId: f.organizationId,
      accountId: f.accountId,
      actor: 'cli',
      publicUrl: 'http://portal.test',
    });
    const otherToken = second.url.split('/').pop()!;
    await agent
      .post(`/portal/${otherToken}/requests/${f.formActionId}`)
      .type('form')
      .send({ _csrf: csrf, ...VALID })
      .expect(403);
  });

  it('takes an answer once: a second post shows the request as done and stores nothing more', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf } = await openForm(f, app);
    const url = `/portal/${f.token}/requests/${f.formActionId}`;
    await agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...VALID })
      .expect(303);
    const again = await agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...VALID })
      .expect(303);
    expect(again.headers.location).toBe(url);
    expect(await countNewSubmissions(ctx, f)).toBe(1);
  });

  it("refuses forms for unpublished requests and for another account's requests", async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf } = await openForm(f, app);
    for (const id of [f.readyActionId, f.otherAccountActionId]) {
      await agent
        .post(`/portal/${f.token}/requests/${id}`)
        .type('form')
        .send({ _csrf: csrf, ...VALID })
        .expect(404);
    }
    expect(await countNewSubmissions(ctx, f)).toBe(0);
  });

  it('refuses a body over the size limit', async () => {
    const f = await buildPortalFixture(ctx);
    const { app } = buildPortalApp({ ctx, uploadDir });
    const { agent, csrf } = await openForm(f, app);
    const res = await agent
      .post(`/portal/${f.token}/requests/${f.formActionId}`)
      .type('form')
      .send({ _csrf: csrf, ...VALID, technical_notes: 'x'.repeat(70_000) })
      .expect(413);
    expect(res.text).toContain('That was too much to send at once');
    expect(await countNewSubmissions(ctx, f)).toBe(0);
  });

  it('keeps the submission when Slack fails, and logs the failure without the token', async () => {
    const f = await buildPortalFixture(ctx);
    const notifier = new RecordingNotifier();
    notifier.failWith('portalAnswerReceived', new Error('slack is down'));
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const { app } = buildPortalApp({ ctx, uploadDir, notifier, logger });
    const { agent, csrf } = await openForm(f, app);
    await agent
      .post(`/portal/${f.token}/requests/${f.formActionId}`)
      .type('form')
      .send({ _csrf: csrf, ...VALID })
      .expect(303);
    expect(await countNewSubmissions(ctx, f)).toBe(1);
    expect(lines.join('')).toContain('could not tell the CSM about a portal answer');
    expect(lines.join('')).not.toContain(f.token);
  });
});
