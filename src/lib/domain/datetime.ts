// An instant, not a wall-clock time: the offset (or Z) is required, because a record made offline in
// one zone and read in another must mean the same moment everywhere. Seconds are required too, as
// RFC 3339 and JSON Schema's date-time format require them.
const ISO_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** True for an ISO-8601 date-time with an offset that names a real calendar date. */
export function isIsoInstant(value: string): boolean {
  if (!ISO_INSTANT.test(value)) return false;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return false;
  // Date rolls 2026-02-30 over to March; comparing the calendar date catches it.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
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
