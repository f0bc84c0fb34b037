/**
 * The organisation's logo, shown in the portal and emails. Only an https address is accepted: customers' browsers
 * load it, so it must not downgrade the page, carry credentials, or be a script or inline data in disguise.
 * Whether it really is an image is asked of the address itself by updateSettings (through its image probe); what
 * counts as an image answer is decided here.
 */
import { accepted, hasControlCharacters, refused, type Checked } from './checked';

export const MAX_LOGO_URL_LENGTH = 2048;

/**
 * What a logo's address answered when asked (connectors/web/image-probe.ts): its media type as sent ("image/png",
 * or "" when it sent none), or why it could not be loaded, in words a person can act on ("it answered 404 Not Found").
 */
export type ImageProbeAnswer = { ok: true; contentType: string } | { ok: false; reason: string };

export function checkLogoUrl(input: string): Checked<string> {
  const value = input.trim();
  if (value === '') return refused('The logo URL cannot be empty; clear the setting instead to show no logo.');
  if (value.length > MAX_LOGO_URL_LENGTH) {
    return refused(`The logo URL is ${value.length} characters long; keep it to ${MAX_LOGO_URL_LENGTH} or fewer.`);
  }
  if (hasControlCharacters(value) || /\s/.test(value)) {
    return refused('The logo URL cannot contain spaces or control characters.');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refused('The logo URL is not a web address; give one such as https://example.com/logo.png.');
  }
  if (url.protocol !== 'https:') {
    return refused(`The logo URL must start with https:// (it starts with ${url.protocol}).`);
  }
  if (url.username !== '' || url.password !== '') {
    return refused('The logo URL cannot contain a user name or password.');
  }
  if (url.hostname === '') return refused('The logo URL needs a host name, such as https://example.com/logo.png.');
  return accepted(url.href);
}

/** Whether a media type an address answers with ("image/png", without parameters) is an image of any kind. */
export function isImageMediaType(mediaType: string): boolean {
  return /^image\/[a-z0-9][a-z0-9.+-]*$/i.test(mediaType.trim());
}

/** Why an address that answered is not taken as the logo, or null when its answer is an image. */
export function notAnImage(mediaType: string): string | null {
  if (isImageMediaType(mediaType)) return null;
  const what = mediaType.trim() === '' ? 'no content type' : mediaType.trim();
  return `The logo URL answers with ${what}, not an image.`;
}
