import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorComposition, commitComposition } from '$lib/collab/composition';

const LOCAL = Symbol('local');

/** Two documents in step, as two people's forms: `mine` composes, `theirs` edits meanwhile. */
function pair(notes: string): { mine: Y.Doc; theirs: Y.Doc; sync(): void } {
  const mine = new Y.Doc();
  mine.getText('notes').insert(0, notes);
  const theirs = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)));
  };
  sync();
  return { mine, theirs, sync };
}

describe('a composition committed while others edited the same text', () => {
  it('lands where it started, once, with their edits before and after it kept', () => {
    const { mine, theirs, sync } = pair('会議 メモ');
    const anchor = anchorComposition(mine, { field: 'notes', before: '会議 メモ', selection: { start: 3, end: 3 } });
    theirs.getText('notes').insert(0, '【至急】');
    theirs.getText('notes').insert(theirs.getText('notes').length, '。');
    sync();

    const result = commitComposition(mine, anchor, '会議 漢字メモ', LOCAL);
    expect(result).toEqual({ text: '【至急】会議 漢字メモ。', caret: 9 });
    sync();
    expect(theirs.getText('notes').toString()).toBe('【至急】会議 漢字メモ。');
  });

  it('replaces the selection it started on, keeping text others typed right at its edges', () => {
    const { mine, theirs, sync } = pair('one TWO three');
    const anchor = anchorComposition(mine, { field: 'notes', before: 'one TWO three', selection: { start: 4, end: 7 } });
    theirs.getText('notes').insert(7, '!');
    theirs.getText('notes').insert(4, '>');
    sync();

    expect(commitComposition(mine, anchor, 'one 二 three', LOCAL)).toEqual({ text: 'one >二! three', caret: 6 });
  });

  it('keeps only what is left of the selection to replace when someone cut part of it', () => {
    const { mine, theirs, sync } = pair('abcdef');
    const anchor = anchorComposition(mine, { field: 'notes', before: 'abcdef', selection: { start: 1, end: 5 } });
    theirs.getText('notes').delete(2, 2);
    sync();

    expect(commitComposition(mine, anchor, 'aXf', LOCAL)?.text).toBe('aXf');
  });

  it('declines a field that changed elsewhere than at the composition, for the caller to share whole', () => {
    const { mine } = pair('abc');
    const anchor = anchorComposition(mine, { field: 'notes', before: 'abc', selection: { start: 1, end: 1 } });
    expect(commitComposition(mine, anchor, 'xbc', LOCAL)).toBeUndefined();
    expect(mine.getText('notes').toString()).toBe('abc');
  });
});
