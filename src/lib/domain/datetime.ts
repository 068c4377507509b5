// An instant, not a wall-clock time: the offset (or Z) is required, because a record made offline in
// one zone and read in another must mean the same moment everywhere. Seconds are required too, as
// RFC 3339 and JSON Schema's date-time format require them.
const ISO_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The instants a record may hold: years with four digits, 1000 to 9999, in UTC. Postgres keeps a
 * wider range, but it has no year 0, ISO 8601 and this parser stop at four digits, and years below
 * 100 do not survive the round trip through every driver (PGlite reads 0001 back as 2001). No
 * meeting, call or visit falls outside it.
 */
export const INSTANT_RANGE = { earliest: '1000-01-01T00:00:00Z', latest: '9999-12-31T23:59:59Z' } as const;
const EARLIEST_MS = Date.parse(INSTANT_RANGE.earliest);
const LATEST_MS = Date.parse(INSTANT_RANGE.latest);

export type InstantProblem = 'malformed' | 'out-of-range';

/** What is wrong with a date-time as an instant to store, or undefined when nothing is. */
export function instantProblem(value: string): InstantProblem | undefined {
  if (!ISO_INSTANT.test(value)) return 'malformed';
  const moment = Date.parse(value);
  if (Number.isNaN(moment)) return 'malformed';
  // Date rolls 2026-02-30 over to March; comparing the calendar date catches it.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (day > daysInMonth(year, month)) return 'malformed';
  return moment < EARLIEST_MS || moment > LATEST_MS ? 'out-of-range' : undefined;
}

/** True for an ISO-8601 date-time with an offset that names a real calendar date within INSTANT_RANGE. */
export function isIsoInstant(value: string): boolean {
  return instantProblem(value) === undefined;
}

// Not from Date.UTC, which maps the years 0–99 to 1900–1999.
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

// IANA names are Area/Location words; this rejects what Intl would also accept but is not a zone
// name, such as the raw offset "+01:00".
const IANA_NAME = /^(UTC|GMT|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)+)$/;

// Building an Intl formatter costs a fraction of a millisecond, which adds up over bulk
// validation. Only names found valid are remembered, so the set is bounded by the zone database.
const knownTimeZones = new Set<string>();

/** True for a time zone name from the IANA database that this runtime knows. */
export function isIanaTimeZone(value: string): boolean {
  if (knownTimeZones.has(value)) return true;
  if (!IANA_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    knownTimeZones.add(value);
    return true;
  } catch {
    return false;
  }
}
