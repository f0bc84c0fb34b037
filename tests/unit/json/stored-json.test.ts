import { z } from 'zod';
import type { LintFinding } from '../../../src/domain/review-lint';
import { AppError } from '../../../src/lib/errors';
import { readLintFindings, readStoredJson, toJsonInput } from '../../../src/services/json/stored-json';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

const finding: LintFinding = {
  code: 'unfilled_placeholder',
  severity: 'error',
  message: 'The placeholder {{contact.first_name}} has no value; fill it in or remove it.',
  excerpt: '{{contact.first_name}}',
};

describe('writing typed values to a JSON column', () => {
  it('hands Prisma the value itself, optional keys and nesting included', () => {
    const findings = [finding, { code: 'empty_subject', severity: 'error', message: 'no subject' } as const];
    expect(toJsonInput(findings)).toBe(findings);
    const record: { state: string; to?: string; nested: { list: (number | string | boolean | null)[] } } = {
      state: 'sent',
      to: undefined,
      nested: { list: [1, 'two', true, null] },
    };
    expect(toJsonInput(record)).toBe(record);
  });

  it('refuses what JSON cannot carry, when compiling and again when running', () => {
    // @ts-expect-error a Date is not JSON: it would come back as a string
    expect(() => toJsonInput({ at: new Date() })).toThrow(AppError);
    // @ts-expect-error a function is not JSON
    expect(() => toJsonInput({ run: () => 1 })).toThrow(AppError);
    // @ts-expect-error a Map is not JSON: it would come back as {}
    expect(() => toJsonInput(new Map([['a', 1]]))).toThrow(AppError);
    // @ts-expect-error a column without a value is Prisma.DbNull, not null
    expect(() => toJsonInput(null)).toThrow(AppError);
    expect(() => toJsonInput({ ratio: Number.NaN })).toThrow(AppError);
  });
});

describe('reading a JSON column back', () => {
  it('reads a stored value as its type, and no value as no findings', () => {
    expect(readLintFindings([finding], 'a1')).toEqual([finding]);
    expect(readLintFindings(null, 'a1')).toEqual([]);
  });

  it('refuses a value in another shape with an internal error naming the column, the row and the problem', () => {
    const renamed = [{ ...finding, code: 'placeholder_unfilled' }];
    expect(thrownBy(() => readLintFindings(renamed, 'a1'))).toMatchObject({
      name: 'AppError',
      code: 'internal',
      message: expect.stringMatching(
        /^Action\.lintFindings of action a1 is not in the shape this version of Thread stores \(written by an older version, or damaged\): 0\.code: /,
      ),
    });
  });

  it('names the column for any schema', () => {
    expect(() =>
      readStoredJson(z.object({ n: z.number() }), { n: 'one' }, { column: 'Thing.data', row: 'thing 7' }),
    ).toThrow(/^Thing\.data of thing 7 is not in the shape .*: n: /);
  });
});
