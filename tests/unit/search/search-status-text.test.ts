import { describe, expect, it } from 'vitest';
import { searchStatusText, type SearchStatusInput } from '$lib/search/search-status-text';

const base: SearchStatusInput = {
  semantic: { state: 'ready', done: 3, total: 3 },
  mode: 'hybrid',
  semanticUsed: true,
  provisional: false,
  held: false
};

function text(change: Partial<SearchStatusInput>): string {
  return searchStatusText({ ...base, ...change });
}

describe('the line under the search box', () => {
  it('says nothing once meaning search is ready and used', () => {
    expect(text({})).toBe('');
  });

  it('says once, plainly, that meaning search is unavailable and that results match keywords only', () => {
    const line = text({ semantic: { state: 'unavailable', cause: 'no-model', done: 0, total: 0 }, semanticUsed: false });
    expect(line).toBe('Meaning search is unavailable because its model could not be loaded on this device, so results match keywords only.');
    expect(line.match(/unavailable/g)).toHaveLength(1);
  });

  it('names why for a browser without workers and for a model that failed', () => {
    expect(text({ semantic: { state: 'unavailable', cause: 'no-worker', done: 0, total: 0 } })).toMatch(/this browser cannot run it/);
    expect(text({ semantic: { state: 'unavailable', done: 0, total: 0 } })).toMatch(/its model stopped working/);
  });

  it('explains the disabled Meaning option under Keywords too, without the keywords-only clause', () => {
    expect(text({ mode: 'keyword', semantic: { state: 'unavailable', cause: 'no-model', done: 0, total: 0 } })).toBe(
      'Meaning search is unavailable because its model could not be loaded on this device.'
    );
  });

  it('says nothing about meaning under Keywords while the model loads', () => {
    expect(text({ mode: 'keyword', semantic: { state: 'loading', done: 0, total: 0 }, semanticUsed: null })).toBe('');
  });

  it('says keyword matches are shown first while the model loads', () => {
    expect(text({ semantic: { state: 'loading', done: 0, total: 0 }, semanticUsed: false, provisional: true })).toBe(
      'Showing keyword matches; ranking by meaning is added once its model has loaded.'
    );
  });

  it('offers the held ranking with meaning', () => {
    expect(text({ semanticUsed: false, provisional: true, held: true })).toBe('Better matches, ranked with meaning, are ready.');
  });

  it('reports indexing progress, even when no search is shown', () => {
    expect(text({ semantic: { state: 'indexing', done: 8, total: 1407 }, semanticUsed: null })).toBe(
      'Indexing for meaning search: 8 of the 1,407 interactions on this device so far'
    );
  });

  it('says the model is loading only while a search waits on it', () => {
    expect(text({ semantic: { state: 'loading', done: 0, total: 0 }, semanticUsed: null })).toBe('');
    expect(text({ semantic: { state: 'loading', done: 0, total: 0 }, semanticUsed: true })).toBe('Loading the meaning search model…');
  });
});
