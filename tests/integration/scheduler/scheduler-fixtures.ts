/** Builds organisations, templates and accounts for the scheduler tests through the real services. */
import type { FormField, TemplateActionSpec, TemplateSpec, TriggerSpec } from '../../../src/domain/template';
import { createAccount } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { updateSettings, type UpdateSettingsOptions } from '../../../src/services/organizations/update-settings';
import { importTemplate } from '../../../src/services/templates/import-template';

export function spec(
  key: string,
  type: TemplateActionSpec['type'],
  trigger: TriggerSpec,
  extra: Partial<TemplateActionSpec> = {},
): TemplateActionSpec {
  return {
    key,
    name: `Action ${key}`,
    type,
    trigger,
    subject: type === 'email' ? `About ${key} for {{company}}` : '',
    body: `Hello {{contact.first_name}}, this is ${key} for {{company}}.`,
    instructions: '',
    purpose: '',
    // The import refuses a form without questions (nobody could ever answer it).
    ...(type === 'portal_form'
      ? { formFields: [{ key: 'answer', label: `Your answer to ${key}`, kind: 'text' as const, required: true }] }
      : {}),
    ...extra,
  };
}

export function oneMilestoneTemplate(
  name: string,
  actions: TemplateActionSpec[],
  more: TemplateSpec['milestones'] = [],
): TemplateSpec {
  return {
    name,
    description: 'test template',
    milestones: [{ name: 'Kickoff', plannedDays: 5, exitCriteria: 'done', description: '', actions }, ...more],
  };
}

/** The organisation, with the settings given changed as the operator changes them (`thread org set`). */
export async function setupOrganization(
  ctx: ServiceContext,
  settings: Pick<
    UpdateSettingsOptions['settings'],
    'timezone' | 'portalMaxActive' | 'reviewSlaHours' | 'reminderSpacingDays'
  > = {},
) {
  const org = await getDefaultOrganization(ctx, { name: 'Test Co' });
  await updateSettings(ctx, { organizationId: org.id, actor: 'cli', settings });
  return ctx.prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
}

export async function addTemplate(ctx: ServiceContext, organizationId: string, template: TemplateSpec): Promise<void> {
  await importTemplate(ctx, { organizationId, spec: template, actor: 'test' });
}

export async function addAccount(
  ctx: ServiceContext,
  organizationId: string,
  name: string,
  templateName: string,
  extra: { kickoffDate?: string; csmSlackUserId?: string; contactEmail?: string } = {},
) {
  return createAccount(ctx, {
    organizationId,
    name,
    templateName,
    kickoffDate: extra.kickoffDate ?? '2026-11-23',
    csmSlackUserId: extra.csmSlackUserId,
    contact: {
      email: extra.contactEmail ?? `jane.doe@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.io`,
      name: 'Jane Doe',
    },
    actor: 'cli',
  });
}

/** A portal form's one question, optional, so a customer can answer it with nothing to say. */
export const ONE_QUESTION: FormField[] = [
  { key: 'notes', label: 'Anything we should know?', kind: 'text', required: false },
];

export const CSM_SLACK_ID = 'UCSM0001';

/**
 * Who acts as the CSM named on accounts (addAccount's csmSlackUserId), with the name and email their Slack profile
 * gives, as the user_change event delivers it: customer email goes out as them.
 */
export async function asCsm(ctx: ServiceContext, organizationId: string) {
  const csm = await refreshProfile(ctx, {
    organizationId,
    slackUserId: CSM_SLACK_ID,
    profile: { name: 'Casey Morgan', email: 'casey.morgan@vendor.test' },
  });
  if (!csm) throw new Error(`${CSM_SLACK_ID} is no account's CSM yet: create an account with them first`);
  return { organizationId, actor: { userId: csm.userId } };
}
