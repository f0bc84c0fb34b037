import type {
  TemplateActionSpec,
  TemplateMilestoneSpec,
  TemplateSpec,
  TriggerSpec,
} from '../../../src/domain/template';

export function action(
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
    subject: `Subject ${key}`,
    body: `Body ${key}`,
    instructions: `Instructions ${key}`,
    purpose: `Purpose ${key}`,
    ...extra,
  };
}

export function milestone(name: string, plannedDays: number, actions: TemplateActionSpec[]): TemplateMilestoneSpec {
  return { name, plannedDays, exitCriteria: `${name} done`, description: `About ${name}`, actions };
}

export function template(milestones: TemplateMilestoneSpec[]): TemplateSpec {
  return { name: 'Standard onboarding', description: 'Test template', milestones };
}
