import { customerSlipWords, slipSentence, summariseSlip } from '../../../src/domain/slip-attribution';

describe('summariseSlip', () => {
  it('counts days by side, from SlipDay rows as they are', () => {
    const rows = [
      { side: 'customer' as const, date: new Date(0), reason: 'waiting' },
      { side: 'customer' as const },
      { side: 'us' as const },
      { side: 'third_party' as const },
    ];
    expect(summariseSlip(rows)).toEqual({ total: 4, customer: 2, us: 1, third_party: 1 });
  });

  it('is all zero with no days', () => {
    expect(summariseSlip([])).toEqual({ total: 0, customer: 0, us: 0, third_party: 0 });
  });
});

describe('slipSentence', () => {
  it('names every side with days, in customer, us, third party order', () => {
    expect(slipSentence({ total: 12, customer: 8, us: 3, third_party: 1 })).toBe(
      '12 days behind: 8 customer, 3 us, 1 third party',
    );
  });

  it('leaves out sides with no days and says "day" for one', () => {
    expect(slipSentence({ total: 1, customer: 0, us: 1, third_party: 0 })).toBe('1 day behind: 1 us');
    expect(slipSentence({ total: 3, customer: 0, us: 1, third_party: 2 })).toBe('3 days behind: 1 us, 2 third party');
  });

  it('is "On track" with no days behind', () => {
    expect(slipSentence({ total: 0, customer: 0, us: 0, third_party: 0 })).toBe('On track');
  });
});

describe('customerSlipWords', () => {
  it('tells the customer how far behind plan, never whose days they were', () => {
    expect(customerSlipWords(0)).toBe('On track');
    expect(customerSlipWords(1)).toBe('1 day behind plan');
    expect(customerSlipWords(2)).toBe('2 days behind plan');
  });
});
