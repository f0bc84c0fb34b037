/**
 * Token rotation for work the scheduler starts on its own: an installation's bot token that expires within two hours
 * is refreshed before Thread uses it (oauth.v2.access with the refresh token), once, even when two sends need it at
 * the same moment; what is sent goes out with the new token.
 */
import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../../src/lib/secret-box';
import { runTick } from '../../../src/services/scheduler/run-tick';
import { recordSlackInstallation } from '../../../src/services/slack-installations/record-slack-installation';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam } from '../people/team-fixture';
import { composeOAuthThread } from './oauth-thread';

const t = useTestDatabase();
const fake = new FakeSlackApi();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

describe('token rotation', () => {
  it('refreshes an expiring token once before the scheduler posts, and again when it nears its end', async () => {
    const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
    const acme = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
    const key = randomBytes(32);
    fake.acceptRefreshToken('xoxe-acme-0', {
      code: 'unused',
      team: { id: 'T0ACME', name: 'Acme' },
      installerId: acme.admin.slackUserId,
      botToken: 'xoxb-acme',
      expiresIn: 12 * 3600,
    });
    await recordSlackInstallation(
      ctx,
      { secrets: createSecretBox(key) },
      {
        teamId: 'T0ACME',
        teamName: 'Acme',
        botToken: 'xoxb-acme',
        botRefreshToken: 'xoxe-acme-0',
        botTokenExpiresAt: Math.floor(ctx.now().getTime() / 1000) + 3600,
        installerSlackUserId: acme.admin.slackUserId,
      },
    );
    const thread = composeOAuthThread({ db: t.db, ctx, fake, key });
    const refreshes = () => fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    try {
      const report = await runTick(ctx, thread.tick);
      expect(report.errors).toEqual([]);
      expect(refreshes().map((c) => c.args.refresh_token)).toEqual(['xoxe-acme-0']);
      expect(fake.callsWith('xoxb-acme-r1', 'chat.postMessage').length).toBeGreaterThan(0);
      expect(fake.callsWith('xoxb-acme')).toEqual([]);
      const row = await t.db.prisma.slackInstallation.findUniqueOrThrow({
        where: { organizationId: acme.organizationId },
      });
      expect(row.botTokenExpiresAt).toEqual(new Date('2026-03-02T22:00:00Z'));

      // Eleven hours on, two sends at once: one refresh, and both go out with the token it brought.
      ctx.setNow('2026-03-02T21:00:00Z');
      fake.forgetCalls();
      await Promise.all([
        thread.execution.notifier.notifyAccountChannel(acme.accountId, { text: 'first' }),
        thread.execution.notifier.notifyAccountChannel(acme.otherAccountId, { text: 'second' }),
      ]);
      expect(refreshes().map((c) => c.args.refresh_token)).toEqual(['xoxe-r1']);
      expect(
        fake
          .callsWith('xoxb-acme-r2', 'chat.postMessage')
          .map((c) => c.args.text)
          .sort(),
      ).toEqual(['first', 'second']);
    } finally {
      thread.close();
    }
  });
});
