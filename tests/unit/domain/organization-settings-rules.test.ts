import { hasControlCharacters } from '../../../src/domain/checked';
import { checkBrandVoice, checkOrganizationName } from '../../../src/domain/organization-text';
import { checkRangedSetting } from '../../../src/domain/setting-ranges';
import { checkTimeZone, selectableTimeZones } from '../../../src/domain/time-zones';
import { checkWorkingDays, describeWorkingDays } from '../../../src/domain/working-days';

describe('organisation name', () => {
  it('is trimmed', () => {
    expect(checkOrganizationName('  Acme Robotics  ')).toEqual({ ok: true, value: 'Acme Robotics' });
  });

  it.each([
    ['', 'cannot be empty'],
    ['   ', 'cannot be empty'],
    ['Acme\nRobotics', 'control characters'],
    ['Acme\u202eRobotics', 'control characters'],
    ['A'.repeat(101), '101 characters'],
  ])('refuses %p', (input, why) => {
    expect(checkOrganizationName(input)).toEqual({ ok: false, message: expect.stringContaining(why) });
  });

  it('keeps markup as text: escaping is the job of whoever shows it', () => {
    expect(checkOrganizationName('<script>x</script> <!channel>')).toEqual({
      ok: true,
      value: '<script>x</script> <!channel>',
    });
  });
});

describe('brand voice', () => {
  it('may run over several lines', () => {
    expect(checkBrandVoice('Warm.\n- short sentences\n- no jargon\n')).toEqual({
      ok: true,
      value: 'Warm.\n- short sentences\n- no jargon',
    });
  });

  it.each([
    ['', 'cannot be empty'],
    ['Warm\u0000', 'control characters'],
    ['x'.repeat(1001), '1001 characters'],
  ])('refuses %p', (input, why) => {
    expect(checkBrandVoice(input)).toEqual({ ok: false, message: expect.stringContaining(why) });
  });
});

describe('control characters', () => {
  it('lets line breaks through only when asked', () => {
    expect(hasControlCharacters('a\nb')).toBe(true);
    expect(hasControlCharacters('a\nb\tc\r', { allowLineBreaks: true })).toBe(false);
    expect(hasControlCharacters('a\u0007b', { allowLineBreaks: true })).toBe(true);
    expect(hasControlCharacters('Zoë — café')).toBe(false);
  });
});

describe('time zone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/Kyiv', 'Etc/UTC'])(
    'accepts %p as given, whether the runtime lists it under that name or an older one',
    (zone) => {
      expect(checkTimeZone(zone)).toEqual({ ok: true, value: zone });
    },
  );

  it('writes a zone typed in the wrong case as the runtime spells it', () => {
    expect(checkTimeZone(' europe/berlin ')).toEqual({ ok: true, value: 'Europe/Berlin' });
  });

  it.each(['Mars/Olympus', 'GMT+2', '+02:00', '', 'Berlin'])('refuses %p and says what is expected', (zone) => {
    expect(checkTimeZone(zone)).toEqual({ ok: false, message: expect.stringContaining('IANA name') });
  });

  it('lists UTC first, once', () => {
    const zones = selectableTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(zones).toContain('Europe/Berlin');
  });
});

describe('working days', () => {
  it('folds duplicates and sorts into week order', () => {
    expect(checkWorkingDays([5, 1, 3, 1])).toEqual({ ok: true, value: [1, 3, 5] });
  });

  it.each([
    [[], 'at least one'],
    [[0, 1], '0 is not a weekday'],
    [[8], '8 is not a weekday'],
    [[1.5], '1.5 is not a weekday'],
  ])('refuses %p', (days, why) => {
    expect(checkWorkingDays(days)).toEqual({ ok: false, message: expect.stringContaining(why) });
  });

  it('reads as weekday names', () => {
    expect(describeWorkingDays([1, 2, 7])).toBe('Monday, Tuesday, Sunday');
  });
});

describe('ranged settings', () => {
  it.each([
    ['portalMaxActive', 1],
    ['portalMaxActive', 10],
    ['reviewSlaHours', 24],
    ['reminderSpacingDays', 3],
    ['reminderMaxCount', 0],
  ] as const)('accepts %s = %p', (setting, value) => {
    expect(checkRangedSetting(setting, value)).toEqual({ ok: true, value });
  });

  it.each([
    ['portalMaxActive', 0, 'from 1 to 10'],
    ['portalMaxActive', 11, 'from 1 to 10'],
    ['portalMaxActive', 2.5, 'whole number'],
    ['reviewSlaHours', 0, 'from 1 to 720 hours'],
    ['reminderSpacingDays', 31, 'from 1 to 30'],
    ['reminderMaxCount', -1, 'from 0 to 10'],
  ] as const)('refuses %s = %p', (setting, value, why) => {
    expect(checkRangedSetting(setting, value)).toEqual({ ok: false, message: expect.stringContaining(why) });
  });
});
