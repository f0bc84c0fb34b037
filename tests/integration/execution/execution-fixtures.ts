/**
 * Fixtures for the drafting and execution tests, built through the real services: the demo organisation and
 * template (seedDemo), a CSM whose name and email come from their Slack profile (refreshProfile, as the
 * user_change event delivers it), and ports wired to the real connectors on 127.0.0.1. Actions become ready as the
 * scheduler makes them (tests/support/plan-steps.ts fireAction).
 */
import { portalLinksOf } from '../../../src/composition/execution-ports';
import { createSmtpMailer, type SmtpMailer } from '../../../src/connectors/email/smtp-mailer';
import type { ServiceContext } from '../../../src/services/context';
import { draftAction } from '../../../src/services/drafting/draft-action';
import { executeAction } from '../../../src/services/execution/execute-action';
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { fireAction } from '../../support/plan-steps';
import { RecordingNotifier } from '../../support/recording-notifier';
import type { TestServiceContext } from '../../support/service-context';

export const FIXED_NOW = new Date('2026-11-24T10:00:00Z');
export const CSM_SLACK_ID = 'U0CSM00001';
export const PUBLIC_URL = 'https://thread.vendor-co.io';

export interface SeededAccount {
  organizationId: string;
  accountId: string;
  csmUserId: string;
  /** Who acts in the execution services: the account's CSM, in its organisation. */
  asCsm: { organizationId: string; actor: { userId: string } };
  actionId(key: string): Promise<string>;
}

/** Northwind Logistics from the demo seed, with its CSM named Jamie Rivera. */
export async function seedAccount(ctx: ServiceContext): Promise<SeededAccount> {
  await seedDemo(ctx, { csmSlackUserId: CSM_SLACK_ID });
  const account = await ctx.prisma.account.findFirstOrThrow({ where: { name: 'Northwind Logistics' } });
  const csm = await refreshProfile(ctx, {
    organizationId: account.organizationId,
    slackUserId: CSM_SLACK_ID,
    profile: { name: 'Jamie Rivera', email: 'jamie.rivera@vendor-co.io' },
  });
  if (!csm) throw new Error(`the demo seed did not add ${CSM_SLACK_ID} as Northwind's CSM`);
  return {
    organizationId: account.organizationId,
    accountId: account.id,
    csmUserId: csm.userId,
    asCsm: { organizationId: account.organizationId, actor: { userId: csm.userId } },
    actionId: async (key) =>
      (await ctx.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: account.id, key } } })).id,
  };
}

export function depsFor(
  ctx: ServiceContext,
  smtpUrl: string | null,
  extra: Partial<ExecutionDeps> = {},
): ExecutionDeps & { mailerClose(): void } {
  const mailer: SmtpMailer | undefined = smtpUrl
    ? createSmtpMailer({ url: smtpUrl, from: 'Thread <onboarding@vendor-co.io>', timeoutMs: 5000 })
    : undefined;
  return {
    mailer,
    notifier: new RecordingNotifier(),
    // As the server wires them: a batch mints its links together (createMany), a single send one at a time.
    portalLinks: portalLinksOf(ctx, PUBLIC_URL),
    pacing: { slackPerChannelMs: 0, emailMs: 0 },
    ...extra,
    mailerClose: () => mailer?.close(),
  };
}

/**
 * Northwind's welcome email claimed for sending by a process that died before it sent (the claim is the last
 * thing it did): the action is left executing, as after a crash. `dying` are that process's ports.
 */
export async function emailStuckAfterClaim(ctx: TestServiceContext, smtpUrl: string) {
  const seeded = await seedAccount(ctx);
  const actionId = await seeded.actionId('welcome-email');
  await fireAction(ctx, actionId);
  const dying = depsFor(ctx, smtpUrl, {
    afterClaim: () => {
      throw new Error('process killed');
    },
  });
  await draftAction(ctx, dying, { actionId });
  await expect(executeAction(ctx, dying, { actionId, ...seeded.asCsm })).rejects.toThrow('process killed');
  dying.mailerClose();
  return { seeded, actionId, dying };
}
