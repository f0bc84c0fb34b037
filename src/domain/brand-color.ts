/**
 * The organisation's brand colour. The portal paints its buttons in it with white text on top, so a colour is
 * refused when white text on it would miss WCAG AA for normal text (a contrast ratio of 4.5:1).
 */
import { accepted, refused, type Checked } from './checked';

export const MIN_CONTRAST_WITH_WHITE = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

/** WCAG 2 relative luminance of an sRGB colour given as #rrggbb. */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number): number => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio (1 to 21) between white and the colour. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

/** Rounds down, so a ratio just under the bar is never shown as meeting it (4.499 reads 4.49, not 4.5). */
function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toFixed(2);
}

/** Accepts #rrggbb (any case; stored lower case) dark enough for white text. */
export function checkBrandColor(input: string): Checked<string> {
  const value = input.trim().toLowerCase();
  if (!HEX.test(value)) {
    return refused('The brand colour must be a hex colour written as #rrggbb, for example #4f46e5.');
  }
  const ratio = contrastWithWhite(value);
  if (ratio < MIN_CONTRAST_WITH_WHITE) {
    return refused(
      `White text on ${value} has a contrast ratio of ${formatRatio(ratio)}:1, below the ${MIN_CONTRAST_WITH_WHITE}:1 ` +
        `that WCAG AA asks for; the portal puts white text on this colour, so pick a darker shade.`,
    );
  }
  return accepted(value);
}
