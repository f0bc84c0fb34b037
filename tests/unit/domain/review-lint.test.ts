import { blockingFindings, LINT_CODES, lintDraft, type LintFinding } from '../../../src/domain/review-lint';
import type { ActionType } from '../../../src/domain/template';

const clean = {
  type: 'email' as ActionType,
  subject: 'Welcome to onboarding, Acme',
  body: 'Hi Dana,\n\nYour portal is at https://portal.thread.dev/a/xyz. See you Tuesday.\n\nSam',
  companyName: 'Acme',
};
const lint = (over: Partial<typeof clean>): LintFinding[] => lintDraft({ ...clean, ...over });
const codes = (over: Partial<typeof clean>): string[] => lint(over).map((f) => f.code);
const excerpts = (over: Partial<typeof clean>, code: string): (string | undefined)[] =>
  lint(over)
    .filter((f) => f.code === code)
    .map((f) => f.excerpt);

describe('lintDraft', () => {
  it('finds nothing in a clean draft', () => {
    expect(lint({})).toEqual([]);
  });

  it('keeps its codes stable', () => {
    expect([...LINT_CODES]).toEqual([
      'unfilled_placeholder',
      'stand_in_text',
      'empty_subject',
      'malformed_link',
      'example_domain_link',
      'missing_company_name',
    ]);
  });

  describe('unfilled_placeholder', () => {
    it('is an error for each {{…}} left, reported once', () => {
      expect(
        lint({ body: 'Hi {{contact.first_name}}, go live {{ go_live_date }} at Acme. {{contact.first_name}}' }),
      ).toEqual([
        {
          code: 'unfilled_placeholder',
          severity: 'error',
          message: 'The placeholder {{contact.first_name}} has no value; fill it in or remove it.',
          excerpt: '{{contact.first_name}}',
        },
        {
          code: 'unfilled_placeholder',
          severity: 'error',
          message: 'The placeholder {{ go_live_date }} has no value; fill it in or remove it.',
          excerpt: '{{ go_live_date }}',
        },
      ]);
    });

    it('looks in the subject too', () => {
      expect(excerpts({ subject: 'Kickoff for {{company}}' }, 'unfilled_placeholder')).toEqual(['{{company}}']);
    });
  });

  describe('stand_in_text', () => {
    it.each([
      ['[Name]'],
      ['[Company]'],
      ['[first name]'],
      ['[COMPANY NAME]'],
      ['[FIRST_NAME]'],
      ['[insert date here]'],
      ['[Your signature]'],
      ['[Link to portal]'],
      ['TODO'],
      ['todo'],
      ['TBD'],
      ['FIXME'],
      ['Lorem ipsum'],
      ['XXX'],
      ['xxxx'],
      ['{first_name}'],
      ['%FIRSTNAME%'],
      ['*|FNAME|*'],
    ])('flags %s', (standIn) => {
      expect(excerpts({ body: `Hello, Acme team. ${standIn} and more.` }, 'stand_in_text')).toEqual([standIn]);
      expect(
        lint({ body: `Hello, Acme team. ${standIn} and more.` }).find((f) => f.code === 'stand_in_text')?.severity,
      ).toBe('error');
    });

    it('gives the price placeholder $X,XXX as stand-in text', () => {
      expect(excerpts({ body: 'Acme pays $X,XXX per year.' }, 'stand_in_text')).toEqual(['XXX']);
    });

    it.each([
      ['a Markdown link', 'Open [the Acme portal](https://portal.thread.dev/a/xyz) today.'],
      ['a Markdown link whose text names a detail', 'Open [Company portal](https://portal.thread.dev/a/xyz) for Acme.'],
      ['a reference link', 'See [Acme setup guide][guide] below.'],
      ['a checkbox', '[ ] done [x] done [X] done for Acme'],
      ['a footnote', 'Acme saves time [1].'],
      ['a subject tag', '[Reminder] Acme kickoff on Tuesday'],
      ['an all-caps subject tag', '[ACTION REQUIRED] Acme SSO details'],
      ['a clothing size', 'Acme hoodies come in XXXL and xxl.'],
      ['a to-do list', 'Your to-do list for Acme is short.'],
      ['a Slack link', 'Open <https://portal.thread.dev/a/xyz|the Acme portal>.'],
      ['a filled placeholder with double braces left for its own check', 'Hi {{ contact.first_name }} at Acme'],
      ['words containing tbd or todo', 'Acme tbdx todos outbdound'],
    ])('does not flag %s', (_label, body) => {
      expect(excerpts({ body }, 'stand_in_text')).toEqual([]);
    });
  });

  describe('empty_subject', () => {
    it('is an error for an email with a blank subject', () => {
      expect(lint({ subject: '   ', body: 'Hi Acme team' })).toEqual([
        { code: 'empty_subject', severity: 'error', message: 'The email has no subject.' },
      ]);
    });

    it.each(['slack_message', 'portal_form', 'portal_document', 'internal_task'] as const)(
      'does not apply to a %s',
      (type) => {
        expect(codes({ type, subject: '', body: 'Hi Acme team' })).toEqual([]);
      },
    );
  });

  describe('malformed_link', () => {
    it.each([
      ['http:/acme.com', 'http:/acme.com'],
      ['https:///acme.com/setup', 'https:///acme.com/setup'],
      ['https://', 'https://'],
      ['https://portal/setup', 'https://portal/setup'],
      ['https://acme..com', 'https://acme..com'],
      ['https://acme.c0m/x', 'https://acme.c0m/x'],
      ['https//acme.com', 'https//acme.com'],
      ['htps://acme.com', 'htps://acme.com'],
      ['[the portal]()', '[the portal]()'],
      ['http://[::1', 'http://'],
    ])('flags %s as a warning', (link, excerpt) => {
      const found = lint({ body: `Acme: see ${link} now.` }).filter((f) => f.code === 'malformed_link');
      expect(found.map((f) => [f.excerpt, f.severity])).toEqual([[excerpt, 'warning']]);
    });

    it('names the reason in the message', () => {
      expect(lint({ body: 'Acme: https://portal/setup' })[0]?.message).toBe(
        'The link https://portal/setup looks broken: "portal" is not a full domain name.',
      );
    });

    it.each([
      ['a plain URL ending a sentence', 'Acme: see https://portal.thread.dev/a/xyz.'],
      ['a URL in parentheses', 'Acme (https://acme.io/setup) is ready.'],
      ['a Markdown link', 'Acme: [setup](https://acme.io/setup?step=2#sso).'],
      ['a Slack link', 'Acme: <https://acme.io/setup|setup guide>'],
      ['a URL with balanced parentheses', 'Acme: https://en.wikipedia.org/wiki/Acme_(company) is it.'],
      ['a bare www host', 'Acme: www.acme.io/setup'],
      ['an IDN host', 'Acme: https://bücher.de/setup'],
      ['a placeholder standing for the host (left to its own check)', 'Acme: https://{{company_domain}}/setup'],
      ['a port and credentials-free path', 'Acme: https://acme.io:8443/a/b'],
    ])('accepts %s', (_label, body) => {
      expect(excerpts({ body }, 'malformed_link')).toEqual([]);
    });
  });

  describe('example_domain_link', () => {
    it.each([
      ['https://example.com/setup', 'example.com'],
      ['http://www.example.org', 'www.example.org'],
      ['https://portal.example.net/x', 'portal.example.net'],
      ['https://acme.example/x', 'acme.example'],
      ['https://foo.test/x', 'foo.test'],
      ['https://bar.invalid', 'bar.invalid'],
      ['http://localhost:3000/portal', 'localhost'],
      ['http://127.0.0.1:8080', '127.0.0.1'],
      ['https://yourcompany.com/login', 'yourcompany.com'],
      ['jane@example.com', 'example.com'],
      ['www.your-domain.com', 'www.your-domain.com'],
    ])('flags %s as a warning', (link, host) => {
      const found = lint({ body: `Acme: ${link} ok` }).filter((f) => f.code === 'example_domain_link');
      expect(found.map((f) => [f.excerpt, f.severity])).toEqual([[host, 'warning']]);
    });

    it.each([
      ['a real domain', 'https://acme.io/setup'],
      ['a domain merely containing "example"', 'https://examples.com and https://myexample.io'],
      ['a domain with test in its name', 'https://testing.acme.io and https://test.acme.io'],
      ['an ordinary sentence', 'For example, Acme can test this.'],
    ])('does not flag %s', (_label, link) => {
      expect(excerpts({ body: `Acme: ${link}` }, 'example_domain_link')).toEqual([]);
    });

    it('reports a host once however often it appears', () => {
      expect(excerpts({ body: 'Acme https://example.com/a https://example.com/b' }, 'example_domain_link')).toEqual([
        'example.com',
      ]);
    });
  });

  describe('missing_company_name', () => {
    it('warns when a customer-facing draft never names the company', () => {
      expect(lint({ subject: 'Welcome', body: 'Hi Dana, glad to have you.' })).toEqual([
        {
          code: 'missing_company_name',
          severity: 'warning',
          message: 'The draft never mentions Acme; customers notice generic messages.',
        },
      ]);
    });

    it.each(['slack_message', 'portal_form', 'portal_document'] as const)('applies to a %s', (type) => {
      expect(codes({ type, subject: '', body: 'Hi there' })).toEqual(['missing_company_name']);
    });

    it('does not apply to an internal task', () => {
      expect(codes({ type: 'internal_task', subject: '', body: 'Call the customer' })).toEqual([]);
    });

    it('matches case-insensitively and across line breaks', () => {
      expect(codes({ companyName: 'Acme  Corp', subject: 'Welcome', body: 'Hi ACME\ncorp team' })).toEqual([]);
    });

    it('accepts the name without its legal suffix', () => {
      expect(codes({ companyName: 'Acme Corp, Inc.', subject: 'Welcome', body: 'Hi Acme Corp team' })).toEqual([]);
      expect(codes({ companyName: 'Müller GmbH', subject: 'Willkommen', body: 'Hallo Müller Team' })).toEqual([]);
    });

    it('cannot check without a company name', () => {
      expect(codes({ companyName: '  ', subject: 'Welcome', body: 'Hi' })).toEqual([]);
    });
  });
});

describe('blockingFindings', () => {
  it('keeps only the errors', () => {
    const findings = lint({ subject: '', body: 'Hi [Name], see https://example.com {{portal_link}}' });
    expect(findings.map((f) => f.code)).toEqual([
      'unfilled_placeholder',
      'stand_in_text',
      'empty_subject',
      'example_domain_link',
      'missing_company_name',
    ]);
    expect(blockingFindings(findings).map((f) => f.code)).toEqual([
      'unfilled_placeholder',
      'stand_in_text',
      'empty_subject',
    ]);
  });

  it('is empty when there are only warnings', () => {
    expect(blockingFindings(lint({ body: 'Hi, see https://example.com' }))).toEqual([]);
  });
});
