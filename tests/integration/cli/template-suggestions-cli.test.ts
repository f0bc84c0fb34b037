/**
 * `npm run thread -- templates suggestions [--template <name>] [--accept <id>]`: real processes on a real embedded
 * database in a temporary data directory, where three accounts were first slowed by the same portal request through
 * the services (tests/integration/templates/slip-fixture.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/db/client';
import { MIN_ACCOUNTS, templateRef } from '../../../src/domain/slip-suggestions';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { addPerson } from '../../../src/services/people/add-person';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { runCli } from '../../support/run-thread';
import { serviceContext } from '../../support/service-context';
import { arrangeSlowSsoForm, SENTENCE, TEMPLATE_NAME } from '../templates/slip-fixture';

jest.setTimeout(180_000);

const CSM_SLACK_ID = 'UCSM0001';

describe('thread templates suggestions', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let suggestionId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'thread-suggestions-'));
    env = { THREAD_DATA_DIR: dataDir };
    const db = await openDatabase({ dataDir, migrate: true });
    try {
      const ctx = serviceContext(db);
      const organizationId = (await getDefaultOrganization(ctx, { name: 'Vendor Co' })).id;
      const added = await addPerson(ctx, {
        organizationId,
        actor: 'cli',
        slackUserId: CSM_SLACK_ID,
        role: 'csm',
        name: 'Casey Morgan',
      });
      await refreshProfile(ctx, {
        organizationId,
        slackUserId: CSM_SLACK_ID,
        profile: { name: 'Casey Morgan', email: 'casey.morgan@vendor.test' },
      });
      const { templateId } = await arrangeSlowSsoForm(ctx, {
        organizationId,
        csm: { userId: added.userId },
        csmSlackUserId: CSM_SLACK_ID,
        accounts: MIN_ACCOUNTS,
      });
      suggestionId = `${templateRef(templateId)}.v1.kickoff-sso-form`;
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the suggestion in plain lines, accepts it as a new version, and refuses it once the template moved on', async () => {
    const listed = await runCli(['templates', 'suggestions'], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout.split('\n')).toEqual([
      `${suggestionId}  ${TEMPLATE_NAME} v1 · 15 days behind plan on 3 accounts`,
      `  ${SENTENCE}`,
      '  change: "SSO form": sent when its milestone starts → sent at kickoff',
      'Accept one with: npm run thread -- templates suggestions --accept <id>',
      '',
    ]);

    const unknownTemplate = await runCli(['templates', 'suggestions', '--template', 'Enterprise'], env);
    expect(unknownTemplate.code).toBe(1);
    expect(unknownTemplate.stderr).toContain(`no template named "Enterprise"; known templates: "${TEMPLATE_NAME}"`);

    const accepted = await runCli(['templates', 'suggestions', '--accept', suggestionId], env);
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(accepted.stdout).toBe(
      `Accepted ${suggestionId}: "${TEMPLATE_NAME}" is now v2 ("SSO form": sent when its milestone starts → sent at kickoff).\n` +
        'Accounts already running keep their plan; new accounts get the change.\n',
    );

    const exported = await runCli(['templates', 'export', TEMPLATE_NAME], env);
    expect(exported.stdout).toMatch(/- key: sso-form\n.*\n.*\n +trigger: \{ kind: kickoff_offset, delay_days: 0 \}\n/);

    const again = await runCli(['templates', 'suggestions', '--template', TEMPLATE_NAME], env);
    expect(again.stdout).toMatch(/^No suggestions: /);

    const stale = await runCli(['templates', 'suggestions', '--accept', suggestionId], env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      `the template "${TEMPLATE_NAME}" has changed since this suggestion was made (it was v1 and is now v2)`,
    );
  });
});
