import { parseFormFields, validateFormSubmission } from '../../../src/domain/portal-form';
import type { FormField } from '../../../src/domain/template';

const field = (kind: FormField['kind'], extra: Partial<FormField> = {}): FormField => ({
  key: 'f',
  label: 'F',
  kind,
  required: true,
  ...extra,
});
const check = (f: FormField, value: string | undefined) => validateFormSubmission([f], { f: value });

describe('portal form validation', () => {
  it.each([
    ['number', '1,250', 1250],
    ['number', '-3.5', -3.5],
    ['date', '2027-02-28', '2027-02-28'],
    ['email', ' Ada@Example.COM ', 'ada@example.com'],
    ['url', 'https://idp.example.com/metadata', 'https://idp.example.com/metadata'],
    ['text', '  hello  ', 'hello'],
    ['long_text', 'line one\r\nline two', 'line one\nline two'],
  ] as const)('accepts a %s such as %j', (kind, raw, value) => {
    expect(check(field(kind), raw)).toEqual({ ok: true, values: { f: value } });
  });

  it.each([
    ['number', 'twelve', 'Please enter a number, like 25.'],
    ['date', '2027-02-30', 'Please enter a date as YYYY-MM-DD, like 2027-03-31.'],
    ['date', '31/03/2027', 'Please enter a date as YYYY-MM-DD, like 2027-03-31.'],
    ['email', 'ada@', 'Please enter an email address, like name@example.com.'],
    ['url', 'javascript:alert(1)', 'Please enter a web address starting with https://.'],
    ['url', 'ftp://files.example.com', 'Please enter a web address starting with https://.'],
    ['text', 'x'.repeat(1001), 'Please keep this under 1000 characters.'],
    ['long_text', 'x'.repeat(10_001), 'Please keep this under 10,000 characters.'],
  ] as const)('rejects a %s such as %j', (kind, raw, message) => {
    expect(check(field(kind), raw)).toEqual({ ok: false, errors: { f: message } });
  });

  it('accepts only the listed options of a select', () => {
    const select = field('select', { options: ['Okta', 'Google Workspace'] });
    expect(check(select, 'Okta')).toEqual({ ok: true, values: { f: 'Okta' } });
    expect(check(select, 'okta')).toEqual({ ok: false, errors: { f: 'Please choose one of the options.' } });
  });

  it('requires a required checkbox to be ticked and reads an unticked optional one as false', () => {
    expect(check(field('checkbox'), undefined)).toEqual({
      ok: false,
      errors: { f: 'Please tick this box to continue.' },
    });
    expect(check(field('checkbox', { required: false }), undefined)).toEqual({ ok: true, values: { f: false } });
    expect(check(field('checkbox'), 'yes')).toEqual({ ok: true, values: { f: true } });
  });

  it('stores a blank optional field as null and names a blank required one', () => {
    expect(check(field('email', { required: false }), '   ')).toEqual({ ok: true, values: { f: null } });
    expect(check(field('email'), '   ')).toEqual({ ok: false, errors: { f: 'Please fill in this field.' } });
  });

  it('reports every bad field at once and ignores fields the form does not have', () => {
    const result = validateFormSubmission([field('email', { key: 'a' }), field('number', { key: 'b' })], {
      a: 'x',
      b: 'y',
      extra: 'ignored',
    });
    expect(result).toEqual({ ok: false, errors: { a: expect.any(String), b: expect.any(String) } });
  });

  it('reads stored fields, and treats a malformed list as no fields', () => {
    expect(parseFormFields([{ key: 'a', label: 'A', kind: 'text' }])).toEqual([
      { key: 'a', label: 'A', kind: 'text', required: false },
    ]);
    expect(parseFormFields([{ key: 'a', kind: 'rocket' }])).toEqual([]);
    expect(parseFormFields(null)).toEqual([]);
  });
});
