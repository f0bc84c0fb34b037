/** The real Slack receiver in the real Express app, on a test database, talking to a fake Slack Web API. */
import type { Express } from 'express';
import { createHttpApp } from '../../../src/http/app';
import { silentLogger } from '../../../src/lib/logger';
import type { ServiceContext } from '../../../src/services/context';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { createSlackApp, type SlackApp } from '../../../src/slack/create-slack-app';
import type { ReviewWorkflows } from '../../../src/slack/deps';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { TEST_SIGNING_SECRET } from '../../support/slack-request';
import { useTestDatabase } from '../../support/test-database';

export const NOW = new Date('2026-11-24T10:00:00Z');
export const CSM = 'UCSM0001';
export const PUBLIC_URL = 'http://thread.test';

export function useSlackHarness(workflows: ReviewWorkflows = {}) {
  const t = useTestDatabase();
  const fake = new FakeSlackApi();
  const holder: { http?: Express; slack?: SlackApp; ctx?: ServiceContext } = {};
  beforeAll(async () => {
    await fake.start();
  });
  beforeEach(() => {
    fake.reset();
    const ctx: ServiceContext = { prisma: t.db.prisma, now: () => NOW, logger: silentLogger };
    const slack = createSlackApp({
      config: { botToken: 'xoxb-test', signingSecret: TEST_SIGNING_SECRET, apiUrl: fake.apiUrl, csmChannel: 'CCSM' },
      ctx,
      logger: silentLogger,
      workflows,
      publicUrl: PUBLIC_URL,
    });
    holder.slack = slack;
    holder.ctx = ctx;
    holder.http = createHttpApp({
      logger: silentLogger,
      readiness: { checkDatabase: async () => {} },
      routers: [{ path: '/', router: slack.router! }],
    });
  });
  afterAll(async () => {
    await fake.stop();
  });
  return {
    fake,
    get db() {
      return t.db;
    },
    get http() {
      return holder.http!;
    },
    get ctx() {
      return holder.ctx!;
    },
    get slack() {
      return holder.slack!;
    },
    seed: () => seedDemo(holder.ctx!, { csmSlackUserId: CSM }),
  };
}
