import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/run-thread';

jest.setTimeout(180_000);

describe('npm run thread -- portal', () => {
  it('prints a fresh magic link for an account and revokes its links', async () => {
    const env = {
      THREAD_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'thread-portal-cli-')),
      PUBLIC_URL: 'https://thread.example.org',
      LOG_LEVEL: 'silent',
    };
    expect((await runCli(['seed', 'demo'], env)).code).toBe(0);

    const link = await runCli(['portal', 'link', 'northwind'], env);
    expect(link.code).toBe(0);
    expect(link.stdout.trim()).toMatch(/^https:\/\/thread\.example\.org\/portal\/[A-Za-z0-9_-]{43}$/);
    expect(link.stderr).toContain('maria.anders@northwindlogistics.io at Northwind Logistics');

    const again = await runCli(
      ['portal', 'link', 'Northwind Logistics', '--contact', 'MARIA.ANDERS@northwindlogistics.io', '--days', '7'],
      env,
    );
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).not.toBe(link.stdout.trim());

    const stranger = await runCli(['portal', 'link', 'northwind', '--contact', 'eve@evil.test'], env);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('eve@evil.test is not a contact of Northwind Logistics');

    const unknown = await runCli(['portal', 'link', 'Nobody Inc'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account matches "Nobody Inc"');

    const revoke = await runCli(['portal', 'revoke', 'northwind'], env);
    expect(revoke.stdout).toContain('Revoked 2 portal links for Northwind Logistics.');
  });
});
