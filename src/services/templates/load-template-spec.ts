import { z } from 'zod';
import { ACTION_TYPES, TRIGGER_KINDS, type FormField, type TemplateSpec } from '../../domain/template';
import { AppError } from '../../lib/errors';
import type { Tx } from '../context';
import { readFormFields } from '../json/stored-json';
import type { PrismaClient } from '../../db/generated/client';

/** The plan as the loading query returns it: milestones in order, each with its actions in order, as JSON. */
const planSchema = z.array(
  z.object({
    name: z.string(),
    plannedDays: z.number(),
    exitCriteria: z.string(),
    description: z.string(),
    actions: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        type: z.enum(ACTION_TYPES),
        triggerKind: z.enum(TRIGGER_KINDS),
        delayDays: z.number(),
        afterActionKey: z.string().nullable(),
        subject: z.string(),
        body: z.string(),
        instructions: z.string(),
        purpose: z.string(),
        formFields: z.unknown(),
      }),
    ),
  }),
);

interface TemplateRow {
  id: string;
  name: string;
  description: string;
  version: number;
  milestones: unknown;
}

export interface LoadedTemplate {
  id: string;
  version: number;
  spec: TemplateSpec;
}

function formFieldsOf(value: unknown, row: string): { formFields?: FormField[] } {
  const formFields = readFormFields(value ?? null, { column: 'TemplateAction.formFields', row });
  return formFields ? { formFields } : {};
}

function toSpec(template: TemplateRow): TemplateSpec {
  return {
    name: template.name,
    description: template.description,
    milestones: planSchema.parse(template.milestones).map((m) => ({
      name: m.name,
      plannedDays: m.plannedDays,
      exitCriteria: m.exitCriteria,
      description: m.description,
      actions: m.actions.map((a) => ({
        key: a.key,
        name: a.name,
        type: a.type,
        trigger: {
          kind: a.triggerKind,
          delayDays: a.delayDays,
          ...(a.afterActionKey ? { after: a.afterActionKey } : {}),
        },
        subject: a.subject,
        body: a.body,
        instructions: a.instructions,
        purpose: a.purpose,
        ...formFieldsOf(a.formFields, `action ${a.key} of template ${template.id}`),
      })),
    })),
  };
}

/** A stored template as Thread's own TemplateSpec, by name (case-insensitive) within an organisation. */
export async function loadTemplateSpec(
  db: Tx | PrismaClient,
  options: { organizationId: string; name: string },
): Promise<LoadedTemplate> {
  // One round trip for the template and its whole plan (Prisma reads each level separately). The name matches
  // as Prisma's case-insensitive equals did (ILIKE, first match).
  const rows = await db.$queryRaw<TemplateRow[]>`
    SELECT t."id", t."name", t."description", t."version",
           (SELECT coalesce(json_agg(json_build_object(
                     'name', m."name", 'plannedDays', m."plannedDays", 'exitCriteria', m."exitCriteria", 'description', m."description",
                     'actions', (SELECT coalesce(json_agg(json_build_object(
                                   'key', a."key", 'name', a."name", 'type', a."type", 'triggerKind', a."triggerKind", 'delayDays', a."delayDays",
                                   'afterActionKey', a."afterActionKey", 'subject', a."subject", 'body', a."body", 'instructions', a."instructions",
                                   'purpose', a."purpose", 'formFields', a."formFields") ORDER BY a."position" ASC), '[]'::json)
                                 FROM "TemplateAction" a WHERE a."milestoneId" = m."id")
                   ) ORDER BY m."position" ASC), '[]'::json)
            FROM "TemplateMilestone" m WHERE m."templateId" = t."id") AS "milestones"
    FROM "Template" t
    WHERE t."organizationId" = ${options.organizationId} AND t."name" ILIKE ${options.name}
    LIMIT 1`;
  const template = rows[0];
  if (!template) {
    const names = await db.template.findMany({
      where: { organizationId: options.organizationId },
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    const known =
      names.length > 0
        ? `known templates: ${names.map((n) => `"${n.name}"`).join(', ')}`
        : 'no templates are imported yet (npm run thread -- templates import <file>)';
    throw new AppError('not_found', `no template named "${options.name}"; ${known}`);
  }
  return { id: template.id, version: template.version, spec: toSpec(template) };
}
