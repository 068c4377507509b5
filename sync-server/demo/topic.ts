import type { DEFAULT_INTERACTION_TYPES } from '../../src/lib/domain';
import type { Slots } from './template';

export type InteractionType = (typeof DEFAULT_INTERACTION_TYPES)[number];

/**
 * One subject the organisation deals with again and again. Each topic is written with several
 * wordings (synonyms, paraphrases) so that records about the same thing do not share the same
 * words, which is what a semantic search evaluation needs to be meaningful.
 */
export interface Topic {
  /** Stable: an evaluation set refers to topics by id. */
  id: string;
  name: string;
  /** Words a person might search with; for writing evaluation queries, not used in generation. */
  keywords: readonly string[];
  /** How often each interaction type occurs for this topic. */
  types: readonly (readonly [InteractionType, number])[];
  titles: readonly string[];
  /** Sentences; a description is a few of them, in random order. */
  descriptions: readonly string[];
  notes: readonly string[];
  /** Where interactions about this topic take place, besides online and by phone. */
  locations: readonly string[];
  /** This topic's slots; templates may also use the site's (people, places, amounts, dates). */
  slots: Slots;
}
