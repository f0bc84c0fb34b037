import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServer, waitForExit } from '../../support/run-thread';

describe('npm start', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-start-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, serves health and readiness, shares its database with the CLI, and stops cleanly on SIGTERM', async () => {
    const { child, port, logs } = await startServer({ THREAD_DATA_DIR: dataDir });
    try {
      expect(logs()).toMatch(/database migrated \(\d+ applied\)/);
      expect(logs()).toContain('Slack is off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set');

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });

      // The CLI works while Thread holds the embedded database: it goes through Thread's socket.
      const seeded = await runCli(['seed', 'demo'], { THREAD_DATA_DIR: dataDir });
      expect(seeded.stdout).toContain('Created: Northwind Logistics');
      const listed = await runCli(['accounts', 'list'], { THREAD_DATA_DIR: dataDir });
      expect(listed.stdout).toContain('Helios Health');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await waitForExit(child)).toBe(0);
    expect(logs()).toContain('"signal":"SIGTERM","msg":"shutting down"');

    // After a clean stop the data is still there, and a restart has nothing to migrate.
    const listed = await runCli(['accounts', 'list'], { THREAD_DATA_DIR: dataDir });
    expect(listed.stdout).toContain('Northwind Logistics');
  }, 120_000);

  it('answers GET / with a first-run page that says what is on and what to set next, and reveals no secret', async () => {
    const secrets = {
      SMTP_URL: 'smtp://mailer:hunter2-smtp-password@127.0.0.1:2525',
      EMAIL_FROM: 'Onboarding <onboarding@example.com>',
      ANTHROPIC_API_KEY: 'sk-ant-first-run-secret',
      THREAD_ENCRYPTION_KEY: 'ab'.repeat(32),
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-first-run-secret',
      HUBSPOT_CLIENT_SECRET: 'hubspot-first-run-client-secret',
    };
    const publicUrl = 'https://onboarding.example.com';
    const { child, port } = await startServer({ THREAD_DATA_DIR: dataDir, PUBLIC_URL: publicUrl, ...secrets });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
      const page = await res.text();
      const rows = rowsOf(page);
      expect(rows.Database).toMatch(/^Embedded PostgreSQL \(PGlite\)/);
      expect(rows.Slack).toMatch(/^Off Create the Slack app from Thread's manifest/);
      expect(rows.Email).toBe('On (SMTP)');
      expect(rows['AI drafting']).toBe('On (Anthropic)');
      expect(rows.HubSpot).toMatch(
        /^On for the one organisation \(HUBSPOT_ACCESS_TOKEN\), webhooks verified Subscribe .* to https:\/\/onboarding\.example\.com\/webhooks\/hubspot\./,
      );

      // The link carries manifest.json with this deployment's request URLs.
      const href = /<a href="(https:\/\/api\.slack\.com\/apps\?new_app=1&amp;manifest_json=[^"]+)"/.exec(page)?.[1];
      if (!href) throw new Error('no Create the Slack app link on the page');
      const manifest = JSON.parse(new URL(decodeEntities(href)).searchParams.get('manifest_json') ?? '');
      expect(manifest.settings.event_subscriptions.request_url).toBe(`${publicUrl}/slack/events`);
      expect(manifest.settings.interactivity.request_url).toBe(`${publicUrl}/slack/events`);
      expect(manifest.features.slash_commands[0].url).toBe(`${publicUrl}/slack/events`);
      expect(JSON.stringify(manifest)).not.toContain('thread.example.org');

      for (const value of [...Object.values(secrets), 'hunter2', 'mailer']) expect(page).not.toContain(value);

      // HubSpot's webhook route is mounted: an unsigned delivery is refused.
      const webhook = await fetch(`http://127.0.0.1:${port}/webhooks/hubspot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ eventId: 1, portalId: 1, objectId: 1, subscriptionType: 'deal.creation' }]),
      });
      expect(webhook.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await waitForExit(child)).toBe(0);
  }, 120_000);

  it('refuses to start with a bad environment and names each bad variable', async () => {
    const failed = startServer({ THREAD_DATA_DIR: dataDir, PORT: 'http', SMTP_URL: 'smtp://127.0.0.1:2525' });
    await expect(failed).rejects.toThrow(
      /exited with code 1[\s\S]*PORT: expected a port number[\s\S]*EMAIL_FROM: required when SMTP_URL is set/,
    );
  }, 60_000);
});

/** The page's table as "Part" → "Now Next", with tags and white space folded: what a person reads. */
function rowsOf(page: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const [, name, cells] of page.matchAll(/<th scope="row">([^<]+)<\/th>([\s\S]*?)<\/tr>/g)) {
    rows[name!] = decodeEntities(cells!.replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
  }
  return rows;
}

/** What a browser makes of the escaped text and attribute values the page's html`` helper writes. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return text.replace(/&(#\d+|[a-z]+);/g, (whole, entity: string) =>
    entity.startsWith('#') ? String.fromCharCode(Number(entity.slice(1))) : (named[entity] ?? whole),
  );
}
