import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEXT_FIELDS, type InteractionFields } from '$lib/domain';
import { FIELDS_MAP, applyInteractionChange, createInteractionDoc, decodeInteractionState, encodeInteractionState, isInteractionDeleted, markInteractionDeleted, mergeInteractionStates, readInteractionFields } from '$lib/domain/crdt';
import { validFields } from '../../support/valid-fields';

const fields = validFields({ description: 'Went through the plan.\nAgreed on dates 🎉' });

/** Two replicas of one interaction, decoded from the same bytes as two devices would be. */
function replicas(): [Y.Doc, Y.Doc] {
  const state = encodeInteractionState(createInteractionDoc(fields));
  return [decodeInteractionState(state), decodeInteractionState(state)];
}

/** Sends each replica's updates to the other, as a sync round would. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const [fromA, fromB] = [Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)];
  Y.applyUpdate(a, fromB);
  Y.applyUpdate(b, fromA);
}

/** The names of the fields a change actually wrote to the document. */
function fieldsWrittenBy(doc: Y.Doc, change: Partial<InteractionFields>): string[] {
  const written: string[] = [];
  const map = doc.getMap(FIELDS_MAP);
  const collect = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed as Map<unknown, Set<string>>) {
      if (type === map) written.push(...keys);
      written.push(...TEXT_FIELDS.filter((name) => type === doc.getText(name)));
    }
  };
  doc.on('afterTransaction', collect);
  applyInteractionChange(doc, change);
  doc.off('afterTransaction', collect);
  return written.sort();
}

/** Bytes from a seeded generator (mulberry32), so a failure can be reproduced. */
function pseudoRandomBytes(seed: number, length: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) & 0xff;
  });
}

describe('createInteractionDoc', () => {
  it('reads back exactly the fields it was built from', () => {
    expect(readInteractionFields(createInteractionDoc(fields))).toEqual(fields);
  });

  it.each([
    ['empty', ''],
    ['null', null]
  ])('reads %s notes and location back as null', (_, empty) => {
    const doc = createInteractionDoc({ ...fields, notes: empty, location: empty });
    expect(readInteractionFields(doc)).toEqual({ ...fields, notes: null, location: null });
  });

  it('starts not deleted', () => {
    expect(isInteractionDeleted(createInteractionDoc(fields))).toBe(false);
  });
});

describe('applyInteractionChange', () => {
  it('changes the fields named in the change and keeps the others', () => {
    const doc = createInteractionDoc(fields);
    applyInteractionChange(doc, { title: 'Renamed', notes: null });
    expect(readInteractionFields(doc)).toEqual({ ...fields, title: 'Renamed', notes: null });
  });

  it('writes only the fields whose value differs', () => {
    const doc = createInteractionDoc(fields);
    const change = { ...fields, title: 'Renamed', notes: 'New notes' };
    expect(fieldsWrittenBy(doc, change)).toEqual(['notes', 'title']);
  });

  it('writes nothing when the change repeats the current values', () => {
    const doc = createInteractionDoc(fields);
    expect(fieldsWrittenBy(doc, fields)).toEqual([]);
  });
});

describe('encodeInteractionState and decodeInteractionState', () => {
  it('round-trip the fields', () => {
    const state = encodeInteractionState(createInteractionDoc(fields));
    expect(readInteractionFields(decodeInteractionState(state))).toEqual(fields);
  });

  it('round-trip the tombstone', () => {
    const doc = createInteractionDoc(fields);
    markInteractionDeleted(doc);
    expect(isInteractionDeleted(decodeInteractionState(encodeInteractionState(doc)))).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('throws on random bytes (seed %i)', (seed) => {
    expect(() => decodeInteractionState(pseudoRandomBytes(seed, 64))).toThrow();
  });

  it('throws on a truncated state', () => {
    const state = encodeInteractionState(createInteractionDoc(fields));
    expect(() => decodeInteractionState(state.slice(0, state.length / 2))).toThrow();
  });

  it('throws on an update that builds on changes it does not carry', () => {
    const doc = createInteractionDoc(fields);
    const before = Y.encodeStateVector(doc);
    applyInteractionChange(doc, { title: 'Renamed' });
    expect(() => decodeInteractionState(Y.encodeStateAsUpdate(doc, before))).toThrow(/incomplete/);
  });

  it('leaves out an update held back for the changes it builds on, and keeps the document whole', () => {
    // Notes start empty, so both edits only insert (a delete set always travels whole).
    const start = { ...fields, notes: null };
    const source = createInteractionDoc(start);
    const replica = decodeInteractionState(encodeInteractionState(source));
    const before = Y.encodeStateVector(source);
    applyInteractionChange(source, { notes: 'First' });
    const first = Y.encodeStateAsUpdate(source, before);
    const middle = Y.encodeStateVector(source);
    applyInteractionChange(source, { notes: 'First, then second' });
    // The second edit arrives live before the first: Yjs holds it back.
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source, middle));
    expect(replica.store.pendingStructs).not.toBeNull();

    const state = encodeInteractionState(replica);
    expect(readInteractionFields(decodeInteractionState(state))).toEqual(start);
    // Nothing is lost: once the first edit arrives, the held-back one applies.
    Y.applyUpdate(replica, first);
    expect(readInteractionFields(decodeInteractionState(encodeInteractionState(replica))).notes).toBe('First, then second');
  });
});

describe('replicas of one interaction', () => {
  it('converge with both edits when they change different fields concurrently', () => {
    const [a, b] = replicas();
    applyInteractionChange(a, { title: 'Renamed on A' });
    applyInteractionChange(b, { location: 'Moved on B', notes: 'From B' });
    exchange(a, b);
    const expected = { ...fields, title: 'Renamed on A', location: 'Moved on B', notes: 'From B' };
    expect(readInteractionFields(a)).toEqual(expected);
    expect(readInteractionFields(b)).toEqual(expected);
  });

  it('keep both insertions when they edit the description concurrently', () => {
    const [a, b] = replicas();
    applyInteractionChange(a, { description: `Summary: ${fields.description}` });
    applyInteractionChange(b, { description: `${fields.description} Next: book a room.` });
    exchange(a, b);
    const expected = `Summary: ${fields.description} Next: book a room.`;
    expect(readInteractionFields(a).description).toBe(expected);
    expect(readInteractionFields(b).description).toBe(expected);
  });

  it('agree on one of the values when they choose the same field concurrently', () => {
    const [a, b] = replicas();
    applyInteractionChange(a, { type: 'Call' });
    applyInteractionChange(b, { type: 'Visit' });
    exchange(a, b);
    expect(readInteractionFields(a).type).toBe(readInteractionFields(b).type);
    expect(['Call', 'Visit']).toContain(readInteractionFields(a).type);
  });

  it.each(['title', 'lead', 'location'] as const)('keep both people’s words when they type in the %s at once', (field) => {
    const [a, b] = replicas();
    const start = fields[field]!;
    applyInteractionChange(a, { [field]: `${start} A` });
    applyInteractionChange(b, { [field]: `${start} B` });
    exchange(a, b);
    const merged = readInteractionFields(a)[field];
    expect(readInteractionFields(b)[field]).toBe(merged);
    expect([`${start} A B`, `${start} B A`]).toContain(merged);
  });

  it('stay deleted when a delete merges with a concurrent edit', () => {
    const [a, b] = replicas();
    markInteractionDeleted(a);
    applyInteractionChange(b, { title: 'Edited while deleted elsewhere' });
    exchange(a, b);
    expect([isInteractionDeleted(a), isInteractionDeleted(b)]).toEqual([true, true]);
    expect(readInteractionFields(a).title).toBe('Edited while deleted elsewhere');
  });

  it('merge their encoded states to the same record in either order', () => {
    const [a, b] = replicas();
    const description = `${fields.description} (checked)`;
    applyInteractionChange(a, { title: 'Renamed on A' });
    applyInteractionChange(b, { description });
    const [stateA, stateB] = [encodeInteractionState(a), encodeInteractionState(b)];
    const expected = { ...fields, title: 'Renamed on A', description };
    const readMerged = (first: Uint8Array, second: Uint8Array) =>
      readInteractionFields(decodeInteractionState(mergeInteractionStates(first, second)));
    expect(readMerged(stateA, stateB)).toEqual(expected);
    expect(readMerged(stateB, stateA)).toEqual(expected);
  });
});
