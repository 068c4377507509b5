import { describe, expect, it } from 'vitest';
import { INSTANT_RANGE, instantProblem, isIanaTimeZone, isIsoInstant } from '$lib/domain';

describe('isIsoInstant', () => {
  it.each([
    '2026-03-01T09:30:00Z',
    '2026-03-01T09:30:00+01:00',
    '2026-03-01T09:30:00-05:30',
    '2026-03-01T09:30:00.123456Z',
    '2024-02-29T12:00:00Z',
    '2026-12-31T23:59:59+14:00'
  ])('accepts %s', (value) => {
    expect(isIsoInstant(value)).toBe(true);
  });

  it.each([
    ['without an offset', '2026-03-01T09:30:00'],
    ['without seconds', '2026-03-01T09:30Z'],
    ['with only a date', '2026-03-01'],
    ['with a space for the T', '2026-03-01 09:30:00Z'],
    ['that is not a date', 'next Tuesday'],
    ['that is empty', ''],
    ['on 30 February', '2026-02-30T10:00:00Z'],
    ['on 29 February of a common year', '2026-02-29T10:00:00Z'],
    ['on 31 April', '2026-04-31T10:00:00Z'],
    ['in month 13', '2026-13-01T10:00:00Z'],
    ['at hour 24', '2026-03-01T24:00:00Z'],
    ['with an offset of 24 hours', '2026-03-01T09:30:00+24:00']
  ])('rejects a value %s', (_, value) => {
    expect(isIsoInstant(value)).toBe(false);
  });
});

describe('isIanaTimeZone', () => {
  it.each(['Europe/London', 'America/New_York', 'UTC', 'America/Argentina/Buenos_Aires'])(
    'accepts %s',
    (value) => {
      expect(isIanaTimeZone(value)).toBe(true);
    }
  );

  it.each([
    ['an unknown zone', 'Mars/Olympus'],
    ['a raw offset', '+01:00'],
    ['an empty string', ''],
    ['an area without a location', 'Europe/'],
    ['free text', 'London time']
  ])('rejects %s', (_, value) => {
    expect(isIanaTimeZone(value)).toBe(false);
  });
});

describe('instantProblem', () => {
  it('accepts the first and last instants of the range', () => {
    expect(instantProblem(INSTANT_RANGE.earliest)).toBeUndefined();
    expect(instantProblem(INSTANT_RANGE.latest)).toBeUndefined();
  });

  it.each([
    ['year 0', '0000-01-01T00:00:00Z'],
    ['a two-digit year', '0099-06-01T12:00:00Z'],
    ['a moment before 1000 in UTC although its local date is not', '1000-01-01T00:30:00+01:00'],
    ['a moment after 9999 in UTC although its local date is not', '9999-12-31T23:30:00-01:00']
  ])('finds %s out of range', (_, value) => {
    expect(instantProblem(value)).toBe('out-of-range');
    expect(isIsoInstant(value)).toBe(false);
  });

  it('tells a malformed value from one out of range', () => {
    expect(instantProblem('10000-01-01T00:00:00Z')).toBe('malformed');
    expect(instantProblem('1600-02-29T00:00:00Z')).toBeUndefined();
    expect(instantProblem('1700-02-29T00:00:00Z')).toBe('malformed');
  });
});
