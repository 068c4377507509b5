import type { Random } from './random';
import type { InteractionType } from './topic';
import { wallTimeToInstant } from '../../src/lib/domain';

export interface ScheduleOptions {
  random: Random;
  type: InteractionType;
  homeTimeZone: string;
  /** No interaction starts after this instant; the earliest starts about two years before it. */
  nowMs: number;
}

/** When an interaction took place and when someone recorded it, all in epoch milliseconds. */
export interface Schedule {
  start: number;
  end: number;
  timeZone: string;
  createdAt: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const ALL_DAY = 1440;

// Zones of partners, travel and remote staff; every site records some interactions in them.
const AWAY_TIME_ZONES = [
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Berlin',
  'America/Toronto',
  'America/New_York',
  'America/Vancouver',
  'Africa/Nairobi',
  'Africa/Lagos',
  'Africa/Kampala',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Australia/Sydney',
  'UTC'
];

// Minutes, weighted by how long each kind of interaction usually takes.
const DURATIONS: Readonly<Record<InteractionType, readonly (readonly [number, number])[]>> = {
  Meeting: [[30, 3], [45, 2], [60, 5], [90, 3], [120, 2], [180, 1]],
  Call: [[15, 4], [20, 2], [30, 4], [45, 2], [60, 1]],
  Email: [[15, 3], [30, 1]],
  'Site visit': [[60, 3], [90, 3], [120, 3], [180, 2], [240, 2], [360, 1], [480, 1]],
  Workshop: [[90, 2], [120, 3], [180, 3], [240, 2], [360, 1], [420, 1], [ALL_DAY, 1]],
  Other: [[15, 2], [30, 3], [60, 2], [120, 1], [240, 1]]
};

// Local start hours: office hours, busiest mid-morning and early afternoon, the odd evening event.
const START_HOURS = [
  [8, 1], [9, 4], [10, 5], [11, 4], [12, 2], [13, 3], [14, 5], [15, 4], [16, 3], [17, 1], [18, 1], [19, 0.5]
] as const;
const START_MINUTES = [0, 0, 0, 0, 15, 30, 30, 45];

/** Picks a plausible time, length, zone and recording time for one interaction. */
export function pickSchedule({ random, type, homeTimeZone, nowMs }: ScheduleOptions): Schedule {
  const timeZone = random.chance(0.85)
    ? homeTimeZone
    : random.pick(AWAY_TIME_ZONES.filter((zone) => zone !== homeTimeZone));
  const minutes = random.weighted(DURATIONS[type]);

  // Margins of a few days keep every zone's local date, after the weekend shift below, inside the
  // two years before `now`.
  const day = new Date(nowMs - random.int(3, 728) * DAY);
  const weekday = day.getUTCDay();
  // Mostly weekdays: Saturday moves to Friday and Sunday to Monday, bar the odd weekend event.
  if ((weekday === 0 || weekday === 6) && random.chance(0.92)) {
    day.setUTCDate(day.getUTCDate() + (weekday === 6 ? -1 : 1));
  }
  const allDay = minutes === ALL_DAY;
  const hour = allDay ? 0 : random.weighted(START_HOURS);
  const minute = allDay ? 0 : random.pick(START_MINUTES);
  const wallTime = `${day.toISOString().slice(0, 10)}T${pad(hour)}:${pad(minute)}`;
  // A time skipped by a spring-forward change comes out an hour later, as a wall clock reads it.
  const start = Date.parse((wallTimeToInstant(wallTime, timeZone) as { iso: string }).iso);
  const end = start + minutes * MINUTE;
  return { start, end, timeZone, createdAt: pickCreatedAt({ random, start, end, nowMs }) };
}

// Most records are written up shortly after the event; some are planned ahead of it. Nothing is
// recorded in the future of `now`.
function pickCreatedAt(options: { random: Random; start: number; end: number; nowMs: number }): number {
  const { random, start, end, nowMs } = options;
  const withinMinute = random.int(0, 59_999);
  const afterwards = end + random.int(2, 3 * 24 * 60) * MINUTE + withinMinute;
  if (random.chance(0.7) && afterwards < nowMs) return afterwards;
  return start - random.int(30, 21 * 24 * 60) * MINUTE + withinMinute;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
