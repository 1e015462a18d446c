import { IANAZone } from 'luxon';

// Checking a zone builds an Intl.DateTimeFormat (~44 µs); a 100k-row import checks a handful.
const checked = new Map<string, boolean>();

/**
 * True for a name in the IANA time zone database, as this runtime's Intl knows it
 * ("America/New_York", "UTC", "Etc/GMT+5"). Offsets such as "+05:00" are accepted by newer
 * Intl versions but are not zone names: they do not follow daylight saving time.
 */
export function isIanaZone(tz: string): boolean {
  let ok = checked.get(tz);
  if (ok === undefined) {
    ok = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz) && IANAZone.isValidZone(tz);
    checked.set(tz, ok);
  }
  return ok;
}

export const ZONE_PROBLEM = 'unknown IANA time zone (e.g. America/New_York)';

/** Throws when `tz` is not a zone: date arithmetic on an invalid zone gives NaN, and a loop on NaN never ends. */
export function assertZone(tz: string): void {
  if (!isIanaZone(tz)) throw new RangeError(`${ZONE_PROBLEM}: "${tz}"`);
}
