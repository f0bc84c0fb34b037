/**
 * The environment, read once and typed. Every bad variable is named in one error, so an operator fixes
 * them all in one go instead of one restart per mistake. Nothing else in Thread reads process.env.
 */
import path from 'node:path';
import { z } from 'zod';
import { AppError } from './lib/errors';
import { isEncryptionKey } from './lib/secret-box';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (protocols: string[], what: string) =>
  optional.refine((v) => {
    if (v === undefined) return true;
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `expected ${what}`);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  PORT: optional.refine(
    (v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535),
    'expected a port number from 0 to 65535',
  ),
  PUBLIC_URL: url(['http:', 'https:'], 'an http(s) URL such as https://thread.example.org'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'a postgres:// URL (leave unset for the embedded database)'),
  THREAD_DATA_DIR: optional,
  SLACK_BOT_TOKEN: optional.refine(
    (v) => v === undefined || v.startsWith('xoxb-'),
    'expected a bot token starting with xoxb-',
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'expected an app-level token starting with xapp-',
  ),
  SLACK_API_URL: url(['http:', 'https:'], 'an http(s) URL ending in /api/'),
  SLACK_CSM_CHANNEL: optional,
  SLACK_CLIENT_ID: optional.refine(
    (v) => v === undefined || /^\d+\.\d+$/.test(v),
    'expected a client id such as 1234.5678',
  ),
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional.refine(
    (v) => v === undefined || v.length >= 16,
    'expected at least 16 characters (it signs the install state)',
  ),
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: url(['http:', 'https:'], 'an http(s) URL'),
  THREAD_AI_MODEL: optional,
  THREAD_AI_DRAFT_CONCURRENCY: optional.refine(
    (v) => v === undefined || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 64),
    'expected a whole number from 1 to 64 (AI drafts written at once)',
  ),
  SMTP_URL: url(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL'),
  EMAIL_FROM: optional.refine(
    (v) => v === undefined || /^[^\s@<>]+@[^\s@<>]+$/.test(v) || /<[^\s@<>]+@[^\s@<>]+>$/.test(v),
    'expected an email address',
  ),
  HUBSPOT_ACCESS_TOKEN: optional,
  HUBSPOT_CLIENT_SECRET: optional,
  HUBSPOT_BASE_URL: url(['http:', 'https:'], 'an http(s) URL'),
  NOTION_TOKEN: optional,
  NOTION_BASE_URL: url(['http:', 'https:'], 'an http(s) URL'),
  NOTION_PARENT_PAGE_ID: optional,
  THREAD_ENCRYPTION_KEY: optional.refine(
    (v) => v === undefined || isEncryptionKey(v),
    'expected 32 bytes as 64 hex characters or base64',
  ),
  THREAD_TICK_CRON: optional.refine(
    (v) => v === undefined || /^(\S+\s+){4,5}\S+$/.test(v),
    'expected a cron expression such as "* * * * *"',
  ),
  LOG_LEVEL: optional.refine(
    (v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v),
    `expected one of ${LOG_LEVELS.join(', ')}`,
  ),
  PORTAL_UPLOAD_MAX_MB: optional.refine(
    (v) => v === undefined || (/^\d{1,4}$/.test(v) && Number(v) >= 1),
    'expected a whole number of megabytes from 1 to 9999',
  ),
  PORTAL_UPLOAD_TYPES: optional.refine(
    (v) => v === undefined || v.split(',').every((t) => /^[a-z0-9]{1,10}$/i.test(t.trim().replace(/^\./, ''))),
    'expected file extensions separated by commas, such as pdf,png,docx',
  ),
});

/** Many workspaces install Thread through OAuth (Add to Slack): each one's bot token lives in the database. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the state of an install started at GET /slack/install. */
  stateSecret: string;
}

/**
 * Slack is on in one of two modes: one workspace whose bot token is in the environment (`botToken`), or OAuth
 * installs by any number of workspaces (`oauth`); exactly one of the two is set.
 */
export interface SlackConfig {
  botToken?: string;
  oauth?: SlackOAuthConfig;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
  csmChannel?: string;
}

export interface Config {
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  slack?: SlackConfig;
  /** Why Slack is off, when it is: shown once at start-up. */
  slackOffReason?: string;
  csmChannel?: string;
  /** draftConcurrency: calls to the model at once in the AI draft pool (THREAD_AI_DRAFT_CONCURRENCY, default 4). */
  anthropic?: { apiKey: string; baseUrl?: string; model: string; draftConcurrency: number };
  smtp?: { url: string; from: string };
  hubspot?: { accessToken?: string; clientSecret?: string; baseUrl?: string };
  notion?: { token: string; baseUrl?: string; parentPageId?: string };
  encryptionKey?: string;
  tickCron: string;
  logLevel: string;
  /** Customer uploads in the portal: size limit and allowed file extensions (lower case, no dot). loadConfig always sets it. */
  portalUploads?: { maxBytes: number; extensions: string[] };
}

/** Documents customers typically send during onboarding: contracts, diagrams, spreadsheets, screenshots. */
export const DEFAULT_PORTAL_UPLOAD_EXTENSIONS = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'docx',
  'xlsx',
  'pptx',
  'csv',
  'txt',
] as const;

const isSet = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '').trim() !== '';

/** Variables that only make sense together: checked on the raw environment so they are reported with the rest. */
function pairingProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const oauthVars = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'];
  if (oauthVars.some((name) => isSet(env, name))) {
    const missing = [...oauthVars, 'SLACK_SIGNING_SECRET'].filter((name) => !isSet(env, name));
    if (missing.length > 0)
      problems.push(
        `${missing.join(', ')}: required for Slack OAuth installs (set with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)`,
      );
    if (isSet(env, 'SLACK_BOT_TOKEN'))
      problems.push(
        'SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID: each installed workspace brings its own token (unset SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for a single workspace)',
      );
    if (isSet(env, 'SLACK_APP_TOKEN'))
      problems.push('SLACK_APP_TOKEN: OAuth installs need Slack in HTTP mode (Slack must reach /slack/oauth_redirect)');
    return problems.concat(otherPairingProblems(env));
  }
  const slackVars = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'];
  if (slackVars.some((name) => isSet(env, name))) {
    const missing = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].filter((name) => !isSet(env, name));
    if (missing.length > 0)
      problems.push(
        `${missing.join(', ')}: required when any Slack variable is set (Slack needs both the bot token and the signing secret)`,
      );
  }
  return problems.concat(otherPairingProblems(env));
}

function otherPairingProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (isSet(env, 'SMTP_URL') && !isSet(env, 'EMAIL_FROM'))
    problems.push('EMAIL_FROM: required when SMTP_URL is set (the address emails are sent from)');
  if (isSet(env, 'EMAIL_FROM') && !isSet(env, 'SMTP_URL'))
    problems.push('SMTP_URL: required when EMAIL_FROM is set (the server emails are sent through)');
  if ((isSet(env, 'NOTION_BASE_URL') || isSet(env, 'NOTION_PARENT_PAGE_ID')) && !isSet(env, 'NOTION_TOKEN'))
    problems.push('NOTION_TOKEN: required when other NOTION_ variables are set');
  return problems;
}

export const DEFAULT_AI_MODEL = 'claude-sonnet-4-5';
/** Small: Anthropic's rate limits are per organisation, and a review card does not wait on its AI draft. */
export const DEFAULT_AI_DRAFT_CONCURRENCY = 4;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  problems.push(...pairingProblems(env));
  if (!parsed.success || problems.length > 0) {
    throw new AppError('config_invalid', `fix these environment variables:\n  ${problems.join('\n  ')}`, {
      details: problems,
    });
  }
  const e = parsed.data;
  const port = Number(e.PORT ?? 3000);
  const oauth: SlackOAuthConfig | undefined =
    e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
      ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET }
      : undefined;
  const slack: SlackConfig | undefined =
    (e.SLACK_BOT_TOKEN || oauth) && e.SLACK_SIGNING_SECRET
      ? {
          ...(oauth ? { oauth } : { botToken: e.SLACK_BOT_TOKEN }),
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          csmChannel: e.SLACK_CSM_CHANNEL,
        }
      : undefined;
  const slackOffReason = slack ? undefined : 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set';

  return {
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.THREAD_DATA_DIR ?? 'data'),
    slack,
    slackOffReason,
    csmChannel: e.SLACK_CSM_CHANNEL,
    anthropic: e.ANTHROPIC_API_KEY
      ? {
          apiKey: e.ANTHROPIC_API_KEY,
          baseUrl: e.ANTHROPIC_BASE_URL,
          model: e.THREAD_AI_MODEL ?? DEFAULT_AI_MODEL,
          draftConcurrency: Number(e.THREAD_AI_DRAFT_CONCURRENCY ?? DEFAULT_AI_DRAFT_CONCURRENCY),
        }
      : undefined,
    smtp: e.SMTP_URL && e.EMAIL_FROM ? { url: e.SMTP_URL, from: e.EMAIL_FROM } : undefined,
    // HUBSPOT_BASE_URL alone still counts: organisations that connect in Settings reach HubSpot through it too.
    hubspot:
      e.HUBSPOT_ACCESS_TOKEN || e.HUBSPOT_CLIENT_SECRET || e.HUBSPOT_BASE_URL
        ? { accessToken: e.HUBSPOT_ACCESS_TOKEN, clientSecret: e.HUBSPOT_CLIENT_SECRET, baseUrl: e.HUBSPOT_BASE_URL }
        : undefined,
    notion: e.NOTION_TOKEN
      ? { token: e.NOTION_TOKEN, baseUrl: e.NOTION_BASE_URL, parentPageId: e.NOTION_PARENT_PAGE_ID }
      : undefined,
    encryptionKey: e.THREAD_ENCRYPTION_KEY,
    tickCron: e.THREAD_TICK_CRON ?? '* * * * *',
    logLevel: e.LOG_LEVEL ?? 'info',
    portalUploads: {
      maxBytes: Number(e.PORTAL_UPLOAD_MAX_MB ?? 25) * 1024 * 1024,
      extensions: e.PORTAL_UPLOAD_TYPES
        ? [
            ...new Set(
              e.PORTAL_UPLOAD_TYPES.split(',')
                .map((t) => t.trim().replace(/^\./, '').toLowerCase())
                .filter(Boolean),
            ),
          ]
        : [...DEFAULT_PORTAL_UPLOAD_EXTENSIONS],
    },
  };
}
