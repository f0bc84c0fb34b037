/**
 * An organisation set up as its people would, to play a plan on the real database: the first person (the admin),
 * a CSM with an email customers can reply to, another CSM and a viewer; a template imported; an account run by the
 * CSM with a primary contact and a customer Slack channel; execution wired to real SMTP (captured on 127.0.0.1) and
 * the fake Slack Web API. Everything goes through the services; no table is written directly.
 */
import { createSlackMessenger } from '../../../src/connectors/slack-messages/slack-messenger';
import { createSmtpMailer } from '../../../src/connectors/email/smtp-mailer';
import type { Action } from '../../../src/db/generated/client';
import type { TemplateSpec } from '../../../src/domain/template';
import { createAccount } from '../../../src/services/accounts/create-account';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import type { ServiceContext } from '../../../src/services/context';
import type { ExecutionDeps } from '../../../src/services/execution/ports';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { mintPortalLink } from '../../../src/services/portal/mint-portal-link';
import { resolvePortalToken, type PortalSession } from '../../../src/services/portal/resolve-portal-token';
import { importTemplate } from '../../../src/services/templates/import-template';
import { RecordingNotifier } from '../../support/recording-notifier';

export const PUBLIC_URL = 'https://thread.plan.test';
export const CUSTOMER_CHANNEL = 'CCUSTOMER1';

export interface PlanTeam {
  organizationId: string;
  adminUserId: string;
  csmUserId: string;
  otherCsmUserId: string;
  viewerUserId: string;
  accountId: string;
  deps: ExecutionDeps & { close(): void };
  /** What the customer's magic link opens, as the portal resolves it. */
  portalSession(): Promise<PortalSession>;
  /** The account's action with this key, as stored now. */
  action(key: string): Promise<Action>;
}

export async function setUpPlan(
  ctx: ServiceContext,
  o: { template: TemplateSpec; smtpUrl: string; slackApiUrl: string; kickoffDate: string },
): Promise<PlanTeam> {
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'TPLAN0001', workspaceName: 'Plan Co' });
  const organizationId = org.id;
  const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'UPLANADMIN' });
  const add = (slackUserId: string, role: 'csm' | 'viewer', name: string) =>
    addPerson(ctx, { organizationId, actor: { userId: admin.userId }, slackUserId, role, name });
  const csm = await add('UPLANCSM', 'csm', 'Casey Morgan');
  const otherCsm = await add('UPLANCSM2', 'csm', 'Robin Lee');
  const viewer = await add('UPLANVIEW', 'viewer', 'Vic Viewer');
  // Slack shows the CSM's email: customer email goes out as them.
  await refreshProfile(ctx, {
    organizationId,
    slackUserId: 'UPLANCSM',
    profile: { name: 'Casey Morgan', email: 'casey.morgan@vendor.test' },
  });

  await importTemplate(ctx, { organizationId, spec: o.template, actor: admin.userId });
  const account = await createAccount(ctx, {
    organizationId,
    name: 'Acme Rockets',
    domain: 'acme-rockets.io',
    templateName: o.template.name,
    csmSlackUserId: 'UPLANCSM',
    kickoffDate: o.kickoffDate,
    contact: { email: 'wile.coyote@acme-rockets.io', name: 'Wile Coyote' },
    actor: { userId: csm.userId },
  });
  await setAccountChannels(ctx, {
    organizationId,
    actor: { userId: csm.userId },
    accountId: account.id,
    customerChannelId: CUSTOMER_CHANNEL,
  });

  const mailer = createSmtpMailer({ url: o.smtpUrl, from: 'Thread <onboarding@vendor.test>', timeoutMs: 5000 });
  const deps = {
    mailer,
    slackMessenger: createSlackMessenger({ botToken: 'xoxb-test', apiUrl: o.slackApiUrl }),
    portalLinks: {
      create: async (input: { accountId: string; contactEmail: string; actor: string }) =>
        mintPortalLink(ctx, { ...input, publicUrl: PUBLIC_URL }),
    },
    notifier: new RecordingNotifier(),
    pacing: { slackPerChannelMs: 0, emailMs: 0 },
    close: () => mailer.close(),
  };
  return {
    organizationId,
    adminUserId: admin.userId,
    csmUserId: csm.userId,
    otherCsmUserId: otherCsm.userId,
    viewerUserId: viewer.userId,
    accountId: account.id,
    deps,
    async portalSession() {
      const link = await createPortalLink(ctx, {
        organizationId,
        accountId: account.id,
        actor: { userId: csm.userId },
        publicUrl: PUBLIC_URL,
      });
      const session = await resolvePortalToken(ctx, { token: link.url.split('/').pop()! });
      if (!session) throw new Error('the portal link Thread just made does not open');
      return session;
    },
    action: (key: string) =>
      ctx.prisma.action.findUniqueOrThrow({ where: { accountId_key: { accountId: account.id, key } } }),
  };
}
