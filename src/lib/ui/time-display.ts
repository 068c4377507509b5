/** How instants and zones are shown to people. Conversions live in zoned-time.ts. */

// English names, because the interface is English; tried in turn until one has a real abbreviation
// for the zone (CET, EDT, IST, EAT...) rather than a bare offset. Each locale knows different ones.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-ZA', 'en-SG'];
const BARE_OFFSET = /^(GMT|UTC)[+−-]/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function nameIn(locale: string, zone: string, epochMs: number): string {
  const formatter = cached(`name|${locale}|${zone}`, () =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
  );
  return formatter.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** The zone's short name at that instant: "BST", "CET", "EAT", or "GMT+9" where none is common. */
export function zoneAbbreviation(epochMs: number, zone: string): string {
  let fallback: string | undefined;
  for (const locale of ABBREVIATION_LOCALES) {
    const name = nameIn(locale, zone, epochMs);
    if (!BARE_OFFSET.test(name)) return name;
    fallback ??= name;
  }
  return fallback ?? zone;
}

/** A zone's name at that instant in full, for people: "British Summer Time (Europe/London)". */
export function zoneFullName(epochMs: number, zone: string): string {
  const formatter = cached(`long|${zone}`, () => new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'long' }));
  const name = formatter.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
  // A zone with no English name gets its offset ("GMT+03:00 (Etc/GMT-3)"), which its id can hide.
  return name && name !== zone ? `${name} (${zone})` : zone;
}

/** An instant in a zone, in parts: the date and time, and the zone as abbreviated and in full. */
export interface ZonedTimeParts {
  /** "10 Jun 2020, 10:00", in the viewer's locale. */
  dateTime: string;
  /** "BST"; "GMT+9" where no abbreviation is common. */
  abbreviation: string;
  /** "British Summer Time (Europe/London)". */
  zoneName: string;
}

/** The parts of an instant shown in a zone; null when it is no date or the zone is unknown. */
export function zonedTimeParts(iso: string, zone: string, locale?: string): ZonedTimeParts | null {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return null;
  try {
    const formatter = cached(`dt|${locale ?? ''}|${zone}`, () =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' })
    );
    return {
      dateTime: formatter.format(epochMs),
      abbreviation: zoneAbbreviation(epochMs, zone),
      zoneName: zoneFullName(epochMs, zone)
    };
  } catch {
    return null;
  }
}

/**
 * An instant as date and time in a zone, in the viewer's locale, followed by the zone's
 * abbreviation: "Mar 3, 2026, 9:30 AM CET". The text as given when it is no date, or the zone is
 * unknown, so a record flagged for review still shows what it holds.
 */
export function formatInZone(iso: string, zone: string, locale?: string): string {
  const parts = zonedTimeParts(iso, zone, locale);
  return parts ? `${parts.dateTime} ${parts.abbreviation}` : iso;
}

/** The zone this browser is in, e.g. "Europe/London". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** An instant in the viewer's own zone, for "your time" hints. */
export function formatInBrowserZone(iso: string, locale?: string): string {
  return formatInZone(iso, browserTimeZone(), locale);
}

let zoneNames: string[] | undefined;

/** Every IANA zone the runtime knows, plus UTC, which `supportedValuesOf` leaves out. */
export function timeZoneNames(): string[] {
  zoneNames ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();
  return zoneNames;
}

/** "1 interaction", "1,234 interactions": a count with its noun, in the viewer's number format. */
export function countLabel(count: number, noun: string, locale?: string): string {
  return `${count.toLocaleString(locale)} ${noun}${count === 1 ? '' : 's'}`;
}
