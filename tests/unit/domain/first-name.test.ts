import { firstName } from '../../../src/domain/first-name';

describe('firstName', () => {
  it.each([
    ['Dana Whitfield', 'Dana'],
    ['  Dana   Whitfield ', 'Dana'],
    ['Dana', 'Dana'],
    ['Mary-Jane van der Berg', 'Mary-Jane'],
    ['Dana\tWhitfield', 'Dana'],
  ])('greets %p as %p', (name, expected) => {
    expect(firstName(name)).toBe(expected);
  });

  it.each(['', '   ', '\n\t'])('gives an empty first name for a blank name (%p)', (name) => {
    expect(firstName(name)).toBe('');
  });
});
