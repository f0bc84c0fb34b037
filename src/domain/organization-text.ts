/** The organisation's words: its name (the portal's heading, the sender of emails) and the voice drafts are written in. */
import { accepted, checkLine, hasControlCharacters, refused, type Checked } from './checked';

export const MAX_ORGANIZATION_NAME_LENGTH = 100;
export const MAX_BRAND_VOICE_LENGTH = 1000;

export function checkOrganizationName(input: string): Checked<string> {
  return checkLine(input, { label: 'The organisation name', max: MAX_ORGANIZATION_NAME_LENGTH });
}

/** Several lines are fine (a voice is often a short list); other control characters are not. */
export function checkBrandVoice(input: string): Checked<string> {
  const value = input.trim();
  if (value === '') return refused('The brand voice cannot be empty; describe in a sentence how drafts should sound.');
  if (hasControlCharacters(value, { allowLineBreaks: true })) {
    return refused('The brand voice cannot contain control characters.');
  }
  if (value.length > MAX_BRAND_VOICE_LENGTH) {
    return refused(
      `The brand voice is ${value.length} characters long; keep it to ${MAX_BRAND_VOICE_LENGTH} or fewer.`,
    );
  }
  return accepted(value);
}
