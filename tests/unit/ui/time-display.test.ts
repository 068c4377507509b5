import { describe, expect, it } from 'vitest';
import { formatInZone, zoneAbbreviation, zoneFullName, zonedTimeParts } from '$lib/ui/time-display';

const SUMMER_2020 = '2020-06-10T09:00:00Z';
const WINTER_2019 = '2019-12-02T15:30:00Z';

describe('zonedTimeParts', () => {
  it('shows the instant in the record’s own zone, with the abbreviation in force on that day', () => {
    expect(zonedTimeParts(SUMMER_2020, 'Europe/London', 'en-GB')).toEqual({
      dateTime: '10 Jun 2020, 10:00',
      abbreviation: 'BST',
      zoneName: 'British Summer Time (Europe/London)'
    });
    expect(zonedTimeParts(WINTER_2019, 'Europe/London', 'en-GB')?.abbreviation).toBe('GMT');
  });

  it('moves the wall time with the zone: the same instant reads differently in Nairobi and Sydney', () => {
    expect(zonedTimeParts(SUMMER_2020, 'Africa/Nairobi', 'en-GB')).toMatchObject({
      dateTime: '10 Jun 2020, 12:00',
      abbreviation: 'EAT',
      zoneName: 'East Africa Time (Africa/Nairobi)'
    });
    expect(zonedTimeParts(SUMMER_2020, 'Australia/Sydney', 'en-GB')).toMatchObject({
      dateTime: '10 Jun 2020, 19:00',
      abbreviation: 'AEST'
    });
  });

  it('is null for text that is no date or a zone the runtime does not know', () => {
    expect(zonedTimeParts('next Tuesday', 'Europe/London')).toBeNull();
    expect(zonedTimeParts(SUMMER_2020, 'Mars/Olympus_Mons')).toBeNull();
  });
});

describe('formatInZone', () => {
  it('joins the date, time and abbreviation, and keeps unreadable text as given', () => {
    expect(formatInZone(SUMMER_2020, 'Europe/London', 'en-GB')).toBe('10 Jun 2020, 10:00 BST');
    expect(formatInZone('next Tuesday', 'Europe/London')).toBe('next Tuesday');
  });
});

describe('zone names', () => {
  it('abbreviates where a common abbreviation exists and falls back to the offset otherwise', () => {
    expect(zoneAbbreviation(Date.parse(SUMMER_2020), 'Asia/Kolkata')).toBe('IST');
    expect(zoneAbbreviation(Date.parse(SUMMER_2020), 'Asia/Dubai')).toMatch(/^GMT\+4$|^GST$/);
  });

  it('names a zone in full with its id, and by its offset where it has no name (Etc/GMT-3 is GMT+3)', () => {
    expect(zoneFullName(Date.parse(SUMMER_2020), 'America/Toronto')).toBe('Eastern Daylight Time (America/Toronto)');
    expect(zoneFullName(Date.parse(SUMMER_2020), 'Etc/GMT-3')).toBe('GMT+03:00 (Etc/GMT-3)');
  });
});
