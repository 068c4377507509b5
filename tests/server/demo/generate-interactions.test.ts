import { describe, expect, it } from 'vitest';
import { INTERACTION_FIELD_NAMES, isUuid, validateInteractionFields, type InteractionFields } from '../../../src/lib/domain';
import { decodeInteractionState, readInteractionFields } from '../../../src/lib/domain/crdt';
import { TOPICS } from '../../../sync-server/demo/catalogue';
import { DEMO_SITES, DEMO_USERS } from '../../../sync-server/demo/demo-directory';
import {
  DEFAULT_NOW,
  generateInteractions,
  type DemoInteraction,
  type GeneratedInteraction
} from '../../../sync-server/demo/generate-interactions';

const SAMPLE = [...generateInteractions({ count: 2_000, seed: 7 })];
const records = SAMPLE.map((item) => item.interaction);
const nowMs = Date.parse(DEFAULT_NOW);
const MINUTE = 60_000;

function fieldsOf(item: GeneratedInteraction): InteractionFields {
  const record = item.interaction;
  return Object.fromEntries(INTERACTION_FIELD_NAMES.map((name) => [name, record[name]])) as InteractionFields;
}

function minutesLong(record: DemoInteraction): number {
  return (Date.parse(record.endDatetime) - Date.parse(record.startDatetime)) / MINUTE;
}

function localHour(record: DemoInteraction): number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: record.timezone, hour: 'numeric', hourCycle: 'h23' });
  return Number(format.format(new Date(record.startDatetime)));
}

function share(predicate: (item: GeneratedInteraction) => boolean): number {
  return SAMPLE.filter(predicate).length / SAMPLE.length;
}

describe('generateInteractions', () => {
  it('yields records that all pass the domain validation', () => {
    const failures = SAMPLE.map(fieldsOf)
      .map((fields) => ({ fields, result: validateInteractionFields(fields) }))
      .filter(({ result }) => !result.ok);
    expect(failures).toEqual([]);
  });

  it('encodes a CRDT state that reads back as the record fields', () => {
    for (const item of SAMPLE) {
      expect(readInteractionFields(decodeInteractionState(item.interaction.crdt))).toEqual(fieldsOf(item));
    }
  });

  it('yields the same records, byte for byte, for the same seed, and others for another seed', () => {
    expect([...generateInteractions({ count: 200, seed: 7 })]).toEqual(SAMPLE.slice(0, 200));
    const other = [...generateInteractions({ count: 200, seed: 8 })];
    expect(other.map((item) => item.interaction.title)).not.toEqual(
      SAMPLE.slice(0, 200).map((item) => item.interaction.title)
    );
  });

  it('gives each record a unique UUIDv7 carrying its creation time', () => {
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    for (const record of records) {
      expect(isUuid(record.id) && record.id[14]).toBe('7');
      const timeMs = parseInt(record.id.replaceAll('-', '').slice(0, 12), 16);
      expect(timeMs).toBe(Date.parse(record.createdAt));
    }
  });

  it('spreads records over all three sites, unevenly', () => {
    const perSite = DEMO_SITES.map((site) => records.filter((record) => record.siteId === site.id).length);
    expect(perSite.every((count) => count > 200)).toBe(true);
    expect(new Set(perSite).size).toBe(3);
    expect(Math.max(...perSite)).toBeGreaterThan(1.8 * Math.min(...perSite));
  });

  it('has every record created by an admin or user of its site, never by a viewer', () => {
    for (const record of records) {
      const creator = DEMO_USERS.find((user) => user.id === record.createdBy);
      const role = creator?.memberships.find((membership) => membership.siteId === record.siteId)?.role;
      expect(['admin', 'user']).toContain(role);
    }
  });

  it('starts every record within the two years before now and lasts 15 minutes to a day', () => {
    const twoYearsBefore = Date.parse('2024-11-01T00:00:00Z');
    for (const record of records) {
      const start = Date.parse(record.startDatetime);
      const minutes = minutesLong(record);
      expect(start).toBeGreaterThanOrEqual(twoYearsBefore);
      expect(start).toBeLessThan(nowMs);
      expect(minutes).toBeGreaterThanOrEqual(15);
      expect(minutes).toBeLessThanOrEqual(24 * 60);
    }
  });

  it('records most interactions afterwards and some ahead, never after now, never edited since', () => {
    for (const record of records) {
      expect(Date.parse(record.createdAt)).toBeLessThanOrEqual(nowMs);
      expect(record.updatedAt).toBe(record.createdAt);
      expect(record.deleted).toBe(false);
    }
    const afterwards = records.filter((record) => record.createdAt > record.endDatetime).length;
    expect(afterwards / records.length).toBeGreaterThan(0.5);
    expect(afterwards / records.length).toBeLessThan(0.9);
  });

  it("uses mostly the site's home zone, plus several others, at office-hours local times", () => {
    const home = (item: GeneratedInteraction) =>
      DEMO_SITES.find((site) => site.id === item.interaction.siteId)?.homeTimeZone;
    expect(share((item) => item.interaction.timezone === home(item))).toBeGreaterThan(0.75);
    const away = new Set(records.map((record) => record.timezone));
    expect(away.size).toBeGreaterThan(6);

    // All-day events start at midnight; everything else within office hours, give or take.
    const timed = records.filter((record) => minutesLong(record) < 24 * 60);
    expect(timed.every((record) => localHour(record) >= 8 && localHour(record) <= 19)).toBe(true);
  });

  it('uses every topic, and only the default interaction types', () => {
    expect(new Set(SAMPLE.map((item) => item.topicId))).toEqual(new Set(TOPICS.map((topic) => topic.id)));
    const types = new Set(records.map((record) => record.type));
    expect(types).toEqual(new Set(['Meeting', 'Call', 'Email', 'Site visit', 'Workshop', 'Other']));
  });

  it('leaves notes out of about 40% and location out of about 25% of records', () => {
    expect(share((item) => item.interaction.notes !== null)).toBeCloseTo(0.6, 1);
    expect(share((item) => item.interaction.location !== null)).toBeCloseTo(0.75, 1);
  });

  it('writes descriptions from a single sentence up to several paragraphs', () => {
    const paragraphs = records.map((record) => record.description.split('\n\n').length);
    expect(share((item) => !/[.!?] /.test(item.interaction.description))).toBeGreaterThan(0.1);
    expect(Math.max(...paragraphs)).toBeGreaterThanOrEqual(3);
    expect(records.every((record) => !record.description.includes('{'))).toBe(true);
  });

  it('words the same topic differently across records', () => {
    const damp = SAMPLE.filter((item) => item.topicId === 'tenant-damp-complaint');
    expect(new Set(damp.map((item) => item.interaction.title)).size).toBeGreaterThan(damp.length / 2);
  });
});
