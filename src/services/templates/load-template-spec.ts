import type { Prisma } from '../../db/generated/client';
import type { FormField, TemplateSpec } from '../../domain/template';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import type { PrismaClient } from '../../db/generated/client';

const templateWithPlan = {
  milestones: { orderBy: { position: 'asc' }, include: { actions: { orderBy: { position: 'asc' } } } },
} satisfies Prisma.TemplateInclude;

type TemplateWithPlan = Prisma.TemplateGetPayload<{ include: typeof templateWithPlan }>;

export interface LoadedTemplate {
  id: string;
  version: number;
  spec: TemplateSpec;
}

function toSpec(template: TemplateWithPlan): TemplateSpec {
  return {
    name: template.name,
    description: template.description,
    milestones: template.milestones.map((m) => ({
      name: m.name,
      plannedDays: m.plannedDays,
      exitCriteria: m.exitCriteria,
      description: m.description,
      actions: m.actions.map((a) => ({
        key: a.key,
        name: a.name,
        type: a.type,
        trigger: { kind: a.triggerKind, delayDays: a.delayDays, ...(a.afterActionKey ? { after: a.afterActionKey } : {}) },
        subject: a.subject,
        body: a.body,
        instructions: a.instructions,
        purpose: a.purpose,
        ...(a.formFields ? { formFields: a.formFields as unknown as FormField[] } : {}),
      })),
    })),
  };
}

/** A stored template as Thread's own TemplateSpec, by name (case-insensitive) within an organisation. */
export async function loadTemplateSpec(db: Tx | PrismaClient, options: { organizationId: string; name: string }): Promise<LoadedTemplate> {
  const template = await db.template.findFirst({
    where: { organizationId: options.organizationId, name: { equals: options.name, mode: 'insensitive' } },
    include: templateWithPlan,
  });
  if (!template) {
    const names = await db.template.findMany({ where: { organizationId: options.organizationId }, select: { name: true }, orderBy: { name: 'asc' } });
    const known = names.length > 0 ? `known templates: ${names.map((n) => `"${n.name}"`).join(', ')}` : 'no templates are imported yet (npm run thread -- templates import <file>)';
    throw new AppError('not_found', `no template named "${options.name}"; ${known}`);
  }
  return { id: template.id, version: template.version, spec: toSpec(template) };
}
