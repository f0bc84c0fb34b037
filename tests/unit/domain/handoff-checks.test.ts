import {
  findHandoffContradictions,
  type HandoffAnswerInput,
  type HandoffCheckInput,
  type PlanInput,
} from '../../../src/domain/handoff-checks';
import { readAmount, readChoices, readDay } from '../../../src/domain/handoff-checks/read-answers';
import { mentionOf, REQUIREMENTS } from '../../../src/domain/handoff-checks/requirements';
import { readStakeholders } from '../../../src/domain/handoff-checks/stakeholders';

const plan: PlanInput = {
  kickoffDate: '2027-03-01',
  goLiveDate: '2027-05-03',
  milestones: [
    { name: 'Kickoff', completed: false },
    { name: 'Technical Setup', completed: false },
    { name: 'Implementation', completed: false },
    { name: 'Go-Live', completed: false },
  ],
  actions: [
    { key: 'welcome-email', name: 'Welcome email', type: 'email', milestoneName: 'Kickoff' },
    { key: 'technical-details', name: 'Technical details form', type: 'portal_form', milestoneName: 'Technical Setup' },
    { key: 'run-data-import', name: 'Run the data import', type: 'internal_task', milestoneName: 'Implementation' },
  ],
  templateActionsNotInPlan: [
    { key: 'configure-sso', name: 'Configure single sign-on', type: 'internal_task', milestoneName: 'Technical Setup' },
  ],
};

const QUESTIONS: Record<string, { label: string; kind: string }> = {
  promised_go_live: { label: 'Go-live date promised to the customer', kind: 'date' },
  seats: { label: 'Seats / licences sold', kind: 'number' },
  arr: { label: 'ARR agreed', kind: 'number' },
  integrations: { label: 'Integrations or requirements promised', kind: 'multiple_choice' },
  requirements: { label: 'Anything else promised', kind: 'long_text' },
  stakeholders: { label: 'Customer stakeholders: name, role, email', kind: 'long_text' },
  kickoff_date: { label: 'Kickoff date agreed with the customer', kind: 'date' },
  success_criteria: { label: 'What success looks like for the customer', kind: 'long_text' },
};

function answers(values: Record<string, string>): HandoffAnswerInput[] {
  return Object.entries(values).map(([key, value]) => ({
    key,
    value,
    ...(QUESTIONS[key] ?? { label: key, kind: 'text' }),
  }));
}

function check(over: Partial<HandoffCheckInput> & { values?: Record<string, string> } = {}) {
  const { values = {}, ...rest } = over;
  return findHandoffContradictions({
    answers: answers(values),
    deal: null,
    accountArr: 0,
    contacts: [],
    plan,
    ...rest,
  });
}

const deal = { amount: 52_000, currency: 'USD', seats: 50, closeDate: '2027-02-26' };

describe('reading answers', () => {
  it.each([
    ['2027-03-15', '2027-03-15'],
    ['2027-03-15T00:00:00.000Z', '2027-03-15'],
    [' 15 March 2027 ', '2027-03-15'],
    ['March 15, 2027', '2027-03-15'],
    ['15th Mar 2027', '2027-03-15'],
    ['Sept 1 2027', '2027-09-01'],
  ])('reads the day %j', (raw, day) => {
    expect(readDay(raw)).toBe(day);
  });

  it.each(['03/04/2027', '2027-02-30', 'next week', 'Q2', '15 Marchember 2027', '', '2027-3-5', '99999-01-01'])(
    'refuses the day %j without guessing',
    (raw) => {
      expect(readDay(raw)).toBeNull();
    },
  );

  it.each([
    ['48000', 48_000],
    ['48,000', 48_000],
    ['$48,000', 48_000],
    ['USD 48 000', 48_000],
    ['48k', 48_000],
    ['1.2M', 1_200_000],
    ['40 seats', 40],
    ['€52,000 per year', 52_000],
  ])('reads the amount %j', (raw, value) => {
    expect(readAmount(raw)).toBe(value);
  });

  it.each(['48.000', '48,5', 'about 40', '-5', 'lots', '', '1e9', '9'.repeat(30)])('refuses the amount %j', (raw) => {
    expect(readAmount(raw)).toBeNull();
  });

  it('reads multiple choices as a JSON array or one a line', () => {
    expect(readChoices('["SSO","Data import"]')).toEqual(['SSO', 'Data import']);
    expect(readChoices('SSO\nAPI')).toEqual(['SSO', 'API']);
    expect(readChoices('SSO, Salesforce')).toEqual(['SSO', 'Salesforce']);
    expect(readChoices('[not json')).toEqual(['[not json']);
  });

  it('a requirement taken back in its clause is not named', () => {
    const sso = REQUIREMENTS.find((r) => r.id === 'sso')!;
    const data = REQUIREMENTS.find((r) => r.id === 'data_import')!;
    expect(mentionOf(sso, 'No SSO, but a CSV import of 2 years of data')).toBeNull();
    expect(mentionOf(data, 'No SSO, but a CSV import of 2 years of data')).toBe('a CSV import of 2 years of data');
    expect(mentionOf(sso, 'SSO is not needed for now')).toBeNull();
    expect(mentionOf(sso, 'They log in with Okta')).toBe('They log in with Okta');
    expect(mentionOf(data, 'This is important to them')).toBeNull();
  });

  it('reads stakeholders however the AE lists them', () => {
    expect(
      readStakeholders(
        [
          'Dana Scully, CTO, Dana@Umbrella.io',
          '- Fox Mulder <fox@umbrella.io> (Head of IT)',
          '2. Walter Skinner - VP Ops - walter@umbrella.io',
          'Jean-Luc Picard',
          'n/a',
          '',
          'dana@umbrella.io',
          'monica.reyes@umbrella.io',
          '<!channel> Eve Polastri <eve@evil.example>',
          '<@U123>',
        ].join('\n'),
      ),
    ).toEqual([
      { name: 'Dana Scully', email: 'dana@umbrella.io', title: 'CTO' },
      { name: 'Fox Mulder', email: 'fox@umbrella.io', title: 'Head of IT' },
      { name: 'Walter Skinner', email: 'walter@umbrella.io', title: 'VP Ops' },
      { name: 'Jean-Luc Picard', email: null, title: null },
      { name: 'Monica Reyes', email: 'monica.reyes@umbrella.io', title: null },
      { name: 'Eve Polastri', email: 'eve@evil.example', title: null },
    ]);
  });
});

describe('a promised go-live earlier than the plan reaches it', () => {
  it('says both dates and how far apart, and suggests telling the customer the planned date', () => {
    const [finding, ...rest] = check({ values: { promised_go_live: '2027-03-15' } });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'go_live_too_early', severity: 'warning' });
    expect(finding!.message).toBe(
      'The AE promised go-live on 15 March 2027; the plan reaches go-live on 3 May 2027, 7 weeks later.',
    );
    expect(finding!.suggestion).toEqual({
      kind: 'talk',
      text: 'Tell the customer the plan reaches go-live on 3 May 2027, or agree with them what to leave out to get closer to 15 March 2027.',
    });
  });

  it('is quiet when the promise is on or after the planned go-live, unreadable, or the plan has no go-live', () => {
    expect(check({ values: { promised_go_live: '2027-05-03' } })).toEqual([]);
    expect(check({ values: { promised_go_live: '2027-06-01' } })).toEqual([]);
    expect(check({ values: { promised_go_live: '15/03/2027' } })).toEqual([]);
    expect(check({ values: { promised_go_live: '2027-03-15' }, plan: { ...plan, goLiveDate: null } })).toEqual([]);
  });

  it('finds the question by its label when the organisation gave it another key', () => {
    const findings = findHandoffContradictions({
      answers: [{ key: 'launch', label: 'Promised go-live', kind: 'date', value: '2027-04-01' }],
      deal: null,
      accountArr: 0,
      contacts: [],
      plan,
    });
    expect(findings.map((f) => f.rule)).toEqual(['go_live_too_early']);
  });
});

describe('ARR and seats that differ from the deal', () => {
  it('suggests setting the account ARR to the AE figure, dismissing keeps the deal', () => {
    const [finding] = check({ deal, accountArr: 52_000, values: { arr: '$48,000' } });
    expect(finding!.message).toBe('The AE gives the ARR as 48,000 USD; the deal in the CRM says 52,000 USD.');
    expect(finding!.suggestion).toEqual({ kind: 'set_arr', arr: 48_000, currency: 'USD', dealAmount: 52_000 });
    expect(finding!.fingerprint).toBe('arr_differs:48000:52000');
  });

  it('when the account already holds the AE figure, only the deal is wrong', () => {
    const [finding] = check({ deal, accountArr: 48_000, values: { arr: '48k' } });
    expect(finding!.suggestion.kind).toBe('talk');
  });

  it('seats: names both counts and suggests confirming with the AE', () => {
    const [finding] = check({ deal, values: { seats: '40' } });
    expect(finding!.message).toBe('The AE says 40 seats were sold; the deal in the CRM says 50.');
    expect(finding!.suggestion.kind).toBe('talk');
  });

  it('is quiet when they agree, when the answer cannot be read, and without CRM facts', () => {
    expect(check({ deal, values: { arr: '52,000', seats: '50 seats' } })).toEqual([]);
    expect(check({ deal, values: { arr: 'around fifty', seats: '48.000' } })).toEqual([]);
    expect(check({ values: { arr: '1', seats: '2' } })).toEqual([]);
    expect(check({ deal: { ...deal, amount: null, seats: null }, values: { arr: '1', seats: '2' } })).toEqual([]);
  });
});

describe('a requirement the plan does not cover', () => {
  it('suggests the template action that covers it when the plan lacks it', () => {
    const [finding, ...rest] = check({ values: { integrations: '["SSO","Data import","Other"]' } });
    expect(rest).toEqual([]);
    expect(finding!.message).toBe('The handoff names SSO ("SSO"), but no action in the plan covers it.');
    expect(finding!.suggestion).toEqual({
      kind: 'add_template_action',
      templateActionKey: 'configure-sso',
      actionName: 'Configure single sign-on',
      milestoneName: 'Technical Setup',
    });
  });

  it('suggests an internal task in a setup milestone when the template has nothing for it', () => {
    const [finding] = check({ values: { requirements: 'They need API access and webhooks for their BI tool.' } });
    expect(finding!.fingerprint).toBe('requirement_not_in_plan:api');
    expect(finding!.suggestion).toMatchObject({
      kind: 'add_internal_task',
      name: 'Set up API access',
      milestoneName: 'Technical Setup',
    });
  });

  it('reads free text (SAML, Okta, SCIM, Salesforce), each requirement once', () => {
    const findings = check({
      values: {
        requirements: 'SAML via Okta. SCIM provisioning for 400 users.',
        success_criteria: 'Opportunities synced from Salesforce; Okta SSO live on day one.',
      },
    });
    expect(findings.map((f) => f.fingerprint)).toEqual([
      'requirement_not_in_plan:sso',
      'requirement_not_in_plan:scim',
      'requirement_not_in_plan:salesforce',
    ]);
  });

  it('is quiet when an action covers it, or it is taken back', () => {
    expect(check({ values: { integrations: 'Data import' } })).toEqual([]);
    const covered = {
      ...plan,
      actions: [...plan.actions, { key: 'configure-sso', name: 'x', type: 'internal_task', milestoneName: 'Kickoff' }],
    };
    expect(check({ plan: covered, values: { integrations: 'SSO' } })).toEqual([]);
    expect(check({ values: { requirements: 'No SSO needed. No API.' } })).toEqual([]);
  });

  it('puts the task in the first milestone still to come when no milestone suits it, and none when all are done', () => {
    const later = {
      ...plan,
      milestones: [
        { name: 'Kickoff', completed: true },
        { name: 'Training', completed: false },
      ],
    };
    expect(check({ plan: later, values: { requirements: 'API' } })[0]!.suggestion).toMatchObject({
      milestoneName: 'Training',
    });
    const done = { ...plan, milestones: [{ name: 'Kickoff', completed: true }] };
    expect(check({ plan: done, values: { requirements: 'API' } })[0]!.suggestion).toMatchObject({
      milestoneName: null,
    });
  });
});

describe('a stakeholder who is not a contact', () => {
  const contacts = [
    { name: 'Dana Scully', email: 'dana@umbrella.io' },
    { name: 'Fox Mulder', email: 'fox@umbrella.io' },
  ];

  it('suggests adding them as a contact with the email and role given', () => {
    const findings = check({
      contacts,
      values: {
        stakeholders: 'Dana Scully, CTO, DANA@umbrella.io\nFox, IT\nWalter Skinner, VP Ops, walter@umbrella.io',
      },
    });
    expect(findings).toEqual([
      {
        rule: 'stakeholder_not_contact',
        severity: 'info',
        fingerprint: 'stakeholder_not_contact:walter@umbrella.io',
        message:
          'The AE names Walter Skinner (VP Ops, walter@umbrella.io) as a stakeholder, but they are not a contact of the account.',
        suggestion: { kind: 'add_contact', name: 'Walter Skinner', email: 'walter@umbrella.io', title: 'VP Ops' },
      },
    ]);
  });

  it('without an email, suggests asking the AE for it', () => {
    const [finding] = check({ contacts, values: { stakeholders: 'Monica Reyes (Finance)' } });
    expect(finding!.suggestion).toEqual({
      kind: 'talk',
      text: "Ask the AE for Monica Reyes's email address, then add them as a contact.",
    });
  });

  it('matches a contact by email whatever the name, and by name whatever the email', () => {
    expect(check({ contacts, values: { stakeholders: 'D. S., dana@umbrella.io\nDána  SCULLY, d@other.io' } })).toEqual(
      [],
    );
  });
});

describe('dates: the close date and the kickoff', () => {
  it('a deal closing after the kickoff suggests moving the kickoff to the close date', () => {
    const [finding, ...rest] = check({ deal: { ...deal, closeDate: '2027-03-05' } });
    expect(rest).toEqual([]);
    expect(finding!.message).toBe(
      "The deal closes on 5 March 2027 in the CRM, after the plan's kickoff on 1 March 2027.",
    );
    expect(finding!.suggestion).toEqual({ kind: 'move_kickoff', kickoffDate: '2027-03-05' });
  });

  it('compares with the kickoff the AE agreed when there is one, and says it differs from the plan', () => {
    const findings = check({ deal: { ...deal, closeDate: '2027-03-05' }, values: { kickoff_date: '2027-03-03' } });
    expect(findings.map((f) => f.message)).toEqual([
      'The deal closes on 5 March 2027 in the CRM, after the kickoff agreed with the customer on 3 March 2027.',
      "The AE agreed the kickoff with the customer for 3 March 2027; the plan's kickoff is 1 March 2027.",
    ]);
    expect(findings[1]!.suggestion).toEqual({ kind: 'move_kickoff', kickoffDate: '2027-03-03' });
  });

  it('is quiet for a close on or before the kickoff, an unreadable close date, or an agreed kickoff equal to the plan', () => {
    expect(check({ deal: { ...deal, closeDate: '2027-03-01' }, values: { kickoff_date: '1 March 2027' } })).toEqual([]);
    expect(check({ deal: { ...deal, closeDate: 'soon' } })).toEqual([]);
    expect(check({ deal: { ...deal, closeDate: null } })).toEqual([]);
  });
});

describe('odd and hostile answers', () => {
  it('blank answers and no CRM facts find nothing', () => {
    const blank = Object.fromEntries(Object.keys(QUESTIONS).map((k) => [k, '   ']));
    expect(check({ values: blank })).toEqual([]);
    expect(check()).toEqual([]);
  });

  it('mentions and links in answers are kept as plain text for the Slack builder to escape, and long ones are quoted short', () => {
    const findings = check({
      values: {
        requirements: `<!channel> <https://evil.example|SSO> ${'x'.repeat(20_000)}`,
        stakeholders: '<!here> Eve <eve@evil.example> <script>alert(1)</script>',
      },
    });
    expect(findings.map((f) => f.rule)).toEqual(['requirement_not_in_plan', 'stakeholder_not_contact']);
    for (const f of findings) expect(f.message.length).toBeLessThan(400);
  });
});
