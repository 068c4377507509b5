import { describe, expect, it } from 'vitest';
import {
  addMinutesToWallTime,
  instantToWallTime,
  instantToZonedIso,
  minutesBetweenWallTimes,
  wallTimeToInstant
} from '$lib/domain/zoned-time';
import { isIsoInstant } from '$lib/domain';

describe('wallTimeToInstant', () => {
  it('writes the wall time with the zone offset in winter and in summer', () => {
    expect(wallTimeToInstant('2026-01-15T09:30', 'Europe/London')).toEqual({
      iso: '2026-01-15T09:30:00+00:00',
      shifted: false
    });
    expect(wallTimeToInstant('2026-07-15T09:30', 'Europe/London')?.iso).toBe('2026-07-15T09:30:00+01:00');
    expect(wallTimeToInstant('2026-07-15T09:30', 'America/New_York')?.iso).toBe('2026-07-15T09:30:00-04:00');
    expect(wallTimeToInstant('2026-01-15T09:30', 'America/New_York')?.iso).toBe('2026-01-15T09:30:00-05:00');
  });

  it('handles offsets that are not whole hours', () => {
    expect(wallTimeToInstant('2026-03-01T10:00', 'Asia/Kolkata')?.iso).toBe('2026-03-01T10:00:00+05:30');
    expect(wallTimeToInstant('2026-03-01T10:00', 'Asia/Kathmandu')?.iso).toBe('2026-03-01T10:00:00+05:45');
  });

  it('moves a wall time inside a spring-forward gap forward by the gap and says so', () => {
    // London skips 01:00–02:00 on 29 March 2026.
    expect(wallTimeToInstant('2026-03-29T01:30', 'Europe/London')).toEqual({
      iso: '2026-03-29T02:30:00+01:00',
      shifted: true
    });
    // New York skips 02:00–03:00 on 8 March 2026.
    expect(wallTimeToInstant('2026-03-08T02:15', 'America/New_York')).toEqual({
      iso: '2026-03-08T03:15:00-04:00',
      shifted: true
    });
    // Lord Howe Island's clocks go forward by half an hour (4 October 2026, 02:00 -> 02:30).
    expect(wallTimeToInstant('2026-10-04T02:10', 'Australia/Lord_Howe')).toEqual({
      iso: '2026-10-04T02:40:00+11:00',
      shifted: true
    });
  });

  it('takes the earlier instant of a wall time that happens twice when clocks go back', () => {
    // London repeats 01:00–02:00 on 25 October 2026, first in BST then in GMT.
    expect(wallTimeToInstant('2026-10-25T01:30', 'Europe/London')).toEqual({
      iso: '2026-10-25T01:30:00+01:00',
      shifted: false
    });
    expect(wallTimeToInstant('2026-11-01T01:30', 'America/New_York')?.iso).toBe('2026-11-01T01:30:00-04:00');
  });

  it('keeps the times just outside a transition exact', () => {
    expect(wallTimeToInstant('2026-03-29T00:59', 'Europe/London')?.iso).toBe('2026-03-29T00:59:00+00:00');
    expect(wallTimeToInstant('2026-03-29T02:00', 'Europe/London')?.iso).toBe('2026-03-29T02:00:00+01:00');
    expect(wallTimeToInstant('2026-10-25T02:00', 'Europe/London')?.iso).toBe('2026-10-25T02:00:00+00:00');
  });

  it('gives text the domain accepts as an instant, seconds included', () => {
    const converted = wallTimeToInstant('2026-03-01T09:30:15', 'Europe/Paris');
    expect(converted?.iso).toBe('2026-03-01T09:30:15+01:00');
    expect(isIsoInstant(converted!.iso)).toBe(true);
  });

  it('refuses text that is no wall time of a real date, and unknown zones', () => {
    for (const text of ['', '2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01T24:00', '2026-01-01 10:00', 'soon']) {
      expect(wallTimeToInstant(text, 'Europe/London')).toBeNull();
    }
    expect(wallTimeToInstant('2026-01-01T10:00', 'Mars/Olympus_Mons')).toBeNull();
  });

  it('converts every wall time of a year and back to itself, outside the gaps', () => {
    for (const zone of ['Europe/London', 'America/Santiago', 'Australia/Sydney', 'Asia/Tehran']) {
      for (let hour = 0; hour < 366 * 24; hour += 7) {
        const wall = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString().slice(0, 16);
        const converted = wallTimeToInstant(wall, zone)!;
        if (!converted.shifted) expect(instantToWallTime(converted.iso, zone)).toBe(wall);
      }
    }
  });
});

describe('instantToWallTime', () => {
  it('reads an instant as the wall time in a zone, whatever offset it was written with', () => {
    expect(instantToWallTime('2026-07-15T08:30:00Z', 'Europe/London')).toBe('2026-07-15T09:30');
    expect(instantToWallTime('2026-07-15T10:30:00+02:00', 'Europe/London')).toBe('2026-07-15T09:30');
    expect(instantToWallTime('2026-01-15T09:30:00Z', 'Asia/Tokyo')).toBe('2026-01-15T18:30');
  });

  it('keeps seconds only when there are some', () => {
    expect(instantToWallTime('2026-07-15T08:30:45Z', 'UTC')).toBe('2026-07-15T08:30:45');
  });

  it('returns null for text that is no date and for unknown zones', () => {
    expect(instantToWallTime('not a date', 'UTC')).toBeNull();
    expect(instantToWallTime('2026-07-15T08:30:00Z', 'Nowhere/Town')).toBeNull();
  });
});

describe('instantToZonedIso', () => {
  it('writes a whole-minute offset, and UTC for a local mean time offset in seconds', () => {
    expect(instantToZonedIso(Date.parse('2026-07-15T08:30:00Z'), 'Europe/Paris')).toBe('2026-07-15T10:30:00+02:00');
    // Liberia kept an offset of -00:44:30 until 1972.
    expect(instantToZonedIso(Date.parse('1960-07-15T08:30:00Z'), 'Africa/Monrovia')).toBe('1960-07-15T08:30:00Z');
  });
});

describe('wall time arithmetic', () => {
  it('adds minutes across a day and a month', () => {
    expect(addMinutesToWallTime('2026-01-31T23:30', 60)).toBe('2026-02-01T00:30');
    expect(addMinutesToWallTime('nope', 60)).toBeNull();
  });

  it('measures minutes between wall times', () => {
    expect(minutesBetweenWallTimes('2026-01-01T09:00', '2026-01-01T10:30')).toBe(90);
    expect(minutesBetweenWallTimes('2026-01-01T09:00', '')).toBeNull();
  });
});
