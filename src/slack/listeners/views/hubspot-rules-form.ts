/** The HubSpot rules modal's state as the rules setHubSpotRules takes; lines that do not read are field errors. */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import type { CsmRule } from '../../../domain/hubspot-rules';
import { fieldErrors, type FieldProblem } from '../../../services/errors/field-errors';
import type { HubSpotRuleChoices } from '../../../services/hubspot/get-hubspot-rule-choices';
import type { setHubSpotRules } from '../../../services/hubspot/set-hubspot-rules';
import { HUBSPOT_FIELDS } from '../../ids';
import { readModalMetadata } from './modal-metadata';
import { hasBlock, inputValue, selectedValue } from './view-input';

type RulesInput = Parameters<typeof setHubSpotRules>[2]['rules'];
type View = Pick<ViewOutput, 'state' | 'blocks' | 'private_metadata'>;

const metadataSchema = z.object({ pipelines: z.array(z.string()) });

/** The service's option names → the blocks that show their errors. */
export const RULES_BLOCK_OF_FIELD: Record<string, string> = {
  'csm.userId': HUBSPOT_FIELDS.csmFixed,
  'csm.owners': HUBSPOT_FIELDS.csmOwners,
  'csm.fallbackUserId': HUBSPOT_FIELDS.csmFallback,
  template: HUBSPOT_FIELDS.templateDefault,
  'template.byProperty.property': HUBSPOT_FIELDS.templateProperty,
  'template.byProperty.values': HUBSPOT_FIELDS.templateValues,
  arrProperty: HUBSPOT_FIELDS.arrProperty,
};

/** "left = right" lines; a line without "=" is a problem of `field`. */
function pairs(text: string, field: string, problems: FieldProblem[]): [string, string][] {
  const found: [string, string][] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = line.indexOf('=');
    const left = at < 0 ? '' : line.slice(0, at).trim();
    const right = at < 0 ? '' : line.slice(at + 1).trim();
    if (!left || !right) problems.push({ field, message: `Line ${i + 1} is not “something = something”.` });
    else found.push([left, right]);
  });
  return found;
}

export function readHubSpotRulesForm(view: View, csms: HubSpotRuleChoices['csms']): RulesInput {
  const F = HUBSPOT_FIELDS;
  const { pipelines } = readModalMetadata(view, metadataSchema);
  const problems: FieldProblem[] = [];
  const triggerStages: Record<string, string[]> = {};
  const byPipeline: Record<string, string | null> = {};
  pipelines.forEach((id, i) => {
    const stagesBlock = `${F.stagesPrefix}${i}`;
    if (hasBlock(view, stagesBlock))
      triggerStages[id] = (view.state.values[stagesBlock]?.[stagesBlock]?.selected_options ?? []).map((o) => o.value);
    const templateBlock = `${F.templatePipelinePrefix}${i}`;
    if (hasBlock(view, templateBlock)) byPipeline[id] = selectedValue(view, templateBlock) || null;
  });

  const kind = selectedValue(view, F.csmRule) || 'round_robin';
  let csm: CsmRule;
  if (kind === 'fixed') {
    const userId = selectedValue(view, F.csmFixed);
    if (!userId) problems.push({ field: 'csm.userId', message: 'Pick the person for “Always the same person”.' });
    csm = { kind: 'fixed', userId };
  } else if (kind === 'by_owner') {
    const owners: Record<string, string> = {};
    for (const [owner, csmEmail] of pairs(inputValue(view, F.csmOwners), 'csm.owners', problems)) {
      const person = csms.find((p) => p.email?.toLowerCase() === csmEmail.toLowerCase());
      if (!person) problems.push({ field: 'csm.owners', message: `No CSM in Thread has the email ${csmEmail}.` });
      else owners[owner.toLowerCase()] = person.userId;
    }
    const fallback = selectedValue(view, F.csmFallback);
    csm = { kind: 'by_owner', owners, ...(fallback ? { fallbackUserId: fallback } : {}) };
  } else {
    csm = kind === 'none' ? { kind: 'none' } : { kind: 'round_robin' };
  }

  const property = inputValue(view, F.templateProperty);
  const values = Object.fromEntries(pairs(inputValue(view, F.templateValues), 'template.byProperty.values', problems));
  if (property && Object.keys(values).length === 0)
    problems.push({ field: 'template.byProperty.values', message: 'List which value picks which template.' });
  if (!property && Object.keys(values).length > 0)
    problems.push({ field: 'template.byProperty.property', message: 'Name the deal property these values are of.' });
  if (problems.length > 0) throw fieldErrors(problems);

  return {
    ...(pipelines.length > 0 ? { triggerStages } : {}),
    csm,
    template: {
      ...(pipelines.length > 0 ? { byPipeline } : {}),
      byProperty: property ? { property, values } : null,
      ...(hasBlock(view, F.templateDefault) ? { defaultTemplate: selectedValue(view, F.templateDefault) || null } : {}),
    },
    arrProperty: inputValue(view, F.arrProperty),
  };
}
