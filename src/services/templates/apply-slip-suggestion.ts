import { z } from 'zod';
import {
  applySlipChange,
  parseSlipSuggestionId,
  suggestTemplateChanges,
  templateRef,
  type SlipSuggestion,
} from '../../domain/slip-suggestions';
import { parseTemplateFile, serializeTemplate, TemplateFileError } from '../../domain/template-file';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { toJsonInput } from '../json/stored-json';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { importTemplate } from './import-template';
import { loadSlipEvidence } from './load-slip-evidence';
import { loadTemplateSpec } from './load-template-spec';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  suggestionId: z.string().trim().min(1, 'name the suggestion to accept'),
});

export type ApplySlipSuggestionOptions = z.input<typeof optionsSchema>;

export interface AppliedSlipSuggestion {
  suggestion: SlipSuggestion;
  templateName: string;
  fromVersion: number;
  toVersion: number;
}

const LIST_AGAIN =
  'look at the suggestions again (App Home → Analytics → Template steps that slip most, or `thread templates suggestions`)';

/**
 * An admin accepts a slip suggestion: the template, as its export writes it, is changed as suggested and imported
 * back as a new version, so the file checks and the graph check run on it as on any upload. Accounts already running
 * keep the plan they have (the import never touches them). The audit trail records the version from → to and the
 * suggestion accepted.
 *
 * A suggestion is refused once it no longer applies: the template moved to another version since it was made, or
 * the slip behind it no longer suggests the same change.
 */
export async function applySlipSuggestion(
  ctx: ServiceContext,
  options: ApplySlipSuggestionOptions,
): Promise<AppliedSlipSuggestion> {
  const { organizationId, actor, suggestionId } = parseOptions(optionsSchema, options);
  const person = await loadActingPerson(ctx.prisma, organizationId, actor);
  assertCapability(person, 'manage_templates', 'change templates');

  const parsed = parseSlipSuggestionId(suggestionId);
  if (!parsed) {
    throw new AppError(
      'validation_failed',
      `"${suggestionId}" is not a suggestion id (they look like k3x9qa.v2.kickoff-sso-form); ${LIST_AGAIN}.`,
      { fields: [{ field: 'suggestionId', message: 'not a suggestion id' }] },
    );
  }
  const templates = await ctx.prisma.template.findMany({
    where: { organizationId },
    select: { id: true, name: true, version: true },
  });
  const template = templates.find((t) => templateRef(t.id) === parsed.templateRef);
  if (!template) {
    throw new AppError(
      'not_found',
      `no template of this organisation has the suggestion "${suggestionId}"; ${LIST_AGAIN}.`,
    );
  }
  if (template.version !== parsed.version) {
    throw new AppError(
      'conflict',
      `the template "${template.name}" has changed since this suggestion was made (it was v${parsed.version} and is now v${template.version}), so it no longer applies; ${LIST_AGAIN}.`,
    );
  }

  const suggestion = suggestTemplateChanges(
    await loadSlipEvidence(ctx, { organizationId, templateId: template.id }),
  ).find((s) => s.id === suggestionId.trim());
  if (!suggestion) {
    throw new AppError(
      'conflict',
      `the slip on "${template.name}" no longer suggests that change (the accounts behind it have moved on since), so it was not made; ${LIST_AGAIN}.`,
    );
  }

  // Through the file format both ways, exactly as `templates export` then `templates import` would go.
  const loaded = await loadTemplateSpec(ctx.prisma, { organizationId, name: template.name });
  const exported = parseTemplateFile(serializeTemplate(loaded.spec), `${template.name} v${loaded.version}`);
  const changed = applySlipChange(exported, suggestion.change);
  if (!changed.ok) throw new AppError('conflict', `${changed.message} ${LIST_AGAIN}.`);
  let spec;
  try {
    spec = parseTemplateFile(serializeTemplate(changed.value), `${template.name} as suggested`);
  } catch (error) {
    if (error instanceof TemplateFileError) {
      throw new AppError('template_invalid', error.message, { details: error.issues, cause: error });
    }
    throw error;
  }
  const result = await importTemplate(ctx, {
    organizationId,
    spec,
    actor: person.auditActor,
    expectedVersion: parsed.version,
    audit: {
      reason: `slip suggestion accepted: ${suggestion.changeWords}`,
      data: toJsonInput({ suggestionId: suggestion.id, sentence: suggestion.sentence, change: suggestion.change }),
    },
  });
  return { suggestion, templateName: template.name, fromVersion: parsed.version, toVersion: result.version };
}
