import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { AppError } from '../../../src/lib/errors';

function configError(env: NodeJS.ProcessEnv): AppError {
  try {
    loadConfig(env, '/srv/thread');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('configuration', () => {
  it('runs on the embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/thread');
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: path.resolve('/srv/thread', 'data'),
      slack: undefined,
      tickCron: '* * * * *',
      logLevel: 'info',
    });
    expect(config.slackOffReason).toMatch(/SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set/);
  });

  it('derives the public URL from the port and trims a trailing slash from an explicit one', () => {
    expect(loadConfig({ PORT: '8080' }, '/').publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://thread.northwind.io/' }, '/').publicUrl).toBe(
      'https://thread.northwind.io',
    );
  });

  it('names every bad variable in one error', () => {
    const error = configError({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/thread',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      LOG_LEVEL: 'loud',
      THREAD_ENCRYPTION_KEY: 'short',
    });
    expect(error.code).toBe('config_invalid');
    for (const name of ['PORT', 'DATABASE_URL', 'SLACK_BOT_TOKEN', 'LOG_LEVEL', 'THREAD_ENCRYPTION_KEY']) {
      expect(error.message).toContain(`${name}:`);
    }
    expect(error.message).toContain('expected a bot token starting with xoxb-');
  });

  it('refuses half a Slack configuration and says which half is missing', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(error.message).toContain('SLACK_SIGNING_SECRET: required when any Slack variable is set');
    expect(error.message).not.toContain('SLACK_BOT_TOKEN,');
  });

  it('turns Slack on with both HTTP-mode variables, and Socket Mode with the app token', () => {
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_APP_TOKEN: 'xapp-1-2',
        SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      },
      '/',
    );
    expect(config.slack).toEqual({
      botToken: 'xoxb-1-2-3',
      signingSecret: 'secret',
      appToken: 'xapp-1-2',
      apiUrl: 'http://127.0.0.1:9999/api/',
      csmChannel: undefined,
    });
  });

  it('turns on OAuth installs with the client id, secret, state secret and signing secret, and no bot token', () => {
    const oauthEnv = {
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-state-secret-of-length',
      SLACK_SIGNING_SECRET: 'signing',
    };
    expect(loadConfig(oauthEnv, '/').slack).toEqual({
      oauth: { clientId: '1234.5678', clientSecret: 'client-secret', stateSecret: 'a-state-secret-of-length' },
      signingSecret: 'signing',
      appToken: undefined,
      apiUrl: undefined,
      csmChannel: undefined,
    });
    // Without the OAuth variables, single-workspace mode is exactly as before.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, '/').slack).toMatchObject({
      botToken: 'xoxb-1',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, '/').slack?.oauth).toBeUndefined();
  });

  it('refuses half an OAuth configuration, a bot token beside it, and Socket Mode with it', () => {
    expect(configError({ SLACK_CLIENT_ID: '1234.5678' }).message).toMatch(
      /SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET: required for Slack OAuth installs/,
    );
    const both = configError({
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'a-state-secret-of-length',
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
    });
    expect(both.message).toMatch(/SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID/);
    expect(both.message).toMatch(/SLACK_APP_TOKEN: OAuth installs need Slack in HTTP mode/);
    expect(configError({ SLACK_CLIENT_ID: 'not-an-id' }).message).toMatch(/SLACK_CLIENT_ID: expected a client id/);
  });

  it('requires EMAIL_FROM with SMTP_URL and the reverse', () => {
    expect(configError({ SMTP_URL: 'smtp://127.0.0.1:2525' }).message).toContain(
      'EMAIL_FROM: required when SMTP_URL is set',
    );
    expect(configError({ EMAIL_FROM: 'csm@northwind.io' }).message).toContain(
      'SMTP_URL: required when EMAIL_FROM is set',
    );
    expect(
      loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', EMAIL_FROM: 'Thread <csm@northwind.io>' }, '/').smtp,
    ).toEqual({ url: 'smtp://127.0.0.1:2525', from: 'Thread <csm@northwind.io>' });
  });

  it('reports a malformed variable and a missing partner variable together', () => {
    const error = configError({ PORT: '99999', SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(error.message).toContain('PORT: expected a port number from 0 to 65535');
    expect(error.message).toContain('EMAIL_FROM: required when SMTP_URL is set');
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', SLACK_BOT_TOKEN: '' }, '/').databaseUrl).toBeUndefined();
  });

  it('turns AI drafting on with a key and picks the default model', () => {
    expect(loadConfig({ ANTHROPIC_API_KEY: 'sk-test' }, '/').anthropic).toEqual({
      apiKey: 'sk-test',
      baseUrl: undefined,
      model: expect.any(String),
      draftConcurrency: 4,
    });
    expect(loadConfig({}, '/').anthropic).toBeUndefined();
  });

  it('takes the AI draft pool size from THREAD_AI_DRAFT_CONCURRENCY, within 1 to 64', () => {
    const env = { ANTHROPIC_API_KEY: 'sk-test' };
    expect(loadConfig({ ...env, THREAD_AI_DRAFT_CONCURRENCY: '8' }, '/').anthropic?.draftConcurrency).toBe(8);
    for (const bad of ['0', '65', 'two', '1.5'])
      expect(() => loadConfig({ ...env, THREAD_AI_DRAFT_CONCURRENCY: bad }, '/')).toThrow(
        /THREAD_AI_DRAFT_CONCURRENCY/,
      );
  });
});
