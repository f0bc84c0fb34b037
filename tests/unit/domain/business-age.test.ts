import { businessAgeWords } from '../../../src/domain/business-age';

describe('businessAgeWords', () => {
  it('says "under an hour" below one business hour, and for a clock that makes no sense', () => {
    expect(businessAgeWords(0)).toBe('under an hour');
    expect(businessAgeWords(0.99)).toBe('under an hour');
    expect(businessAgeWords(-3)).toBe('under an hour');
    expect(businessAgeWords(Number.NaN)).toBe('under an hour');
  });

  it('counts whole hours below a day, singular for one', () => {
    expect(businessAgeWords(1)).toBe('1 hour');
    expect(businessAgeWords(6.7)).toBe('6 hours');
    expect(businessAgeWords(23.99)).toBe('23 hours');
  });

  it('counts whole 24-hour days from 24 business hours, rounding down', () => {
    // 97 business hours = 4 days and 1 hour: "4 days".
    expect(businessAgeWords(24)).toBe('1 day');
    expect(businessAgeWords(47.9)).toBe('1 day');
    expect(businessAgeWords(48)).toBe('2 days');
    expect(businessAgeWords(97)).toBe('4 days');
  });
});
