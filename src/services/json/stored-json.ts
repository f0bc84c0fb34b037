/**
 * Thread's typed values in and out of Prisma JSON columns, with no casts at the call sites.
 *
 * Writing: `toJsonInput` accepts only values JSON can carry, checked when compiling (a Date, a function, a Map or
 * a class instance fails to build), and checked again at run time before Prisma sees it.
 *
 * Reading: the stored JSON is parsed with the schema of the type it holds. A value written by an older version
 * of Thread, or damaged, stops with an `internal` AppError naming the column and the row, rather than flowing on
 * as the wrong type.
 */
import { z } from 'zod';
import type { Prisma } from '../../db/generated/client';
import { formFieldSchema } from '../../domain/portal-form';
import { lintFindingSchema, type LintFinding } from '../../domain/review-lint';
import { riskReasonSchema } from '../../domain/at-risk-signals';
import type { FormField } from '../../domain/template';
import { AppError } from '../../lib/errors';

type JsonPrimitive = string | number | boolean | null;

/**
 * T itself when every part of it is JSON, `never` in the parts that are not. Object keys may be optional (JSON
 * leaves an undefined key out); functions, symbols, bigints and objects with methods (Date, Map) are refused.
 */
export type JsonCompatible<T> = T extends JsonPrimitive
  ? T
  : T extends readonly (infer E)[]
    ? readonly JsonCompatible<E>[]
    : T extends (...args: never[]) => unknown
      ? never
      : T extends object
        ? { [K in keyof T]: JsonCompatible<T[K]> }
        : never;

/** What a JSON column takes as its value: JSON, but not null (a column without a value is Prisma.DbNull). */
export type JsonColumnValue<T> = T extends null | undefined ? never : JsonCompatible<T>;

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether Prisma can store `value` as JSON exactly as it is (an optional key left undefined is left out). */
function isJsonInput(value: unknown): value is Prisma.InputJsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      // NaN and the infinities would come back as null.
      return Number.isFinite(value);
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value)) return value.every((v) => v === null || isJsonInput(v));
      return isPlainObject(value) && Object.values(value).every((v) => v === undefined || v === null || isJsonInput(v));
    default:
      return false;
  }
}

/** A typed value as the input of a Prisma JSON column. For "no value", write `Prisma.DbNull` instead. */
export function toJsonInput<T>(value: T & JsonColumnValue<T>): Prisma.InputJsonValue {
  // The parameter's type already refuses what JSON cannot carry; this catches what slips past it (an `any`).
  if (!isJsonInput(value)) throw new AppError('internal', 'a value that is not plain JSON was about to be stored');
  return value;
}

/** Where a stored value came from, for the error: `Action.lintFindings` of `action 123`. */
export interface StoredJsonSource {
  column: `${string}.${string}`;
  row: string;
}

/** The stored JSON read as the schema's type, or an `internal` AppError naming the column and the row. */
export function readStoredJson<S extends z.ZodType>(schema: S, value: unknown, source: StoredJsonSource): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new AppError(
    'internal',
    `${source.column} of ${source.row} is not in the shape this version of Thread stores (written by an older version, or damaged): ${problems}`,
    { cause: parsed.error },
  );
}

/** Action.lintFindings: none stored yet reads as no findings. */
export function readLintFindings(value: unknown, actionId: string): LintFinding[] {
  if (value === null) return [];
  return readStoredJson(z.array(lintFindingSchema), value, {
    column: 'Action.lintFindings',
    row: `action ${actionId}`,
  });
}

/** TemplateAction.formFields or Action.formFields: none stored reads as undefined (the action has no form). */
export function readFormFields(
  value: unknown,
  source: StoredJsonSource & { column: 'TemplateAction.formFields' | 'Action.formFields' },
): FormField[] | undefined {
  if (value === null) return undefined;
  return readStoredJson(z.array(formFieldSchema), value, source);
}

/** Account.riskSuggestion: the reasons Thread suggested the account is at risk, and when. */
export const riskSuggestionSchema = z.object({ reasons: z.array(riskReasonSchema), suggestedAt: z.string() });
export type StoredRiskSuggestion = z.infer<typeof riskSuggestionSchema>;

export function readRiskSuggestion(value: unknown, accountId: string): StoredRiskSuggestion | null {
  if (value === null) return null;
  return readStoredJson(riskSuggestionSchema, value, { column: 'Account.riskSuggestion', row: `account ${accountId}` });
}
