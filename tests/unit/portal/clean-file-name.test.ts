import { cleanFileName } from '../../../src/services/portal/upload-rules';

describe('cleanFileName', () => {
  it('drops directories and control characters, including a right-to-left override that disguises the extension', () => {
    expect(cleanFileName('C:\\Users\\dana\\invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('../../etc/pass\u0000wd\u0085')).toBe('passwd');
    expect(cleanFileName('  Signed DPA.pdf  ')).toBe('Signed DPA.pdf');
  });

  it('keeps the extension when it shortens a long name to 200 characters', () => {
    const name = cleanFileName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
