import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERACTION_TYPES } from '../../../src/lib/domain';
import {
  CLOSERS,
  GENERIC_NOTES,
  OPENERS,
  REMOTE_LOCATIONS,
  TITLE_PREFIXES,
  TOPICS,
  topicById,
  topicsFrom,
  type Topic
} from '../../../sync-server/demo/catalogue';
import { DEMO_SITES } from '../../../sync-server/demo/demo-directory';
import { siteSlots } from '../../../sync-server/demo/site-vocabulary';
import { maxFilledLength, type SlotLookup } from '../../../sync-server/demo/template';

// The longest text a template can become at the site where it comes out longest.
function longest(template: string, topic: Topic): number {
  return Math.max(
    ...DEMO_SITES.map((site) => {
      const slots = siteSlots(site.id);
      const lookup: SlotLookup = (name) => topic.slots[name] ?? slots[name];
      return maxFilledLength(template, lookup);
    })
  );
}

describe('demo catalogue', () => {
  it('has 25 to 40 topics with unique ids, names and a few keywords each', () => {
    expect(TOPICS.length).toBeGreaterThanOrEqual(25);
    expect(TOPICS.length).toBeLessThanOrEqual(40);
    expect(new Set(TOPICS.map((topic) => topic.id)).size).toBe(TOPICS.length);
    expect(new Set(TOPICS.map((topic) => topic.name)).size).toBe(TOPICS.length);
    for (const topic of TOPICS) expect(topic.keywords.length, topic.id).toBeGreaterThanOrEqual(3);
    expect(topicById('fire-safety-inspection').name).toBe('Fire safety inspection');
  });

  it('gives every topic several wordings of titles, descriptions and notes', () => {
    for (const topic of TOPICS) {
      expect(topic.titles.length, topic.id).toBeGreaterThanOrEqual(4);
      expect(topic.descriptions.length, topic.id).toBeGreaterThanOrEqual(10);
      expect(topic.notes.length, topic.id).toBeGreaterThanOrEqual(4);
      expect(topic.locations.length, topic.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('uses only the default interaction types', () => {
    for (const topic of TOPICS) {
      for (const [type] of topic.types) expect(DEFAULT_INTERACTION_TYPES, topic.id).toContain(type);
    }
  });

  it('fits every title, with its longest prefix, in 100 characters', () => {
    const prefix = Math.max(...Object.values(TITLE_PREFIXES).flat().map((text) => text.length));
    for (const topic of TOPICS) {
      for (const title of topic.titles) expect(longest(title, topic) + prefix, title).toBeLessThanOrEqual(100);
    }
  });

  it('fits every location in 200 characters', () => {
    const remote = Object.values(REMOTE_LOCATIONS).flat();
    for (const topic of TOPICS) {
      for (const location of [...topic.locations, ...remote]) {
        expect(longest(location, topic), location).toBeLessThanOrEqual(200);
      }
    }
  });

  it('has a value for every slot its templates name', () => {
    const shared = [...Object.values(OPENERS).flat(), ...CLOSERS, ...GENERIC_NOTES];
    for (const topic of TOPICS) {
      for (const template of [...topic.descriptions, ...topic.notes, ...shared]) {
        expect(() => longest(template, topic), template).not.toThrow();
      }
    }
  });
});

describe('the vocabulary files', () => {
  const topic = { ...topicById('fire-safety-inspection') };

  it('are read as they are written', () => {
    expect(topicsFrom('a.json', [topic])).toEqual([topic]);
  });

  it('name the file, the topic and the field of a malformed entry', () => {
    expect(() => topicsFrom('a.json', [{ ...topic, types: [['Lecture', 1]] }])).toThrow(
      'The demo vocabulary\'s a.json (fire-safety-inspection).types has ["Lecture",1], which is not a default type with a positive weight.'
    );
    expect(() => topicsFrom('a.json', [{ ...topic, titles: ['Fine', 3] }])).toThrow(
      "The demo vocabulary's a.json (fire-safety-inspection).titles must be a list of one or more texts."
    );
    expect(() => topicsFrom('a.json', [{ name: 'No id' }])).toThrow("The demo vocabulary's a.json[0] needs an id and a name.");
  });
});
