import { csvCell, toCsv } from '../../../src/domain/csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['Account', 'Days'],
        [
          ['Acme, Inc. "West"', 3],
          ['Two\nlines', null],
        ],
      ),
    ).toBe('Account,Days\r\n"Acme, Inc. ""West""",3\r\n"Two\nlines",\r\n');
  });

  it('never lets a text cell run as a spreadsheet formula: =, +, -, @, tab and CR lead with a quote', () => {
    expect(csvCell('=HYPERLINK("https://evil.example","click")')).toBe(
      `"'=HYPERLINK(""https://evil.example"",""click"")"`,
    );
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('Acme = good')).toBe('Acme = good');
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvCell(-4)).toBe('-4');
    expect(csvCell(0.833)).toBe('0.833');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
