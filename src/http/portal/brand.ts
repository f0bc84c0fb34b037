/**
 * The organisation's colour, made safe and readable: only a hex colour reaches the stylesheet (anything else
 * falls back to the default), text in the brand colour is darkened until it reads on white (WCAG AA 4.5:1), and
 * text on a brand-coloured button is white or near-black, whichever contrasts more.
 */
export const DEFAULT_BRAND_COLOR = '#4f46e5';

type Rgb = [number, number, number];

function parseHex(color: string): Rgb | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [17, 24, 39];

export interface BrandPalette {
  brand: string;
  /** The brand colour for text and links on white, darkened if needed. */
  brandInk: string;
  /** Text colour on a brand-coloured background. */
  onBrand: string;
  /** A very light tint for backgrounds. */
  brandTint: string;
}

export function brandPalette(color: string | null | undefined): BrandPalette {
  const rgb = parseHex(color ?? '') ?? parseHex(DEFAULT_BRAND_COLOR)!;
  let ink = rgb;
  for (let i = 0; i < 20 && contrastRatio(ink, WHITE) < 4.6; i++) ink = ink.map((v) => v * 0.88) as Rgb;
  const onBrand = contrastRatio(rgb, WHITE) >= contrastRatio(rgb, INK) ? '#ffffff' : toHex(INK);
  const tint = rgb.map((v) => 255 - (255 - v) * 0.08) as Rgb;
  return { brand: toHex(rgb), brandInk: toHex(ink), onBrand, brandTint: toHex(tint) };
}
