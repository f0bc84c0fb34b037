/**
 * The words Thread says to Claude. Kept apart from the client so the prompt can be read and changed on its own.
 * The system prompt is instructions plus the account's stable context; only the task changes per action, so the
 * stable part is marked for prompt caching.
 */
import type { DraftStableContext, DraftTask } from '../../domain/draft-context';

export const DRAFT_TOOL_NAME = 'write_draft';

export const DRAFT_INSTRUCTIONS = [
  'You draft one message that a Customer Success Manager (CSM) will review and send to a customer during onboarding.',
  "Write as the CSM, in the first person, in the organisation's brand voice. Use only facts given here; never invent dates, numbers, names or promises.",
  'Start from the template content: keep its purpose and structure, personalise it with the account context and the handoff answers.',
  "Keep every {{portal_link}} exactly as written: it becomes the customer's personal portal link when the message is sent.",
  'Never leave other placeholders, bracketed stand-ins such as [Name] or [date], or words like TODO or TBD.',
  'Plain text only (no Markdown headings). For Slack messages no subject is needed: return an empty subject.',
  `Answer only by calling the ${DRAFT_TOOL_NAME} tool.`,
].join('\n');

export function stableContextText(stable: DraftStableContext): string {
  const lines: string[] = [];
  lines.push(`Organisation: ${stable.organization.name}`);
  lines.push(`Brand voice: ${stable.organization.brandVoice}`);
  lines.push(
    `CSM: ${stable.csm ? `${stable.csm.name}${stable.csm.email ? ` <${stable.csm.email}>` : ''}` : 'not assigned'}`,
  );
  const a = stable.account;
  lines.push('', 'Customer account:');
  lines.push(`- Company: ${a.name}`);
  if (a.domain) lines.push(`- Domain: ${a.domain}`);
  if (a.industry) lines.push(`- Industry: ${a.industry}`);
  if (a.arr > 0) lines.push(`- Annual contract value: ${a.arr}`);
  lines.push(`- Kickoff date: ${a.kickoffDate}`);
  if (a.goLiveDate) lines.push(`- Planned go-live: ${a.goLiveDate}`);
  lines.push('', 'Contacts:');
  if (stable.contacts.length === 0) lines.push('- none recorded');
  for (const c of stable.contacts)
    lines.push(`- ${c.name}${c.title ? `, ${c.title}` : ''} <${c.email}>${c.isPrimary ? ' (primary)' : ''}`);
  lines.push('', 'Sales handoff answers:');
  if (stable.handoffAnswers.length === 0) lines.push('- none recorded');
  for (const h of stable.handoffAnswers) lines.push(`- ${h.question}: ${h.answer}`);
  lines.push('', 'Onboarding plan:');
  for (const m of stable.milestones) {
    lines.push(
      `- ${m.name} (${m.status}, planned ${m.plannedStartDate} to ${m.plannedEndDate})${m.exitCriteria ? `: done when ${m.exitCriteria}` : ''}`,
    );
  }
  return lines.join('\n');
}

export function taskText(task: DraftTask): string {
  const lines: string[] = [];
  lines.push(
    `Draft this action: "${task.action.name}" (${task.action.type.replace('_', ' ')}), part of the milestone "${task.milestoneName}".`,
  );
  if (task.recipient) lines.push(`Recipient: ${task.recipient.name} <${task.recipient.email}>`);
  if (task.action.instructions) lines.push(`Instructions from the template: ${task.action.instructions}`);
  if (task.action.purpose) lines.push(`Why the customer is asked: ${task.action.purpose}`);
  lines.push('', 'Already sent to this customer:');
  if (task.alreadySent.length === 0) lines.push('- nothing yet');
  for (const s of task.alreadySent)
    lines.push(`- ${s.sentOn}: ${s.name} (${s.type})${s.subject ? `: "${s.subject}"` : ''}`);
  lines.push(
    '',
    'Template subject:',
    task.defaultSubject || '(none)',
    '',
    'Template body:',
    task.defaultBody || '(none)',
  );
  if (task.revision) {
    lines.push(
      '',
      'The CSM sent back this earlier draft:',
      `Subject: ${task.revision.previousSubject}`,
      task.revision.previousBody,
    );
    lines.push('', `The CSM asks for these changes: ${task.revision.note}`);
  }
  return lines.join('\n');
}
