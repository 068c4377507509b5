import { instantToWallTime, type Interaction } from '$lib/domain';
import { toCsv } from './csv';

type ExportedRow = Pick<
  Interaction,
  'id' | 'siteId' | 'title' | 'type' | 'lead' | 'startDatetime' | 'endDatetime' | 'timezone' | 'location' | 'description' | 'notes'
>;

export interface InteractionsCsvOptions {
  /** The zone the person reads times in; the header names it. */
  zone: string;
  siteNames: ReadonlyMap<string, string>;
}

/**
 * The Finder's rows as CSV. Start and end are given in the person's zone, as "2020-03-04 09:30"
 * (which spreadsheets read as a date and time), and each record's own zone is kept beside them.
 */
export function interactionsCsv(rows: Iterable<ExportedRow>, { zone, siteNames }: InteractionsCsvOptions): string {
  const header = [
    'Title',
    'Type',
    'Lead',
    `Start (${zone})`,
    `End (${zone})`,
    'Recorded time zone',
    'Location',
    'Site',
    'Description',
    'Notes',
    'ID'
  ];
  const lines = function* () {
    for (const row of rows) {
      yield [
        row.title,
        row.type,
        row.lead,
        wallTime(row.startDatetime, zone),
        wallTime(row.endDatetime, zone),
        row.timezone,
        row.location ?? '',
        siteNames.get(row.siteId) ?? row.siteId,
        row.description,
        row.notes ?? '',
        row.id
      ];
    }
  };
  return toCsv(header, lines());
}

/** The instant's date and time in the zone; the text as stored when it is no instant. */
function wallTime(iso: string, zone: string): string {
  return instantToWallTime(iso, zone)?.replace('T', ' ') ?? iso;
}
