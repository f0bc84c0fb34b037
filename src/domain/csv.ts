/**
 * CSV as spreadsheets read it (RFC 4180, CRLF line ends), safe to open in Excel, Sheets or Numbers: a text cell that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula (account and template names
 * are typed by people and by the CRM), so it is prefixed with a single quote and shown as the text it is (OWASP's
 * advice on CSV injection). Numbers are written as numbers: a negative number is data, not a formula.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
