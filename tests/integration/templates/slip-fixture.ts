/**
 * Several accounts on one template whose customers are slow on the same portal request, arranged through the
 * services as people would: the operator imports the template and creates the accounts, the CSM holds the kickoff
 * call and completes Kickoff, then sends the SSO form as Technical Setup starts, and six business days later each customer answers it through
 * the portal and the CSM completes Technical Setup (which refreshes the account's slip ledger).
 *
 * Worked example, every account alike (organisation in UTC, Monday to Friday): Technical Setup starts Tuesday
 * 24 November 2026 and is planned for 2 business days (24, 25 November). It completes Wednesday 2 December, so it
 * ran over on 26, 27, 30 November, 1 and 2 December: 5 days, each blamed on the SSO form (the oldest item open, on
 * the customer). The customer's wait on it is 14 + 24 × 5 + 10 = 144 business hours: 6 days.
 *
 * With the form in Kickoff instead (`formIn: 'Kickoff'`), Kickoff (planned 1 day, 24 November) runs until
 * 2 December: 6 days over, blamed on the SSO form, so it needed 1 + 6 = 7 days on every account.
 */
import type { TemplateActionSpec, TemplateSpec } from '../../../src/domain/template';
import { createAccount } from '../../../src/services/accounts/create-account';
import { completeMilestone } from '../../../src/services/milestones/complete-milestone';
import { importTemplate } from '../../../src/services/templates/import-template';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { answerPortalForm, arrangeDeps, fireAction, publishAction } from '../../support/plan-steps';
import type { TestServiceContext } from '../../support/service-context';

export const TEMPLATE_NAME = 'Standard onboarding';
export const KICKOFF = '2026-11-24T10:00:00Z';
export const ANSWERED = '2026-12-02T10:00:00Z';
export const SLIP_DAYS_PER_ACCOUNT = 5;
export const SENTENCE = 'Customers wait a median 6 days on the SSO form in Technical Setup: ask for it at kickoff.';

const task = (key: string, name: string) => ({
  key,
  name,
  type: 'internal_task' as const,
  subject: '',
  body: '',
  instructions: '',
  purpose: '',
});

const SSO_FORM: TemplateActionSpec = {
  key: 'sso-form',
  name: 'SSO form',
  type: 'portal_form',
  trigger: { kind: 'milestone_start', delayDays: 0 },
  subject: '',
  body: 'Hello {{contact.first_name}}, tell us about SSO at {{company}}.',
  instructions: '',
  purpose: 'So we can connect your identity provider',
  formFields: [{ key: 'provider', label: 'Your SSO provider', kind: 'text', required: true }],
};

/** Where the SSO form is: in Technical Setup (asked late: ask at kickoff instead) or in Kickoff itself. */
export type FormPlace = 'Technical Setup' | 'Kickoff';

export function slowSsoTemplate(formIn: FormPlace = 'Technical Setup'): TemplateSpec {
  const kickoffCall: TemplateActionSpec = {
    ...task('kickoff-call', 'Kickoff call'),
    trigger: { kind: 'milestone_start', delayDays: 0 },
  };
  const configure: TemplateActionSpec = {
    ...task('configure-sso', 'Configure SSO'),
    trigger: { kind: 'submission', delayDays: 0, after: 'sso-form' },
  };
  return {
    name: TEMPLATE_NAME,
    description: 'Kickoff, technical setup, go-live',
    milestones: [
      {
        name: 'Kickoff',
        plannedDays: 1,
        exitCriteria: 'Kickoff call held',
        description: '',
        actions: formIn === 'Kickoff' ? [kickoffCall, SSO_FORM] : [kickoffCall],
      },
      {
        name: 'Technical Setup',
        plannedDays: 2,
        exitCriteria: 'SSO works',
        description: '',
        actions: formIn === 'Kickoff' ? [configure] : [SSO_FORM, configure],
      },
      {
        name: 'Go-Live',
        plannedDays: 1,
        exitCriteria: 'Live',
        description: '',
        actions: [{ ...task('go-live-check', 'Go-live check'), trigger: { kind: 'milestone_start', delayDays: 0 } }],
      },
    ],
  } satisfies TemplateSpec;
}

const ONE_MINUTE = 60_000;

/** The accounts, named `Customer 1`… each with the SSO form answered six business days after it was sent. */
export async function arrangeSlowSsoForm(
  ctx: TestServiceContext,
  o: {
    organizationId: string;
    csm: { userId: string };
    csmSlackUserId: string;
    accounts: number;
    formIn?: FormPlace;
  },
): Promise<{ templateId: string; accountIds: string[] }> {
  const formIn = o.formIn ?? 'Technical Setup';
  ctx.setNow(KICKOFF);
  const { templateId } = await importTemplate(ctx, {
    organizationId: o.organizationId,
    spec: slowSsoTemplate(formIn),
    actor: 'cli',
  });
  const deps = arrangeDeps(ctx);
  const accounts: { id: string; formMilestoneId: string; ssoFormId: string }[] = [];
  for (let i = 1; i <= o.accounts; i++) {
    const account = await createAccount(ctx, {
      organizationId: o.organizationId,
      name: `Customer ${i}`,
      templateName: TEMPLATE_NAME,
      csmSlackUserId: o.csmSlackUserId,
      kickoffDate: KICKOFF.slice(0, 10),
      contact: { email: `it@customer${i}.io`, name: 'Dana Scully' },
      actor: 'cli',
    });
    const milestones = await ctx.prisma.milestone.findMany({
      where: { accountId: account.id },
      orderBy: { position: 'asc' },
      select: { id: true },
    });
    const ssoForm = await ctx.prisma.action.findFirstOrThrow({
      where: { accountId: account.id, key: 'sso-form' },
      select: { id: true },
    });
    const formMilestone = milestones[formIn === 'Kickoff' ? 0 : 1]!;
    accounts.push({ id: account.id, formMilestoneId: formMilestone.id, ssoFormId: ssoForm.id });
  }

  // One account a minute, so each request waits exactly as long as the others.
  for (const account of accounts) {
    const kickoff = await ctx.prisma.milestone.findFirstOrThrow({
      where: { accountId: account.id, position: 0 },
      select: { id: true, actions: { where: { type: 'internal_task' }, select: { id: true } } },
    });
    for (const call of kickoff.actions) {
      await fireAction(ctx, call.id);
      await completeInternalTask(ctx, deps, { organizationId: o.organizationId, actionId: call.id, actor: o.csm });
    }
    if (formIn !== 'Kickoff') {
      await completeMilestone(ctx, { organizationId: o.organizationId, milestoneId: kickoff.id, actor: o.csm });
    }
    await publishAction(ctx, deps, { organizationId: o.organizationId, actionId: account.ssoFormId, actor: o.csm });
    ctx.advance(ONE_MINUTE);
  }

  ctx.setNow(ANSWERED);
  for (const account of accounts) {
    await answerPortalForm(ctx, deps, { actionId: account.ssoFormId, values: { provider: 'Okta' } });
    await completeMilestone(ctx, {
      organizationId: o.organizationId,
      milestoneId: account.formMilestoneId,
      actor: o.csm,
      overrideReason: 'SSO configured',
    });
    ctx.advance(ONE_MINUTE);
  }
  return { templateId, accountIds: accounts.map((a) => a.id) };
}
