import { ANSWERS, findAnswer } from './read-answers';
import { isKnownContact, normalName, readStakeholders, type NamedStakeholder } from './stakeholders';
import type { HandoffCheckFinding, HandoffCheckInput } from './types';

function describe(p: NamedStakeholder): string {
  const details = [p.title, p.email].filter((d): d is string => d !== null);
  return details.length > 0 ? `${p.name} (${details.join(', ')})` : p.name;
}

/**
 * A stakeholder the AE names who is not a contact of the account. With an email the fix adds them as a contact;
 * without one, the AE has to be asked for it first.
 */
export function stakeholdersNotContacts(input: HandoffCheckInput): HandoffCheckFinding[] {
  const answer = findAnswer(input.answers, ANSWERS.stakeholders);
  if (!answer) return [];
  return readStakeholders(answer.value)
    .filter((p) => !isKnownContact(p, input.contacts))
    .map((p) => ({
      rule: 'stakeholder_not_contact' as const,
      severity: 'info' as const,
      fingerprint: `stakeholder_not_contact:${p.email ?? normalName(p.name)}`,
      message: `The AE names ${describe(p)} as a stakeholder, but they are not a contact of the account.`,
      suggestion: p.email
        ? { kind: 'add_contact' as const, name: p.name, email: p.email, title: p.title }
        : {
            kind: 'talk' as const,
            text: `Ask the AE for ${p.name}'s email address, then add them as a contact.`,
          },
    }));
}
