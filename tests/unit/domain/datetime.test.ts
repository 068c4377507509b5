import { describe, expect, it } from 'vitest';
import { isIanaTimeZone, isIsoInstant } from '$lib/domain';

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
