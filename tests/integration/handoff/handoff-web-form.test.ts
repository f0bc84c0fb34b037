import request from 'supertest';
import { textOf } from '../../support/block-kit';
import { csrfFrom } from '../portal/portal-fixture';
import { accountForOutsideAe, AE_EMAIL, decoded, emailedLink, handoffApp } from './handoff-web-link';
import { CSM, useSlackHarness } from '../../support/slack-harness';
import { header, useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';

const smtp = useSmtpCapture();
const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });

const HOSTILE = '<script>alert(1)</script> & "quotes" <!channel>';

describe('the handoff web form, for an AE without Thread access', () => {
  it('emails the AE a link to the form (from the CSM, replies to them) and tells the CSM', async () => {
    const account = await accountForOutsideAe(h);
    expect(account.status).toBe('pending_handoff');
    expect(account.ae).toMatchObject({ email: AE_EMAIL, slackUserId: null, addedAt: null, role: 'ae' });
    expect(smtp.messages).toHaveLength(1);
    const raw = smtp.messages[0]!.raw;
    expect(header(raw, 'subject')).toBe('Handoff for Acme Robotics: 8 questions before the onboarding starts');
    expect(header(raw, 'from')).toContain('Casey Morgan');
    expect(header(raw, 'reply-to')).toContain('casey.morgan@vendor.test');
    expect(decoded(raw)).toContain('It is 8 questions (1 required)');
    const link = emailedLink(smtp);
    const stored = await h.db.prisma.handoff.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(stored.tokenHash).not.toBeNull();
    expect(stored.tokenHash).not.toContain(link.split('/').at(-1)!);
    expect(stored.tokenExpiresAt).toEqual(new Date(h.ctx.now().getTime() + 30 * 86_400_000));
    const told = h.posted.filter((m) => m.channel === CSM).at(-1)!;
    expect(textOf(told.blocks)).toContain(`Emailed Jordan Sales (${AE_EMAIL}) a link to the handoff form`);
  });

  it('takes the answers: a required one missing first is named on the page and nothing is written; then the plan starts', async () => {
    const account = await accountForOutsideAe(h);
    const app = handoffApp(h);
    const link = emailedLink(smtp);
    const agent = request.agent(app);
    const page = await agent.get(link).expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Handoff for Acme Robotics');
    expect(page.text).toContain('What success looks like for the customer');
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    const csrf = csrfFrom(page.text);

    const answers = {
      seats: '40',
      integrations: ['SSO', 'Data import'],
      requirements: HOSTILE,
      kickoff_date: '2026-12-03',
    };
    const missing = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrf, ...answers })
      .expect(422);
    expect(missing.text).toContain('Please check your answers');
    expect(missing.text).toContain('What success looks like for the customer: This question needs an answer.');
    // What was typed is kept, escaped.
    expect(missing.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(missing.text).not.toContain('<script>alert(1)');
    expect(missing.text).toMatch(/value="Data import" checked/);
    expect(await h.db.prisma.handoffAnswer.count()).toBe(0);
    expect((await h.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('pending_handoff');

    h.forget();
    const done = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(missing.text), ...answers, success_criteria: 'All depots live' })
      .expect(303);
    expect(done.headers.location).toBe(`/handoff/${link.split('/').at(-1)}?done=1`);
    const thanks = await agent.get(done.headers.location!).expect(200);
    expect(thanks.text).toContain('Thank you: the handoff is in');

    const after = await h.db.prisma.account.findUniqueOrThrow({
      where: { id: account.id },
      include: { milestones: { orderBy: { position: 'asc' } }, handoff: { include: { answers: true } } },
    });
    expect(after.status).toBe('active');
    expect(after.milestones[0]).toMatchObject({ status: 'in_progress', startedAt: new Date('2026-12-03T09:00:00Z') });
    expect(after.handoff?.submittedById).toBe(account.aeId);
    expect(after.handoff?.answers).toHaveLength(5);
    const card = h.posted.filter((m) => m.channel === CSM).at(-1)!;
    expect(textOf(card.blocks)).toContain('Handoff in · Acme Robotics');
    expect(textOf(card.blocks)).toContain('Handed over by Jordan Sales');
    expect(textOf(card.blocks)).toContain('SSO, Data import');
  });

  it('refuses a post without the CSRF token, a second handoff politely, and links that are unknown or expired', async () => {
    await accountForOutsideAe(h);
    const app = handoffApp(h);
    const link = emailedLink(smtp);
    const agent = request.agent(app);
    const page = await agent.get(link).expect(200);

    const forged = await request(app).post(link).type('form').send({ success_criteria: 'Forged' }).expect(403);
    expect(forged.text).toContain('Please try that again');
    const wrongToken = await agent
      .post(link)
      .type('form')
      .send({ _csrf: 'x'.repeat(43), success_criteria: 'x' });
    expect(wrongToken.status).toBe(403);
    expect(await h.db.prisma.handoffAnswer.count()).toBe(0);

    await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), success_criteria: 'First' })
      .expect(303);
    const again = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), success_criteria: 'Second' })
      .expect(409);
    expect(again.text).toContain('The handoff for Acme Robotics was already submitted by Jordan Sales on 24 Nov 2026');
    expect((await agent.get(link).expect(200)).text).toContain('This handoff is already in');
    expect(await h.db.prisma.handoffAnswer.count()).toBe(1);

    // Unknown, malformed and expired links get the same page: it says nothing about which it was.
    const same = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');
    const unknown = await request(app)
      .get(`/handoff/${'A'.repeat(43)}`)
      .expect(404);
    expect(unknown.text).toContain('This link is not working');
    const junk = await request(app).get('/handoff/not-a-token').expect(404);
    expect(same(junk.text)).toBe(same(unknown.text));
    h.ctx.advance(31 * 86_400_000);
    const expired = await request(app).get(link).expect(404);
    expect(same(expired.text)).toBe(same(unknown.text));
  });

  it('slows a guesser down: after too many unknown links every request from the address waits', async () => {
    await accountForOutsideAe(h);
    const app = handoffApp(h, { maxFailures: 2 });
    const link = emailedLink(smtp);
    await request(app)
      .get(`/handoff/${'B'.repeat(43)}`)
      .expect(404);
    await request(app)
      .get(`/handoff/${'C'.repeat(43)}`)
      .expect(404);
    const blocked = await request(app).get(link).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.text).toContain('Too many attempts');
  });
});
