import {
  arrFrom,
  companyFields,
  contactsToImport,
  hubspotCompanyUrl,
  industryLabel,
  MAX_IMPORTED_CONTACTS,
  normalizeDomain,
} from '../../../src/domain/hubspot-import';
import type { HubSpotContact, HubSpotPipeline } from '../../../src/domain/hubspot-records';
import {
  accountNameFor,
  chooseTemplate,
  csmForOwner,
  DEFAULT_HUBSPOT_RULES,
  isTriggerStage,
  nextInTurn,
  primaryAssociationIndex,
  type HubSpotRules,
} from '../../../src/domain/hubspot-rules';

const pipeline: HubSpotPipeline = {
  id: 'default',
  label: 'Sales',
  displayOrder: 0,
  stages: [
    { id: 'contractsent', label: 'Contract sent', displayOrder: 0, isClosed: false, probability: 0.9 },
    { id: 'closedwon', label: 'Closed won', displayOrder: 1, isClosed: true, probability: 1 },
    { id: 'closedlost', label: 'Closed lost', displayOrder: 2, isClosed: true, probability: 0 },
  ],
};
const rules = (over: Partial<HubSpotRules> = {}): HubSpotRules => ({ ...DEFAULT_HUBSPOT_RULES, ...over });
const contact = (id: string, email: string | null, first = `Person ${id}`): HubSpotContact => ({
  id,
  firstName: first,
  lastName: null,
  email,
  jobTitle: null,
  properties: {},
});

describe('the stage that starts onboarding', () => {
  it('is, by default, a stage HubSpot marks closed with probability 1 (won, not lost)', () => {
    expect(isTriggerStage(rules(), [pipeline], { pipelineId: 'default', stageId: 'closedwon' })).toBe(true);
    expect(isTriggerStage(rules(), [pipeline], { pipelineId: 'default', stageId: 'closedlost' })).toBe(false);
    expect(isTriggerStage(rules(), [pipeline], { pipelineId: 'default', stageId: 'contractsent' })).toBe(false);
  });

  it('is the admin’s choice in a pipeline where one is set, and only there', () => {
    const chosen = rules({ triggerStages: { default: ['contractsent'] } });
    expect(isTriggerStage(chosen, [pipeline], { pipelineId: 'default', stageId: 'contractsent' })).toBe(true);
    expect(isTriggerStage(chosen, [pipeline], { pipelineId: 'default', stageId: 'closedwon' })).toBe(false);
    expect(isTriggerStage(chosen, [pipeline], { pipelineId: 'other', stageId: 'closedwon' })).toBe(false);
  });
});

describe('the template of a deal', () => {
  const deal = (pipelineId: string, tier?: string) => ({
    pipelineId,
    properties: (tier ? { plan_tier: tier } : {}) as Record<string, string>,
  });
  const r = rules({
    template: {
      byPipeline: { enterprise: 'Enterprise pipeline plan' },
      byProperty: { property: 'plan_tier', values: { premium: 'Premium plan' } },
      defaultTemplate: 'Standard plan',
    },
  });

  it('comes from a mapped property value first, then the pipeline, then the default', () => {
    expect(chooseTemplate(r, deal('enterprise', 'premium'))).toBe('Premium plan');
    expect(chooseTemplate(r, deal('enterprise', 'basic'))).toBe('Enterprise pipeline plan');
    expect(chooseTemplate(r, deal('default'))).toBe('Standard plan');
    expect(chooseTemplate(rules(), deal('default'))).toBeNull();
  });
});

describe('the CSM', () => {
  it('goes round the CSMs in a fixed order, starting again after the last', () => {
    expect(nextInTurn(['u2', 'u1', 'u3'], undefined)).toBe('u1');
    expect(nextInTurn(['u2', 'u1', 'u3'], 'u1')).toBe('u2');
    expect(nextInTurn(['u2', 'u1', 'u3'], 'u3')).toBe('u1');
    expect(nextInTurn(['u2', 'u1'], 'u0-gone')).toBe('u1');
    expect(nextInTurn([], 'u1')).toBeNull();
  });

  it('follows the deal owner’s email in any case, else the fallback', () => {
    const rule = { kind: 'by_owner' as const, owners: { 'ae@vendor.test': 'u1' }, fallbackUserId: 'u9' };
    expect(csmForOwner(rule, 'AE@Vendor.test')).toBe('u1');
    expect(csmForOwner(rule, 'other@vendor.test')).toBe('u9');
    expect(csmForOwner({ kind: 'by_owner', owners: {} }, null)).toBeNull();
  });
});

describe('the account made from a deal', () => {
  it('takes the association labelled primary, else the first', () => {
    expect(primaryAssociationIndex([{ labels: [] }, { labels: ['Primary contact'] }])).toBe(1);
    expect(primaryAssociationIndex([{ labels: ['Decision maker'] }, { labels: [] }])).toBe(0);
    expect(primaryAssociationIndex([])).toBe(-1);
  });

  it('is named after the company, told apart by the deal id when the name is taken', () => {
    expect(accountNameFor('Acme', '123', () => false)).toBe('Acme');
    expect(accountNameFor('Acme', '123', (n) => n === 'Acme')).toBe('Acme (deal 123)');
    expect(accountNameFor('   ', '123', () => false)).toBe('HubSpot deal 123');
  });

  it('keeps a domain as a host name, and industries as words', () => {
    expect(normalizeDomain('https://www.Acme.io/about?x=1')).toBe('www.acme.io');
    expect(normalizeDomain('not a domain')).toBeNull();
    expect(industryLabel('COMPUTER_SOFTWARE')).toBe('Computer software');
    expect(
      companyFields(
        { id: '1', name: 'Deal' },
        { id: 'c', name: 'Acme', domain: 'acme', industry: null, properties: {} },
      ),
    ).toEqual({
      name: 'Acme',
      domain: null,
      industry: null,
      gaps: ['the company\'s domain "acme" is not a domain: it was left out'],
    });
  });

  it('takes contacts Thread can write to, primary first, each address once, at most twenty, naming who is left out', () => {
    const list = [
      contact('1', 'bob@acme.test'),
      contact('2', null, 'Nomail'),
      contact('3', 'ADA@acme.test'),
      contact('4', 'not-an-email'),
      contact('5', 'ada@acme.test'),
      ...Array.from({ length: 25 }, (_, i) => contact(`x${i}`, `p${i}@acme.test`)),
    ];
    const { contacts, gaps } = contactsToImport(list, 2);
    expect(contacts).toHaveLength(MAX_IMPORTED_CONTACTS);
    expect(contacts.slice(0, 2).map((c) => [c.email, c.primary])).toEqual([
      ['ada@acme.test', true],
      ['bob@acme.test', false],
    ]);
    expect(gaps).toEqual([
      'Nomail has no email address in HubSpot: not added as a contact',
      'Person 4\'s email "not-an-email" is not an address: not added as a contact',
      '7 more contact(s) in HubSpot were not added (20 at most at once)',
    ]);
    expect(contactsToImport([], -1).gaps).toEqual(['the deal has no contacts in HubSpot']);
  });

  it('reads ARR from the mapped property, whole, and nothing from an empty or negative one', () => {
    expect(arrFrom({ amount: 1234.56, properties: {} }, 'amount')).toBe(1235);
    expect(arrFrom({ amount: null, properties: {} }, 'amount')).toBeNull();
    expect(arrFrom({ amount: 5, properties: { acv: '90000' } }, 'acv')).toBe(90000);
    expect(arrFrom({ amount: 5, properties: { acv: '-1' } }, 'acv')).toBeNull();
  });

  it('links to the company in HubSpot only with HubSpot’s numeric ids', () => {
    expect(hubspotCompanyUrl('123', '456')).toBe('https://app.hubspot.com/contacts/123/company/456');
    expect(hubspotCompanyUrl('123', '456|<!channel>')).toBeNull();
    expect(hubspotCompanyUrl(null, '456')).toBeNull();
  });
});
