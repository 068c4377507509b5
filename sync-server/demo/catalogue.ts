import { DEFAULT_INTERACTION_TYPES } from '../../src/lib/domain';
import type { InteractionType, Topic } from './topic';
import phrases from './vocabulary/phrases.json' with { type: 'json' };
import community from './vocabulary/topics-community.json' with { type: 'json' };
import financeGovernance from './vocabulary/topics-finance-governance.json' with { type: 'json' };
import operations from './vocabulary/topics-operations.json' with { type: 'json' };
import peoplePartners from './vocabulary/topics-people-partners.json' with { type: 'json' };

export type { InteractionType, Topic } from './topic';

/**
 * The demo data's vocabulary, kept as data in `vocabulary/*.json` and checked here as it loads, so a
 * slip in a file (a type the sites do not have, a number where a sentence belongs) fails with the
 * file and the place named instead of producing odd records.
 */

/**
 * Every topic of the demo data. Ids are stable: a search evaluation set names the topic each query
 * should find, and generated interactions report the topic they were written from.
 */
export const TOPICS: readonly Topic[] = [
  ...topicsFrom('topics-community.json', community),
  ...topicsFrom('topics-operations.json', operations),
  ...topicsFrom('topics-finance-governance.json', financeGovernance),
  ...topicsFrom('topics-people-partners.json', peoplePartners)
];

export function topicById(id: string): Topic {
  const topic = TOPICS.find((candidate) => candidate.id === id);
  if (!topic) throw new Error(`There is no demo topic “${id}”.`);
  return topic;
}

// The rest of the vocabulary belongs to no topic: how people label and open a record of a call or
// a visit, and the follow-ups every kind of work ends with.
export const TITLE_PREFIXES = perType('phrases.json#titlePrefixes', phrases.titlePrefixes);
export const OPENERS = perType('phrases.json#openers', phrases.openers);
export const CLOSERS = strings('phrases.json#closers', phrases.closers);
export const GENERIC_NOTES = strings('phrases.json#genericNotes', phrases.genericNotes);
/** Where an interaction happens when nobody is in the same room. */
export const REMOTE_LOCATIONS = perType('phrases.json#remoteLocations', phrases.remoteLocations, { mayBeEmpty: true });

/** Reads one topics file, failing with the file and the place of anything malformed. */
export function topicsFrom(file: string, data: unknown): Topic[] {
  if (!Array.isArray(data)) throw new VocabularyError(file, 'is not a list of topics');
  return data.map((entry: Record<string, unknown>, index) => {
    const at = `${file}[${index}]`;
    if (typeof entry?.id !== 'string' || typeof entry.name !== 'string') throw new VocabularyError(at, 'needs an id and a name');
    const place = `${file} (${entry.id})`;
    return {
      id: entry.id,
      name: entry.name,
      keywords: strings(`${place}.keywords`, entry.keywords),
      types: weightedTypes(`${place}.types`, entry.types),
      titles: strings(`${place}.titles`, entry.titles),
      descriptions: strings(`${place}.descriptions`, entry.descriptions),
      notes: strings(`${place}.notes`, entry.notes),
      locations: strings(`${place}.locations`, entry.locations),
      slots: Object.fromEntries(
        Object.entries(record(`${place}.slots`, entry.slots)).map(([name, values]) => [name, strings(`${place}.slots.${name}`, values)])
      )
    };
  });
}

function weightedTypes(at: string, value: unknown): (readonly [InteractionType, number])[] {
  if (!Array.isArray(value) || value.length === 0) throw new VocabularyError(at, 'needs at least one [type, weight] pair');
  return value.map((pair: unknown) => {
    if (!Array.isArray(pair) || !isInteractionType(pair[0]) || typeof pair[1] !== 'number' || !(pair[1] > 0)) {
      throw new VocabularyError(at, `has ${JSON.stringify(pair)}, which is not a default type with a positive weight`);
    }
    return [pair[0], pair[1]] as const;
  });
}

function perType(at: string, value: unknown, { mayBeEmpty = false } = {}): Readonly<Record<InteractionType, readonly string[]>> {
  const byType = record(at, value);
  return Object.fromEntries(
    DEFAULT_INTERACTION_TYPES.map((type) => [type, strings(`${at}.${type}`, byType[type], { mayBeEmpty })])
  ) as Record<InteractionType, readonly string[]>;
}

function strings(at: string, value: unknown, { mayBeEmpty = false } = {}): readonly string[] {
  if (!Array.isArray(value) || (!mayBeEmpty && value.length === 0) || value.some((item) => typeof item !== 'string' || !item.trim())) {
    throw new VocabularyError(at, mayBeEmpty ? 'must be a list of texts' : 'must be a list of one or more texts');
  }
  return value;
}

function record(at: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new VocabularyError(at, 'must be an object');
  return value as Record<string, unknown>;
}

function isInteractionType(value: unknown): value is InteractionType {
  return (DEFAULT_INTERACTION_TYPES as readonly unknown[]).includes(value);
}

class VocabularyError extends Error {
  constructor(at: string, problem: string) {
    super(`The demo vocabulary's ${at} ${problem}.`);
  }
}
