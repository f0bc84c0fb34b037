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

  it('refuses to start with a bad environment and names each bad variable', async () => {
    const failed = startServer({ THREAD_DATA_DIR: dataDir, PORT: 'http', SMTP_URL: 'smtp://127.0.0.1:2525' });
    await expect(failed).rejects.toThrow(
      /exited with code 1[\s\S]*PORT: expected a port number[\s\S]*EMAIL_FROM: required when SMTP_URL is set/,
    );
  }, 60_000);
});
