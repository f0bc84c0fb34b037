import { checkBrandColor, contrastWithWhite } from '../../../src/domain/brand-color';
import { checkLogoUrl, notAnImage } from '../../../src/domain/logo-url';

describe('brand colour', () => {
  it.each([
    ['#4f46e5', '#4f46e5'],
    ['#1D4ED8', '#1d4ed8'],
    ['  #000000 ', '#000000'],
  ])('accepts %p, stored as %p', (input, stored) => {
    expect(checkBrandColor(input)).toEqual({ ok: true, value: stored });
  });

  it.each(['javascript:alert(1)', '#fff', 'red', '#12345g', '4f46e5', '#4f46e5ff', ''])(
    'refuses %p, which is not #rrggbb',
    (input) => {
      const checked = checkBrandColor(input);
      expect(checked).toEqual({ ok: false, message: expect.stringContaining('#rrggbb') });
    },
  );

  it('refuses a light colour and says its contrast ratio with white text', () => {
    expect(checkBrandColor('#ffcc00')).toEqual({
      ok: false,
      message: expect.stringMatching(/White text on #ffcc00 has a contrast ratio of 1\.\d\d:1, below the 4\.5:1/),
    });
  });

  it('computes the WCAG ratios of the extremes', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
  });

  it('never shows a ratio just under the bar as meeting it', () => {
    // #777777 is 4.48:1 against white: just short of AA.
    const checked = checkBrandColor('#777777');
    expect(checked.ok).toBe(false);
    expect(checked).toEqual({ ok: false, message: expect.stringContaining('4.47:1') });
  });

  it('accepts a colour just over the bar', () => {
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(checkBrandColor('#767676').ok).toBe(true);
  });
});

describe('logo URL', () => {
  it('accepts an https address', () => {
    expect(checkLogoUrl(' https://cdn.example.com/logo.png ')).toEqual({
      ok: true,
      value: 'https://cdn.example.com/logo.png',
    });
  });

  it.each([
    ['http://example.com/logo.png', 'https://'],
    ['javascript:alert(1)', 'https://'],
    ['data:image/png;base64,AAAA', 'https://'],
    ['https://user:secret@example.com/logo.png', 'user name or password'],
    ['https://example.com/a logo.png', 'spaces'],
    ['logo.png', 'not a web address'],
    ['', 'cannot be empty'],
  ])('refuses %p', (input, why) => {
    expect(checkLogoUrl(input)).toEqual({ ok: false, message: expect.stringContaining(why) });
  });

  it('refuses an address longer than 2048 characters', () => {
    const long = `https://example.com/${'a'.repeat(2040)}.png`;
    expect(checkLogoUrl(long)).toEqual({ ok: false, message: expect.stringContaining('2048') });
  });
});

describe('what a logo URL answers with', () => {
  it.each(['image/png', 'image/svg+xml', 'image/vnd.microsoft.icon', 'IMAGE/JPEG'])('takes %p as an image', (type) => {
    expect(notAnImage(type)).toBeNull();
  });

  it.each([
    ['text/html', 'The logo URL answers with text/html, not an image.'],
    ['application/octet-stream', 'The logo URL answers with application/octet-stream, not an image.'],
    ['image/', 'The logo URL answers with image/, not an image.'],
    ['', 'The logo URL answers with no content type, not an image.'],
  ])('refuses %p, saying what it is', (type, sentence) => {
    expect(notAnImage(type)).toBe(sentence);
  });
});
