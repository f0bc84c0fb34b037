/**
 * Thread composed for OAuth installs on the test's database, as the command line's `thread tick` composes it: the
 * scheduler's work goes out with each organisation's own token from the installation store (sealed with `key`).
 */
import { composeThread, type ComposedThread } from '../../../src/composition/compose-thread';
import { silentLogger } from '../../../src/lib/logger';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeSlackApi } from '../../support/fake-slack-api';
import type { TestServiceContext } from '../../support/service-context';
import { TEST_SIGNING_SECRET } from '../../support/slack-request';
import type { Database } from '../../../src/db/client';

export function composeOAuthThread(o: {
  db: Database;
  ctx: TestServiceContext;
  fake: FakeSlackApi;
  key: Buffer;
}): ComposedThread {
  return composeThread({
    config: {
      port: 0,
      publicUrl: 'https://thread.example.test',
      dataDir: '/nonexistent',
      slack: {
        oauth: { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: 'state-secret-0123456789' },
        signingSecret: TEST_SIGNING_SECRET,
        apiUrl: o.fake.apiUrl,
        csmChannel: 'CCSMS',
      },
      tickCron: '0 0 1 1 *',
      logLevel: 'silent',
    },
    db: o.db,
    logger: silentLogger,
    takesSlackRequests: false,
    clock: o.ctx.now,
    encryptionKey: o.key,
  });
}
