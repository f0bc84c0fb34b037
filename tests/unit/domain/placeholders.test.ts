import {
  buildPlaceholderVars,
  KNOWN_PLACEHOLDERS,
  renderPlaceholders,
  type PlaceholderVars,
} from '../../../src/domain/placeholders';

const vars: PlaceholderVars = {
  company: 'Acme Corp',
  'contact.first_name': 'Dana',
  'csm.name': 'Sam Lee',
  portal_link: 'https://portal.thread.dev/a/xyz',
  go_live_date: '',
  'next_milestone.name': null,
};

describe('renderPlaceholders', () => {
  it('fills known placeholders, with or without inner whitespace', () => {
    expect(renderPlaceholders('Hi {{contact.first_name}}, welcome to {{  company }}! — {{csm.name }}', vars)).toEqual({
      text: 'Hi Dana, welcome to Acme Corp! — Sam Lee',
      unfilled: [],
    });
  });

  it('leaves missing, blank and unknown placeholders exactly as written and reports each once', () => {
    const text =
      'Live on {{ go_live_date }}. Next: {{next_milestone.name}}. {{favourite_colour}} {{go_live_date}} {{csm.email}}';
    expect(renderPlaceholders(text, vars)).toEqual({
      text,
      unfilled: ['go_live_date', 'next_milestone.name', 'favourite_colour', 'csm.email'],
    });
  });

  it('reports an empty placeholder by its raw text', () => {
    expect(renderPlaceholders('Hello {{ }}', vars)).toEqual({ text: 'Hello {{ }}', unfilled: ['{{ }}'] });
  });

  it('does not expand placeholders inside inserted values', () => {
    expect(renderPlaceholders('{{company}}', { company: '{{csm.name}} Ltd' })).toEqual({
      text: '{{csm.name}} Ltd',
      unfilled: [],
    });
  });

  it('leaves text without placeholders untouched, single braces included', () => {
    expect(renderPlaceholders('Use {json} and } {', vars)).toEqual({ text: 'Use {json} and } {', unfilled: [] });
  });
});

describe('buildPlaceholderVars', () => {
  const source = {
    account: {
      name: 'Acme Corp',
      domain: 'acme.io',
      arr: 120000,
      goLiveDate: new Date(Date.UTC(2026, 2, 3)),
      kickoffDate: '2026-02-02',
    },
    contact: { name: 'Dana  Scully', email: 'dana@acme.io' },
    csm: { name: 'Sam Lee', email: 'sam@thread.dev', firstName: 'Samantha', title: 'Onboarding lead' },
    portalLink: 'https://portal.thread.dev/a/xyz',
    milestone: { name: 'Kickoff' },
    nextMilestone: { name: 'Technical Setup' },
    timeZone: 'America/New_York',
  };

  it('fills every known placeholder from the account, people and milestones', () => {
    expect(buildPlaceholderVars(source)).toEqual({
      company: 'Acme Corp',
      company_domain: 'acme.io',
      'contact.first_name': 'Dana',
      'contact.name': 'Dana  Scully',
      'contact.email': 'dana@acme.io',
      'csm.name': 'Sam Lee',
      'csm.first_name': 'Samantha',
      'csm.email': 'sam@thread.dev',
      'csm.title': 'Onboarding lead',
      portal_link: 'https://portal.thread.dev/a/xyz',
      go_live_date: 'Tuesday, 3 March 2026',
      kickoff_date: 'Monday, 2 February 2026',
      'milestone.name': 'Kickoff',
      'next_milestone.name': 'Technical Setup',
      'account.arr': '120,000',
    });
    expect(Object.keys(buildPlaceholderVars(source)).sort()).toEqual([...KNOWN_PLACEHOLDERS].sort());
  });

  it('leaves the first name unfilled for a contact whose name is blank, so review lint stops "Hi ,"', () => {
    const v = buildPlaceholderVars({ ...source, contact: { name: '   ', email: 'dana@acme.io' } });
    expect(v['contact.first_name']).toBeNull();
  });

  it('leaves {{csm.email}} unfilled when the CSM has no known email, so the draft cannot go out with a blank', () => {
    const v = buildPlaceholderVars({ ...source, csm: { name: 'Sam Lee', email: null } });
    expect(v['csm.email']).toBeNull();
    expect(renderPlaceholders('Reply to {{csm.email}}', v).unfilled).toEqual(['csm.email']);
  });

  it('leaves {{csm.title}} unfilled when Slack gives the CSM no title', () => {
    const v = buildPlaceholderVars({ ...source, csm: { name: 'Sam Lee', email: 'sam@thread.dev', title: ' ' } });
    expect(renderPlaceholders('{{csm.name}}, {{csm.title}}', v)).toMatchObject({ unfilled: ['csm.title'] });
  });

  it('names the calendar day itself even in a zone west of UTC', () => {
    // UTC midnight on 3 March is still 2 March in New York; a calendar date must not shift.
    expect(buildPlaceholderVars(source).go_live_date).toBe('Tuesday, 3 March 2026');
  });

  it('reads a Date that is not at UTC midnight as an instant in the organisation zone', () => {
    const vars2 = buildPlaceholderVars({
      ...source,
      account: { ...source.account, goLiveDate: new Date('2026-03-04T02:00:00Z') },
    });
    expect(vars2.go_live_date).toBe('Tuesday, 3 March 2026');
  });

  it('formats in the requested locale and currency', () => {
    const v = buildPlaceholderVars({ ...source, locale: 'en-US', currency: 'USD' });
    expect(v.go_live_date).toBe('Tuesday, March 3, 2026');
    expect(v['account.arr']).toBe('$120,000');
  });

  it('leaves unknown details empty so rendering reports them', () => {
    const v = buildPlaceholderVars({ account: { name: 'Acme Corp', arr: 0 }, timeZone: 'UTC' });
    expect(v).toMatchObject({
      company: 'Acme Corp',
      company_domain: null,
      'contact.first_name': null,
      'csm.email': null,
      go_live_date: null,
      kickoff_date: null,
      'account.arr': null,
      portal_link: null,
    });
    expect(renderPlaceholders('Hi {{contact.first_name}} at {{company}}', v)).toEqual({
      text: 'Hi {{contact.first_name}} at Acme Corp',
      unfilled: ['contact.first_name'],
    });
  });
});
