/**
 * The handoff link is emailed to an AE outside Thread, and often pasted into Slack: mail gateways and unfurlers fetch
 * it first. Those fetches must not open the form (no CSRF cookie, nothing of the deal shown), nor count as wrong
 * links, and the AE's own click afterwards works as ever.
 */
import request from 'supertest';
import { generateHandoffToken } from '../../../src/services/handoff/handoff-token';
import { CHROME, PREVIEW_FETCHERS, SLACK_UNFURL } from '../../support/link-fetchers';
import { useSlackHarness } from '../../support/slack-harness';
import { useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';
import { csrfFrom } from '../portal/portal-fixture';
import { accountForOutsideAe, emailedLink, handoffApp } from './handoff-web-link';

const smtp = useSmtpCapture();
const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });

describe('a handoff link fetched by a link preview', () => {
  it('never opens the form, sets no cookie and shows nothing of the deal, whoever fetches it', async () => {
    await accountForOutsideAe(h);
    const app = handoffApp(h);
    const link = emailedLink(smtp);
    const seen: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const f of PREVIEW_FETCHERS) {
      const res = await request(app)[f.method](link).set(f.headers);
      seen[f.who] = {
        status: res.status,
        cookie: res.headers['set-cookie'] ?? null,
        dealShown: /Acme Robotics|What success looks like|_csrf/.test(res.text ?? ''),
      };
      expected[f.who] = { status: f.status, cookie: null, dealShown: false };
    }
    expect(seen).toEqual(expected);
  });

  it('unfurls as a handoff form from the organisation', async () => {
    const account = await accountForOutsideAe(h);
    const org = await h.db.prisma.organization.findUniqueOrThrow({ where: { id: account.organizationId } });
    const res = await request(handoffApp(h)).get(emailedLink(smtp)).set('User-Agent', SLACK_UNFURL).expect(200);
    expect(res.text).toContain('<meta property="og:title" content="Sales handoff form">');
    expect(res.text).toContain(`<meta property="og:site_name" content="${org.name}">`);
    expect(res.text).toContain(`A private link to a handoff form from ${org.name}.`);
  });

  it('lets the AE open and submit the form after the unfurl and the mail scan', async () => {
    const account = await accountForOutsideAe(h);
    const app = handoffApp(h);
    const link = emailedLink(smtp);
    await request(app).get(link).set('User-Agent', SLACK_UNFURL).expect(200);
    await request(app).get(link).set('User-Agent', 'Proofpoint-URLDefense/2.0').expect(200);
    await request(app).head(link).set('User-Agent', CHROME).expect(200);

    const agent = request.agent(app);
    const page = await agent.get(link).set('User-Agent', CHROME).expect(200);
    expect(page.text).toContain('Handoff for Acme Robotics');
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    await agent
      .post(link)
      .set('User-Agent', CHROME)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), success_criteria: 'All depots live', kickoff_date: '2026-12-03' })
      .expect(303);
    const after = await h.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.status).toBe('active');
  });

  it('never counts a preview of a dead link against the address', async () => {
    await accountForOutsideAe(h);
    const app = handoffApp(h, { maxFailures: 1 });
    const link = emailedLink(smtp);
    for (let i = 0; i < 3; i++) {
      const res = await request(app)
        .get(`/handoff/${generateHandoffToken()}`)
        .set('User-Agent', SLACK_UNFURL)
        .expect(404);
      expect(res.text).toContain('<meta property="og:title" content="Sales handoff form">');
    }
    await request(app).get(link).set('User-Agent', CHROME).expect(200);
    // The person's own wrong link still counts.
    await request(app).get(`/handoff/${generateHandoffToken()}`).set('User-Agent', CHROME).expect(404);
    await request(app).get(link).set('User-Agent', CHROME).expect(429);
  });
});
