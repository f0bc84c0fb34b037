import type { TemplateSpec } from '../../domain/template';
import { validateTemplateGraph } from '../../domain/template-graph';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, ServiceContext } from '../context';
import { toJsonInput } from '../json/stored-json';

export interface ImportTemplateOptions {
  organizationId: string;
  /** Parsed (domain/template-file.ts); its graph is checked again here, whoever built it. */
  spec: TemplateSpec;
  actor: Actor;
}

export interface ImportTemplateResult {
  templateId: string;
  version: number;
  created: boolean;
  milestones: number;
  actions: number;
}

/**
 * Stores a template, replacing the plan of an existing one with the same name and bumping its version.
 * One transaction: a failure leaves the previous version untouched. Accounts keep the plan they were given.
 * A template whose graph could strand an action (domain/template-graph.ts) is refused before anything is written,
 * with every problem named: which action, and why it would never fire.
 */
export async function importTemplate(
  ctx: ServiceContext,
  options: ImportTemplateOptions,
): Promise<ImportTemplateResult> {
  const { spec, organizationId } = options;
  const problems = validateTemplateGraph(spec);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    throw new AppError('template_invalid', `the template "${spec.name}" is refused:\n${list}`, { details: problems });
  }
  return ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.template.findUnique({
      where: { organizationId_name: { organizationId, name: spec.name } },
    });
    const template = existing
      ? await tx.template.update({
          where: { id: existing.id },
          data: { description: spec.description, version: { increment: 1 } },
        })
      : await tx.template.create({ data: { organizationId, name: spec.name, description: spec.description } });
    if (existing) await tx.templateMilestone.deleteMany({ where: { templateId: template.id } });

    let actions = 0;
    for (const [position, milestone] of spec.milestones.entries()) {
      await tx.templateMilestone.create({
        data: {
          templateId: template.id,
          position,
          name: milestone.name,
          plannedDays: milestone.plannedDays,
          exitCriteria: milestone.exitCriteria,
          description: milestone.description,
          actions: {
            create: milestone.actions.map((a, actionPosition) => ({
              position: actionPosition,
              key: a.key,
              name: a.name,
              type: a.type,
              triggerKind: a.trigger.kind,
              delayDays: a.trigger.delayDays,
              afterActionKey: a.trigger.after ?? null,
              subject: a.subject,
              body: a.body,
              instructions: a.instructions,
              purpose: a.purpose,
              formFields: a.formFields ? toJsonInput(a.formFields) : undefined,
            })),
          },
        },
      });
      actions += milestone.actions.length;
    }
    await recordAuditEvent(tx, {
      organizationId,
      entityType: 'template',
      entityId: template.id,
      actor: options.actor,
      to: `v${template.version}`,
      reason: existing ? 'template re-imported' : 'template imported',
      at: ctx.now(),
    });
    return {
      templateId: template.id,
      version: template.version,
      created: !existing,
      milestones: spec.milestones.length,
      actions,
    };
  });
}
