import { describe, expect, it } from 'vitest';
import { csvCell, interactionsCsv, toCsv } from '$lib/export';
import { parseCsv } from '../../support/parse-csv';

describe('CSV cells', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('Site visit')).toBe('Site visit');
    expect(csvCell('')).toBe('');
    expect(csvCell('Zoë – café')).toBe('Zoë – café');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('Leeds, Room 4')).toBe('"Leeds, Room 4"');
    expect(csvCell('the "big" one')).toBe('"the ""big"" one"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('defuses anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+44 113 496 0000')).toBe("'+44 113 496 0000");
    expect(csvCell('-5 degrees')).toBe("'-5 degrees");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // Only a leading sign is a formula.
    expect(csvCell('a = b')).toBe('a = b');
  });

  it('writes a file with a byte-order mark and CRLF lines that reads back as written', () => {
    const rows = [
      ['1', 'Leeds, Room 4', 'said "hi"\nthen left'],
      ['2', '', '=danger']
    ];
    const text = toCsv(['n', 'where', 'what'], rows);
    expect(text.startsWith('\uFEFFn,where,what\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([['n', 'where', 'what'], rows[0], ['2', '', "'=danger"]]);
  });
});

describe('interactions as CSV', () => {
  const row = {
    id: 'id-1',
    siteId: 'site-leeds',
    title: 'Fire inspection, east wing',
    type: 'Site visit',
    lead: 'Ada Lovelace',
    // 09:30 in New York in winter is 14:30 in London.
    startDatetime: '2020-01-15T09:30:00-05:00',
    endDatetime: '2020-01-15T10:45:00-05:00',
    timezone: 'America/New_York',
    location: null,
    description: '-fix the doors',
    notes: 'Line one\nLine two'
  };

  it('names the zone in the header and gives times in it, keeping the record’s own zone', () => {
    const [header, line] = parseCsv(
      interactionsCsv([row], { zone: 'Europe/London', siteNames: new Map([['site-leeds', 'Leeds']]) }).slice(1)
    );
    expect(header).toEqual([
      'Title',
      'Type',
      'Lead',
      'Start (Europe/London)',
      'End (Europe/London)',
      'Recorded time zone',
      'Location',
      'Site',
      'Description',
      'Notes',
      'ID'
    ]);
    expect(line).toEqual([
      'Fire inspection, east wing',
      'Site visit',
      'Ada Lovelace',
      '2020-01-15 14:30',
      '2020-01-15 15:45',
      'America/New_York',
      '',
      'Leeds',
      "'-fix the doors",
      'Line one\nLine two',
      'id-1'
    ]);
  });

  it('follows the person’s zone across daylight saving, and falls back to the site id', () => {
    const summer = { ...row, startDatetime: '2021-07-01T23:30:00Z', endDatetime: '2021-07-02T00:30:00Z' };
    const [header, line] = parseCsv(interactionsCsv([summer], { zone: 'Asia/Tokyo', siteNames: new Map() }).slice(1));
    expect(header[3]).toBe('Start (Asia/Tokyo)');
    expect(line.slice(3, 5)).toEqual(['2021-07-02 08:30', '2021-07-02 09:30']);
    const [, london] = parseCsv(interactionsCsv([summer], { zone: 'Europe/London', siteNames: new Map() }).slice(1));
    expect(london.slice(3, 5)).toEqual(['2021-07-02 00:30', '2021-07-02 01:30']);
    expect(london[7]).toBe('site-leeds');
  });
});
