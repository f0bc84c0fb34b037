/**
 * The portal in a real headless Chromium: a customer opens their magic link, reads why a milestone is on hold,
 * answers a form (first with a mistake), uploads a document; axe-core checks every page on the way.
 * Screenshots (desktop and phone width) go to $THREAD_SCREENSHOT_DIR or the temp directory, for a human look.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from '../../support/browser';
import { useTestDatabase } from '../../support/test-database';
import { buildPortalApp, buildPortalFixture, type PortalFixture } from '../../integration/portal/portal-fixture';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';

jest.setTimeout(120_000);

// Browser globals used inside page.evaluate callbacks (the project compiles without the DOM library).
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };
declare function getComputedStyle(element: unknown): { borderTopColor: string };

const t = useTestDatabase();
const screenshotDir = process.env.THREAD_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'thread-portal-screenshots');
let browser: Browser;
let server: Server;
let base: string;
let fixture: PortalFixture;
let notifier: RecordingNotifier;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  // The clock stands at the real time the test starts: the browser's cookies live in real time.
  const ctx = serviceContext(t.db, new Date());
  fixture = await buildPortalFixture(ctx);
  notifier = new RecordingNotifier();
  const { app } = buildPortalApp({
    ctx,
    uploadDir: mkdtempSync(path.join(os.tmpdir(), 'thread-portal-e2e-')),
    notifier,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
  // When beforeAll or beforeEach failed there may be no server; the first failure is the one to read.
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function expectAccessible(name: string) {
  const violations = await seriousAxeViolations(page);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

describe('the customer portal in a browser', () => {
  it('opens from the magic link, shows the blocker, takes a corrected form and an upload', async () => {
    // Anything the Content-Security-Policy blocked would show here (status codes such as the 422 are expected).
    const blocked: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && blocked.push(m.text()));

    // The magic link: timeline, blocker note, requests.
    await page.goto(`${base}/portal/${fixture.token}`);
    await expect(page.title()).resolves.toBe('Your onboarding · Acme Cloud');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hello Maria');
    const blocker = page.getByRole('region', { name: 'Technical Setup is on hold' });
    await expect(blocker.textContent()).resolves.toContain(
      'Waiting for your IT team to add our SAML app in Okta. <b>Ticket</b> IT-4821.',
    );
    await expect(page.locator('.brand__name').textContent()).resolves.toBe('Acme Cloud');
    // The stylesheet applied (the CSP let it and the nonce'd brand colour through).
    await expect(page.locator('.site-header').evaluate((el) => getComputedStyle(el).borderTopColor)).resolves.toBe(
      'rgb(14, 124, 102)',
    );
    await expectAccessible('home');
    await screenshot('portal-home-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('portal-home-mobile');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The form: first with a mistake, then right.
    await page.getByRole('link', { name: 'Fill in the form: Technical details form' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Technical details form');
    await expectAccessible('form');
    await page.getByLabel('Identity provider').selectOption('Okta');
    await page.getByLabel('Email address of the IT administrator we should work with').fill('it-admin-at-northwind');
    await page
      .getByLabel('Anything else we should know about your environment?')
      .fill('Change freeze from 15 December.');
    await page.getByRole('button', { name: 'Send answers' }).click();

    await expect(page.getByRole('alert').textContent()).resolves.toContain('Please check your answers');
    const email = page.getByLabel('Email address of the IT administrator we should work with');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(email.inputValue()).resolves.toBe('it-admin-at-northwind');
    await expect(page.getByLabel('Identity provider').inputValue()).resolves.toBe('Okta');
    await expect(page.locator('#field-it_admin_email-error').textContent()).resolves.toContain(
      'Please enter an email address',
    );
    await expectAccessible('form with errors');
    await screenshot('portal-form-errors');

    await email.fill('it.admin@northwindlogistics.io');
    await page.getByRole('button', { name: 'Send answers' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'We have received “Technical details form”',
    );
    expect(notifier.calls('portalAnswerReceived').map(([answer]) => answer.actionName)).toContain(
      'Technical details form',
    );

    // The document.
    await page.getByRole('link', { name: 'Upload the document: Signed data processing agreement' }).click();
    await expectAccessible('upload');
    await screenshot('portal-upload');
    await page.getByLabel('Choose the document').setInputFiles({
      name: 'signed-dpa.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n% signed\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Upload document' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'We have received “Signed data processing agreement”',
    );
    await expect(
      page.getByRole('heading', { name: 'What we need from you' }).locator('xpath=..').textContent(),
    ).resolves.toContain('Nothing right now');
    await expectAccessible('home after answering');
    await screenshot('portal-home-done');
    expect(
      await t.db.prisma.submission.count({
        where: { actionId: { in: [fixture.formActionId, fixture.documentActionId] } },
      }),
    ).toBe(2);

    expect(blocked).toEqual([]);
  });

  it('shows a friendly, accessible page for a dead link', async () => {
    const response = await page.goto(`${base}/portal/${'Z'.repeat(43)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This link is not working');
    await expectAccessible('dead link');
    await screenshot('portal-dead-link');
  });
});
