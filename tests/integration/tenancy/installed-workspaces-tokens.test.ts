/**
 * Two workspaces installed through OAuth on one database: what Thread sends on its own (the scheduler's review
 * cards, notifications, customer Slack messages) goes out with each organisation's own bot token, and nothing goes
 * to an organisation whose installation was removed. Composed as the command line's `thread tick` composes it.
 */
import { randomBytes } from 'node:crypto';
import type { ComposedThread } from '../../../src/composition/compose-thread';
import { createSecretBox } from '../../../src/lib/secret-box';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { recordSlackInstallation } from '../../../src/services/slack-installations/record-slack-installation';
import { removeSlackInstallationTokens } from '../../../src/services/slack-installations/remove-slack-installation-tokens';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam } from '../people/team-fixture';
import { composeOAuthThread } from './oauth-thread';

const t = useTestDatabase();
const fake = new FakeSlackApi();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

async function twoInstalledWorkspaces(): Promise<{
  thread: ComposedThread;
  ctx: ReturnType<typeof serviceContext>;
  acme: Awaited<ReturnType<typeof setUpTeam>>;
  beta: Awaited<ReturnType<typeof setUpTeam>>;
}> {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const acme = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
  const beta = await setUpTeam(ctx, { teamId: 'T0BETA', name: 'Beta', prefix: 'B' });
  const key = randomBytes(32);
  const installations = { secrets: createSecretBox(key) };
  for (const [teamId, name, token, admin] of [
    ['T0ACME', 'Acme', 'xoxb-acme', acme.admin.slackUserId],
    ['T0BETA', 'Beta', 'xoxb-beta', beta.admin.slackUserId],
  ] as const)
    await recordSlackInstallation(ctx, installations, {
      teamId,
      teamName: name,
      botToken: token,
      installerSlackUserId: admin,
    });
  const thread = composeOAuthThread({ db: t.db, ctx, fake, key });
  return { thread, ctx, acme, beta };
}

describe('organisations installed through OAuth', () => {
  it('get their scheduler-posted review cards with their own token', async () => {
    const { thread, ctx, acme, beta } = await twoInstalledWorkspaces();
    try {
      const report = await runTick(ctx, thread.tick);
      expect(report.errors).toEqual([]);
      expect(report.missedCards?.posted.length).toBeGreaterThanOrEqual(4);

      const actionsOf = async (organizationId: string) =>
        new Set(
          (
            await t.db.prisma.action.findMany({ where: { account: { organizationId }, reviewCardTs: { not: null } } })
          ).map((a) => a.reviewCardTs),
        );
      const postedWith = (token: string) =>
        new Set<string | null | undefined>(fake.callsWith(token, 'chat.postMessage').map((c) => c.ts));
      const acmeCards = [...(await actionsOf(acme.organizationId))];
      const betaCards = [...(await actionsOf(beta.organizationId))];
      expect(acmeCards.length).toBeGreaterThan(1);
      expect(betaCards.length).toBeGreaterThan(1);
      // Each card went out with its own organisation's token, and none with the other's.
      for (const ts of acmeCards)
        expect([postedWith('xoxb-acme').has(ts), postedWith('xoxb-beta').has(ts)]).toEqual([true, false]);
      for (const ts of betaCards)
        expect([postedWith('xoxb-beta').has(ts), postedWith('xoxb-acme').has(ts)]).toEqual([true, false]);
      expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && !c.token?.startsWith('xoxb-'))).toEqual([]);
    } finally {
      thread.close();
    }
  });

  it('send nothing to an organisation whose installation was removed, and keep serving the other', async () => {
    const { thread, ctx, acme, beta } = await twoInstalledWorkspaces();
    try {
      await removeSlackInstallationTokens(ctx, { teamId: 'T0BETA', because: 'app_uninstalled' });
      fake.forgetCalls();
      await runTick(ctx, thread.tick);
      await thread.execution.notifier.notifyAccountChannel(beta.accountId, { text: 'for Beta' });
      await thread.execution.notifier.notifyAccountChannel(acme.accountId, { text: 'for Acme' });
      expect(fake.calls.filter((c) => c.token === 'xoxb-beta')).toEqual([]);
      expect(fake.callsWith('xoxb-acme', 'chat.postMessage').map((c) => c.args.text)).toContain('for Acme');
      // A customer Slack message for the uninstalled organisation is refused with what to do.
      await expect(
        thread.execution.slackMessenger!.post({
          organizationId: beta.organizationId,
          channel: 'CCUSTOMER',
          text: 'hi',
          clientMsgId: 'm1',
        }),
      ).rejects.toMatchObject({ code: 'not_configured' });
      const sent = await thread.execution.slackMessenger!.post({
        organizationId: acme.organizationId,
        channel: 'CCUSTOMER',
        text: 'hi',
        clientMsgId: 'm2',
      });
      expect(fake.callsWith('xoxb-acme', 'chat.postMessage').map((c) => c.ts)).toContain(sent.ts);
    } finally {
      thread.close();
    }
  });
});
