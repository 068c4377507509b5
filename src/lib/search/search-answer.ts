import type { LocalInteraction } from '$lib/db';

export interface SearchHit {
  row: LocalInteraction;
  /** Words to mark in the row: what the keyword index matched, else the query's own words. */
  terms: string[];
  /** For a record found by meaning and not by its words: the passage of its text that matched best. */
  passage?: string;
}

export interface SearchAnswer {
  hits: SearchHit[];
  /**
   * Whether meaning was part of the ranking: `pending` for the keyword ranking shown while the
   * ranking with meaning is still to come, `unavailable` when it was asked for and could not be had.
   */
  semantic: 'used' | 'not-asked' | 'pending' | 'unavailable';
}
