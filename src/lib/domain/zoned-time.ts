/**
 * Wall-clock times in IANA zones, and the instants they name. The form shows `datetime-local`
 * inputs (a wall time with no zone) next to a zone chooser; the domain stores instants with their
 * offset. Intl is the only source of zone rules here, so the browser's tz database decides DST.
 */

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ZonedInstant {
  /** ISO 8601 with the zone's offset at that instant, e.g. `2026-03-29T03:30:00+01:00`. */
  iso: string;
  /**
   * The wall time does not exist in the zone (clocks went forward over it) and was moved forward
   * by the length of the gap, as a clock on the wall would read: 02:30 becomes 03:30.
   */
  shifted: boolean;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

// Building a formatter costs far more than using one, and a Finder page formats hundreds of times.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    partFormatters.set(zone, formatter);
  }
  return formatter;
}

function wallClockAt(epochMs: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of partFormatter(zone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second
  };
}

// Date.UTC reads years 0–99 as 1900–1999; setting the full year does not.
function wallAsUtcMs(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

function offsetMsAt(epochMs: number, zone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtcMs(wallClockAt(wholeSecond, zone)) - wholeSecond;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

function parseWallTime(value: string): WallTime | null {
  const match = WALL_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = { year, month, day, hour, minute, second };
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return null;
  // 2026-02-30 would roll over to March.
  const probe = new Date(wallAsUtcMs(wall));
  if (probe.getUTCDate() !== day) return null;
  return wall;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formatWall(wall: WallTime, withSeconds: boolean): string {
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}`;
  return `${date}T${time}${withSeconds ? `:${pad(wall.second)}` : ''}`;
}

/** True when the runtime knows the zone; the domain's `isIanaTimeZone` decides what may be stored. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    partFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a wall time names in a zone, with the zone's offset. Where clocks went back and the
 * wall time happens twice, the earlier one is meant (as Temporal's "compatible" rule and most
 * calendars do); where clocks went forward over it, see `ZonedInstant.shifted`. Null for text that
 * is not a `YYYY-MM-DDTHH:mm[:ss]` wall time of a real date, or a zone the runtime does not know.
 */
export function wallTimeToInstant(wallTime: string, zone: string): ZonedInstant | null {
  const wall = parseWallTime(wallTime);
  if (!wall || !isKnownTimeZone(zone)) return null;
  const asUtc = wallAsUtcMs(wall);
  // A day either side lies outside any transition at this wall time, in every real zone.
  const offsetBefore = offsetMsAt(asUtc - DAY_MS, zone);
  const offsetAfter = offsetMsAt(asUtc + DAY_MS, zone);
  const candidates = [...new Set([asUtc - offsetBefore, asUtc - offsetAfter])]
    .filter((instant) => sameWall(wallClockAt(instant, zone), wall))
    .sort((a, b) => a - b);
  const shifted = candidates.length === 0;
  // In a gap, the offset from before it moves the wall time forward by the gap's length.
  const instant = shifted ? asUtc - offsetBefore : candidates[0];
  return { iso: instantToZonedIso(instant, zone), shifted };
}

/** The instant as ISO 8601 with the zone's offset there, seconds included, as the domain requires. */
export function instantToZonedIso(epochMs: number, zone: string): string {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const wall = wallClockAt(wholeSecond, zone);
  const offsetMinutes = (wallAsUtcMs(wall) - wholeSecond) / 60_000;
  // Local mean times before 1900 have offsets in seconds, which ISO offsets cannot write.
  if (!Number.isInteger(offsetMinutes)) return new Date(wholeSecond).toISOString().replace('.000Z', 'Z');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${formatWall(wall, true)}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * The wall time of an instant in a zone, as a `datetime-local` input's value: minutes, plus
 * seconds only when the instant has some (so an untouched field converts back to the same instant).
 * Null when the text is no date or the zone is unknown.
 */
export function instantToWallTime(iso: string, zone: string): string | null {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs) || !isKnownTimeZone(zone)) return null;
  const wall = wallClockAt(epochMs, zone);
  return formatWall(wall, wall.second !== 0);
}

/** Adds minutes to a wall time as a clock face would, ignoring zones; null for an invalid one. */
export function addMinutesToWallTime(wallTime: string, minutes: number): string | null {
  const wall = parseWallTime(wallTime);
  if (!wall) return null;
  const moved = new Date(wallAsUtcMs(wall) + minutes * 60_000);
  const result = {
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
    hour: moved.getUTCHours(),
    minute: moved.getUTCMinutes(),
    second: moved.getUTCSeconds()
  };
  return formatWall(result, result.second !== 0);
}

/** Minutes from one wall time to another on a clock face; null when either is invalid. */
export function minutesBetweenWallTimes(from: string, to: string): number | null {
  const [a, b] = [parseWallTime(from), parseWallTime(to)];
  return a && b ? (wallAsUtcMs(b) - wallAsUtcMs(a)) / 60_000 : null;
}
