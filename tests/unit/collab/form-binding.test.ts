import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type InteractionFields } from '$lib/domain';
import { createInteractionDoc, readInteractionFields } from '$lib/domain/crdt';
import { formValuesOf, observeRemoteChanges, shareFormEdit, unsharedFields, type TextDeltas } from '$lib/collab/form-binding';

const LOCAL = Symbol('local');

const FIELDS: InteractionFields = {
  title: 'Quarterly review',
  type: 'Meeting',
  lead: 'Ada Lovelace',
  startDatetime: '2026-03-10T10:00:00.000Z',
  endDatetime: '2026-03-10T11:00:00.000Z',
  timezone: 'UTC',
  location: null,
  description: 'Figures for the quarter.',
  notes: null
};

function replicas(): [Y.Doc, Y.Doc] {
  const first = createInteractionDoc(FIELDS);
  const second = new Y.Doc();
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
  return [first, second];
}

describe('shareFormEdit', () => {
  it('writes the changed fields and nothing else', () => {
    const [doc] = replicas();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    shareFormEdit(doc, { values: { ...formValuesOf(doc), title: 'Annual review', notes: 'Bring slides' }, errors: {}, origin: LOCAL });
    expect(readInteractionFields(doc)).toMatchObject({ title: 'Annual review', notes: 'Bring slides', lead: 'Ada Lovelace' });
    expect(updates).toHaveLength(1);
    shareFormEdit(doc, { values: formValuesOf(doc), errors: {}, origin: LOCAL });
    expect(updates).toHaveLength(1);
  });

  it('holds back a scalar field with an error but always shares the texts', () => {
    const [doc] = replicas();
    const values = { ...formValuesOf(doc), timezone: 'Europe/Lon', title: '', description: '' };
    const errors = { timezone: 'Choose a time zone.', title: 'Title is required.', description: 'Description is required.' };
    shareFormEdit(doc, { values, errors, origin: LOCAL });
    expect(readInteractionFields(doc)).toMatchObject({ timezone: 'UTC', title: '', description: '' });
    expect(unsharedFields(doc, values)).toEqual(['timezone']);
  });

  it('keeps a concurrent edit of the same text from another replica', () => {
    const [a, b] = replicas();
    shareFormEdit(a, { values: { ...formValuesOf(a), description: 'Figures for the quarter, by region.' }, errors: {}, origin: LOCAL });
    shareFormEdit(b, { values: { ...formValuesOf(b), description: 'Draft figures for the quarter.' }, errors: {}, origin: LOCAL });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readInteractionFields(a).description).toBe('Draft figures for the quarter, by region.');
    expect(readInteractionFields(b)).toEqual(readInteractionFields(a));
  });

  it('does not rewrite a time that names the same instant in another form', () => {
    const [doc] = replicas();
    doc.getMap('fields').set('startDatetime', '2026-03-10T10:00:00+00:00');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    shareFormEdit(doc, { values: formValuesOf(doc), errors: {}, origin: LOCAL });
    expect(updates).toHaveLength(0);
  });
});

describe('observeRemoteChanges', () => {
  it('reports edits from elsewhere with their text deltas, and not the form’s own', () => {
    const [a, b] = replicas();
    const heard: TextDeltas[] = [];
    const stop = observeRemoteChanges(a, LOCAL, (deltas) => heard.push(deltas));

    shareFormEdit(a, { values: { ...formValuesOf(a), notes: 'mine' }, errors: {}, origin: LOCAL });
    expect(heard).toEqual([]);

    b.getText('description').insert(0, 'New: ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'server');
    expect(heard).toEqual([{ description: [{ insert: 'New: ' }] }]);

    b.getMap('fields').set('type', 'Call');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'server');
    expect(heard[1]).toEqual({});
    expect(formValuesOf(a).type).toBe('Call');

    stop();
    b.getText('lead').insert(0, 'Ben and ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'server');
    expect(heard).toHaveLength(2);
  });
});
