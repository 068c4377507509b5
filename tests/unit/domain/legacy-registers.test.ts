import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type InteractionFields } from '$lib/domain';
import { FIELDS_MAP, applyInteractionChange, decodeInteractionState, encodeInteractionState, readInteractionFields } from '$lib/domain/crdt';
import { validFields } from '../../support/valid-fields';

const fields = validFields();

/** A record as releases before texts for title, lead and location wrote it. */
function legacyState(values: InteractionFields = fields, clientId = 7): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.transact(() => {
    const map = doc.getMap<string | null>(FIELDS_MAP);
    for (const name of ['title', 'type', 'lead', 'startDatetime', 'endDatetime', 'timezone', 'location'] as const) {
      map.set(name, values[name]);
    }
    doc.getText('description').insert(0, values.description);
    if (values.notes) doc.getText('notes').insert(0, values.notes);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** An old release's replica: it sets the map entry and never looks at the texts. */
function legacySet(state: Uint8Array, name: string, value: string, clientId = 9): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  Y.applyUpdate(doc, state);
  doc.getMap(FIELDS_MAP).set(name, value);
  return Y.encodeStateAsUpdate(doc);
}

function merged(...states: Uint8Array[]): InteractionFields {
  return readInteractionFields(decodeInteractionState(Y.mergeUpdates(states)));
}

describe('a record stored by an older release', () => {
  it('reads back every value, and keeps them once it is upgraded and stored again', () => {
    const upgraded = encodeInteractionState(decodeInteractionState(legacyState()));
    expect(readInteractionFields(decodeInteractionState(upgraded))).toEqual(fields);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, upgraded);
    expect(doc.getText('title').toString()).toBe(fields.title);
  });

  it('holds each value once when several replicas upgrade it on their own', () => {
    const legacy = legacyState();
    const [server, device] = [decodeInteractionState(legacy), decodeInteractionState(legacy)];
    expect(merged(encodeInteractionState(server), encodeInteractionState(device))).toEqual(fields);
  });

  it('lets typing after the upgrade merge with typing elsewhere', () => {
    const legacy = legacyState();
    const [ada, ben] = [decodeInteractionState(legacy), decodeInteractionState(legacy)];
    applyInteractionChange(ada, { title: `${fields.title} A` });
    applyInteractionChange(ben, { title: `${fields.title} B` });
    expect([`${fields.title} A B`, `${fields.title} B A`]).toContain(merged(encodeInteractionState(ada), encodeInteractionState(ben)).title);
  });

  it('takes a value an old replica changed offline as a replacement, not an addition', () => {
    const legacy = legacyState();
    const server = encodeInteractionState(decodeInteractionState(legacy));
    const offlineEdit = legacySet(legacy, 'title', 'Renamed offline');
    expect(merged(server, offlineEdit).title).toBe('Renamed offline');
    // The old replica itself upgraded after updating, before it synced: the same outcome.
    expect(merged(server, encodeInteractionState(decodeInteractionState(offlineEdit))).title).toBe('Renamed offline');
  });

  it('takes what an old replica writes after the upgrade, and keeps the others’ words around it', () => {
    const upgraded = decodeInteractionState(legacyState());
    applyInteractionChange(upgraded, { lead: `${fields.lead} and Ben` });
    const fromOldRelease = legacySet(encodeInteractionState(upgraded), 'lead', 'Grace Hopper');
    Y.applyUpdate(upgraded, fromOldRelease);
    expect(readInteractionFields(upgraded).lead).toBe('Grace Hopper and Ben');
  });

  it('never brings back a value someone cleared', () => {
    const doc = decodeInteractionState(legacyState());
    applyInteractionChange(doc, { location: null });
    expect(readInteractionFields(decodeInteractionState(encodeInteractionState(doc))).location).toBeNull();
  });

  it('clears a value an old replica cleared', () => {
    const legacy = legacyState();
    const cleared = new Y.Doc();
    Y.applyUpdate(cleared, legacy);
    cleared.getMap(FIELDS_MAP).set('location', null);
    expect(merged(encodeInteractionState(decodeInteractionState(legacy)), Y.encodeStateAsUpdate(cleared)).location).toBeNull();
  });

  it('ignores an old-form value that was never text', () => {
    const doc = decodeInteractionState(legacyState());
    doc.getMap(FIELDS_MAP).set('location', 42 as never);
    expect(readInteractionFields(doc).location).toBe(fields.location);
    expect(readInteractionFields(decodeInteractionState(encodeInteractionState(doc))).location).toBe(fields.location);
  });
});
