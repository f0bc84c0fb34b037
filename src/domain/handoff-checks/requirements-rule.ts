import { ANSWERS, findAnswer, readChoices } from './read-answers';
import { covers, mentionOf, REQUIREMENTS, type Requirement } from './requirements';
import type { FindingSuggestion, HandoffCheckFinding, HandoffCheckInput, PlanInput } from './types';

/** Where a requirement is named: the question's label and the words that name it. */
interface Mention {
  requirement: Requirement;
  question: string;
  words: string;
}

const MAX_QUOTE = 120;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat;
}

/** Each requirement once, where it is first named: the integrations chosen, then the free-text answers. */
function mentions(input: HandoffCheckInput): Mention[] {
  const sources: { question: string; texts: string[] }[] = [];
  const integrations = findAnswer(input.answers, ANSWERS.integrations);
  if (integrations) sources.push({ question: integrations.label, texts: readChoices(integrations.value) });
  for (const lookup of [ANSWERS.requirements, ANSWERS.successCriteria]) {
    const answer = findAnswer(input.answers, lookup);
    if (answer && answer !== integrations) sources.push({ question: answer.label, texts: [answer.value] });
  }
  const found: Mention[] = [];
  for (const requirement of REQUIREMENTS) {
    for (const source of sources) {
      const words = source.texts.map((t) => mentionOf(requirement, t)).find((m) => m !== null);
      if (words) {
        found.push({ requirement, question: source.question, words });
        break;
      }
    }
  }
  return found;
}

/** The first milestone still to come whose name suits the requirement, else the first still to come. */
function milestoneFor(requirement: Requirement, plan: PlanInput): string | null {
  const open = plan.milestones.filter((m) => !m.completed);
  return (open.find((m) => requirement.milestone.test(m.name)) ?? open[0])?.name ?? null;
}

function fixFor(requirement: Requirement, mention: Mention, plan: PlanInput): FindingSuggestion {
  const fromTemplate = plan.templateActionsNotInPlan.find((a) => covers(requirement, a));
  if (fromTemplate) {
    return {
      kind: 'add_template_action',
      templateActionKey: fromTemplate.key,
      actionName: fromTemplate.name,
      milestoneName: fromTemplate.milestoneName,
    };
  }
  return {
    kind: 'add_internal_task',
    name: requirement.taskName,
    instructions: `The AE's handoff names ${requirement.name} ("${quote(mention.words)}", under "${quote(mention.question)}"). Agree the details with the customer and get it done.`,
    milestoneName: milestoneFor(requirement, plan),
  };
}

/**
 * An integration or requirement the AE names (SSO, SCIM, a data import, an API, Salesforce) that no action of the
 * plan covers. The fix adds the template's action that covers it when the plan lacks one, else an internal task.
 */
export function requirementsNotInPlan(input: HandoffCheckInput): HandoffCheckFinding[] {
  return mentions(input)
    .filter((m) => !input.plan.actions.some((a) => covers(m.requirement, a)))
    .map((m) => ({
      rule: 'requirement_not_in_plan' as const,
      severity: 'warning' as const,
      fingerprint: `requirement_not_in_plan:${m.requirement.id}`,
      message: `The handoff names ${m.requirement.name} ("${quote(m.words)}"), but no action in the plan covers it.`,
      suggestion: fixFor(m.requirement, m, input.plan),
    }));
}
