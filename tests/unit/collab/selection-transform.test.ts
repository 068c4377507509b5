import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transformIndex, transformSelection, type TextDeltaStep } from '$lib/collab/selection-transform';

/** The delta Yjs reports on one replica when another replica makes `edit`. */
function remoteDelta(initial: string, edit: (text: Y.Text) => void): TextDeltaStep[] {
  const [local, remote] = [new Y.Doc(), new Y.Doc()];
  local.getText('t').insert(0, initial);
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  let delta: TextDeltaStep[] = [];
  local.getText('t').observe((event) => (delta = event.delta as TextDeltaStep[]));
  edit(remote.getText('t'));
  Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
  return delta;
}

describe('transformIndex', () => {
  it('moves the caret right by what was inserted before it', () => {
    const delta = remoteDelta('hello world', (text) => text.insert(0, '>> '));
    expect(transformIndex(8, delta)).toBe(11);
  });

  it('leaves the caret where it is for an insert after it', () => {
    const delta = remoteDelta('hello world', (text) => text.insert(11, '!'));
    expect(transformIndex(5, delta)).toBe(5);
  });

  it('keeps the caret before text inserted exactly at it', () => {
    const delta = remoteDelta('abc', (text) => text.insert(3, 'XYZ'));
    expect(transformIndex(3, delta)).toBe(3);
  });

  it('moves the caret left by what was deleted before it', () => {
    const delta = remoteDelta('hello world', (text) => text.delete(0, 6));
    expect(transformIndex(8, delta)).toBe(2);
  });

  it('collapses a caret inside a deleted span to where the span began', () => {
    const delta = remoteDelta('hello world', (text) => text.delete(2, 6));
    expect(transformIndex(5, delta)).toBe(2);
  });

  it('follows a change made of a delete and an insert before the caret', () => {
    const delta = remoteDelta('one two three', (text) => {
      text.delete(0, 3);
      text.insert(0, 'eleven');
    });
    // The caret was before "three": the text before it grew by three characters.
    expect(transformIndex(8, delta)).toBe(11);
  });
});

describe('transformSelection', () => {
  it('keeps a selection over the same characters', () => {
    const delta = remoteDelta('select these words', (text) => text.insert(0, 'Please '));
    const moved = transformSelection({ start: 7, end: 12 }, delta);
    expect('Please select these words'.slice(moved.start, moved.end)).toBe('these');
  });

  it('shrinks a selection whose characters were partly deleted', () => {
    const delta = remoteDelta('abcdefgh', (text) => text.delete(2, 4));
    expect(transformSelection({ start: 4, end: 7 }, delta)).toEqual({ start: 2, end: 3 });
  });
});
