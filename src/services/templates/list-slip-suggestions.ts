import { z } from 'zod';
import { can } from '../../domain/roles';
import { suggestTemplateChanges, type SlipSuggestion } from '../../domain/slip-suggestions';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { loadSlipEvidence } from './load-slip-evidence';
import { loadTemplateSpec } from './load-template-spec';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /** One template, by name (the command line) or id (a button); every template when neither is given. */
  templateName: z.string().trim().min(1).optional(),
  templateId: z.string().min(1).optional(),
});

export type ListSlipSuggestionsOptions = z.input<typeof optionsSchema>;

export interface SlipSuggestionList {
  suggestions: SlipSuggestion[];
  /** Whether the person may accept them (admins); everyone else reads them. */
  canAccept: boolean;
  /** The template they were limited to, when they were. */
  template: { id: string; name: string } | null;
}

/** The template changes the slip ledger suggests, costliest first; anyone in the organisation may read them. */
export async function listSlipSuggestions(
  ctx: ServiceContext,
  options: ListSlipSuggestionsOptions,
): Promise<SlipSuggestionList> {
  const { organizationId, actor, templateName, templateId } = parseOptions(optionsSchema, options);
  const person = await loadActingPerson(ctx.prisma, organizationId, actor);
  assertCapability(person, 'read', 'read the template suggestions');
  const template = templateName
    ? await loadTemplateSpec(ctx.prisma, { organizationId, name: templateName }).then((t) => ({
        id: t.id,
        name: t.spec.name,
      }))
    : templateId
      ? await ctx.prisma.template.findFirst({
          where: { id: templateId, organizationId },
          select: { id: true, name: true },
        })
      : null;
  const evidence = await loadSlipEvidence(ctx, { organizationId, templateId: template?.id ?? templateId });
  return {
    suggestions: suggestTemplateChanges(evidence),
    canAccept: can(person.role, 'manage_templates'),
    template,
  };
}
