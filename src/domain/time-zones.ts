/**
 * The time zones an organisation may choose: the IANA names this runtime knows. The runtime lists each zone under
 * its canonical name (Asia/Calcutta, Europe/Kiev) and leaves UTC out, so a name is accepted when it resolves to a
 * listed zone or to UTC, and kept as the person gave it (Asia/Kolkata stays Asia/Kolkata), case aside.
 */
import { accepted, refused, type Checked } from './checked';

let zones: readonly string[] | undefined;

/** Every selectable zone, UTC first, the rest in the runtime's (alphabetical) order. */
export function selectableTimeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

function resolve(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function checkTimeZone(input: string): Checked<string> {
  const value = input.trim();
  if (selectableTimeZones().includes(value)) return accepted(value);
  const canonical = value.includes('/') || value.toUpperCase() === 'UTC' ? resolve(value) : undefined;
  if (canonical !== undefined && selectableTimeZones().includes(canonical)) {
    return accepted(canonical.toLowerCase() === value.toLowerCase() ? canonical : value);
  }
  return refused(
    `"${value}" is not a time zone Thread knows; pick an IANA name such as Europe/Berlin or America/New_York.`,
  );
}
