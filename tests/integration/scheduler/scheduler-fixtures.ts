/** Builds organisations, templates and accounts for the scheduler tests through the real services. */
import type { TemplateActionSpec, TemplateSpec, TriggerSpec } from '../../../src/domain/template';
import { createAccount } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
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

export async function setupOrganization(
  ctx: ServiceContext,
  settings: {
    timezone?: string;
    maxActivePortalActions?: number;
    submissionReviewSlaHours?: number;
    portalReminderDays?: number;
    digestHour?: number;
  } = {},
) {
  const org = await getDefaultOrganization(ctx, { name: 'Test Co' });
  return ctx.prisma.organization.update({ where: { id: org.id }, data: settings });
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
