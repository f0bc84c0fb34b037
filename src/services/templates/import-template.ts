import type { TemplateSpec } from '../../domain/template';
import { validateTemplateGraph } from '../../domain/template-graph';
import type { Prisma } from '../../db/generated/client';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, ServiceContext } from '../context';
import { toJsonInput } from '../json/stored-json';

export interface ImportTemplateOptions {
  organizationId: string;
  /** Parsed (domain/template-file.ts); its graph is checked again here, whoever built it. */
  spec: TemplateSpec;
  actor: Actor;
  /**
   * The version the change was made from (an accepted slip suggestion): the import is refused if the template is
   * no longer at it, so a change built on one version never overwrites another.
   */
  expectedVersion?: number;
  /** Why, for the audit trail, when it is more than an import of a file. */
  audit?: { reason: string; data?: Prisma.InputJsonValue };
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
    if (options.expectedVersion !== undefined) {
      // Held to the end of the transaction: a second change from the same version waits, then finds it moved on.
      await tx.$queryRaw`SELECT "id" FROM "Template"
        WHERE "organizationId" = ${organizationId} AND "name" = ${spec.name} FOR UPDATE`;
    }
    const existing = await tx.template.findUnique({
      where: { organizationId_name: { organizationId, name: spec.name } },
    });
    if (options.expectedVersion !== undefined && existing?.version !== options.expectedVersion) {
      const now = existing ? `it is now v${existing.version}` : 'it no longer exists';
      throw new AppError(
        'conflict',
        `the template "${spec.name}" changed while this was being done (it was v${options.expectedVersion}, ${now}); nothing was changed.`,
      );
    }
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
      from: existing ? `v${existing.version}` : null,
      to: `v${template.version}`,
      reason: options.audit?.reason ?? (existing ? 'template re-imported' : 'template imported'),
      data: options.audit?.data,
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
