import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff } from '$lib/domain/text-diff';

function textOf(initial: string): Y.Text {
  const text = new Y.Doc().getText('t');
  text.insert(0, initial);
  return text;
}

/** Two replicas of one text, both built from the same encoded history. */
function replicasOf(initial: string): [Y.Doc, Y.Doc] {
  const state = Y.encodeStateAsUpdate(textOf(initial).doc!);
  return [0, 1].map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  }) as [Y.Doc, Y.Doc];
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  const [fromA, fromB] = [Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)];
  Y.applyUpdate(a, fromB);
  Y.applyUpdate(b, fromA);
}

/** The edits Yjs records for one diff, as a delta of retain / insert / delete operations. */
function deltaOf(initial: string, next: string): unknown[] {
  const text = textOf(initial);
  let delta: unknown[] = [];
  text.observe((event) => (delta = event.delta));
  // One transaction, so the delete and the insert arrive as one delta.
  text.doc!.transact(() => applyTextDiff(text, next));
  return delta;
}

describe('applyTextDiff', () => {
  it.each([
    ['an insert at the start', 'world', 'Hello world'],
    ['an insert in the middle', 'Hello world', 'Hello brave world'],
    ['an insert at the end', 'Hello', 'Hello world'],
    ['a delete at the start', 'Hello world', 'world'],
    ['a delete in the middle', 'Hello brave world', 'Hello world'],
    ['a delete at the end', 'Hello world', 'Hello'],
    ['a replace at the start', 'Hello world', 'Howdy world'],
    ['a replace in the middle', 'Hello brave world', 'Hello bold world'],
    ['a replace at the end', 'Hello world', 'Hello there'],
    ['a text emptied', 'Hello', ''],
    ['a text filled from empty', '', 'Hello'],
    ['a repeated letter', 'aaa', 'aaaa']
  ])('produces the target for %s', (_, initial, next) => {
    const text = textOf(initial);
    applyTextDiff(text, next);
    expect(text.toString()).toBe(next);
  });

  it('records nothing when the text is unchanged', () => {
    expect(deltaOf('Hello world', 'Hello world')).toEqual([]);
  });

  it('touches only the span that differs', () => {
    const inserted = [{ retain: 6 }, { insert: 'brave ' }];
    const replaced = [{ retain: 6 }, { delete: 5 }, { insert: 'there' }];
    expect(deltaOf('Hello world', 'Hello brave world')).toEqual(inserted);
    expect(deltaOf('Hello world', 'Hello there')).toEqual(replaced);
  });

  it('keeps a concurrent remote insert that a full replace would have moved', () => {
    const [local, remote] = replicasOf('Hello world');
    applyTextDiff(local.getText('t'), 'Hello there');
    remote.getText('t').insert(5, ',');
    exchange(local, remote);
    expect(local.getText('t').toString()).toBe('Hello, there');
    expect(remote.getText('t').toString()).toBe('Hello, there');
  });

  it.each([
    ['one emoji for another with the same high surrogate', 'a😀b', 'a😁b'],
    ['one character for another with the same low surrogate', 'a\u{1F600}b', 'a\u{10600}b'],
    ['an emoji for a letter', 'a😀b', 'axb'],
    ['a letter for an emoji', 'axb', 'a😀b'],
    ['an insert right after an emoji', 'a😀b', 'a😀xb'],
    ['an insert right before an emoji', 'a😀b', 'ax😀b'],
    ['an emoji added beside the same emoji', 'a😀b', 'a😀😀b'],
    ['an emoji deleted between two others', '😀😁😂', '😀😂'],
    ['a flag changed to another flag', '🇬🇧', '🇫🇷']
  ])('never splits a surrogate pair: %s', (_, initial, next) => {
    const text = textOf(initial);
    applyTextDiff(text, next);
    // Yjs writes U+FFFD for each half of a pair cut apart, so an exact match proves none was cut.
    expect(text.toString()).toBe(next);
  });

  it('leaves valid text when an edit beside an emoji merges with a remote edit', () => {
    const [local, remote] = replicasOf('Party 😀 time');
    applyTextDiff(local.getText('t'), 'Party 😁 time');
    remote.getText('t').insert(13, '!');
    exchange(local, remote);
    expect(local.getText('t').toString()).toBe('Party 😁 time!');
    expect(remote.getText('t').toString()).toBe('Party 😁 time!');
  });
});

describe('applyTextDiff at the caret', () => {
  it.each([
    // [before, after, caret in after, where the edit goes]
    ['an insert before an equal character', 'ab', 'abb', 2, [{ retain: 1 }, { insert: 'b' }]],
    ['an insert after an equal character', 'ab', 'abb', 3, [{ retain: 2 }, { insert: 'b' }]],
    ['a space typed before another', 'T ', 'T  ', 2, [{ retain: 1 }, { insert: ' ' }]],
    ['a deletion of the first of two equal characters', 'abb', 'ab', 1, [{ retain: 1 }, { delete: 1 }]],
    ['a caret that does not fit the edit, which falls back to the plain diff', 'ab', 'abb', 0, [{ retain: 2 }, { insert: 'b' }]]
  ])('places %s where the caret says', (_case, before, after, caret, expected) => {
    const text = textOf(before as string);
    let delta: unknown[] = [];
    text.observe((event) => (delta = event.delta));
    applyTextDiff(text, after as string, caret as number);
    expect(text.toString()).toBe(after);
    expect(delta).toEqual(expected);
  });

  it('keeps each person’s word behind their own space when two type " x…" at one end at once', () => {
    const [ada, ben] = replicasOf('Title');
    const [adaText, benText] = [ada.getText('t'), ben.getText('t')];
    // Ben's space arrives while Ada's caret is at the end, before it; then she types her own space.
    applyTextDiff(benText, 'Title ', 6);
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(ben));
    applyTextDiff(adaText, 'Title  ', 6);
    // Each goes on typing right after their own space, without hearing the other.
    typeAt(adaText, 6, 'mint');
    typeAt(benText, 6, 'cores');
    exchange(ada, ben);
    expect(adaText.toString()).toBe('Title mint cores');
    expect(benText.toString()).toBe('Title mint cores');
  });
});

/** Types `word` letter by letter from `caret`, as a form shares each keystroke with its caret. */
function typeAt(text: Y.Text, caret: number, word: string): void {
  for (const letter of word) {
    const value = text.toString();
    applyTextDiff(text, value.slice(0, caret) + letter + value.slice(caret), ++caret);
  }
}
