import { USER_ID, newSiteId } from './local-databases';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isUuid, type InteractionFields } from '$lib/domain';
import { applyInteractionChange, decodeInteractionState, encodeInteractionState, isInteractionDeleted, readInteractionFields } from '$lib/domain/crdt';
import { InteractionNotFoundError, ValidationError, getInteraction, openSiteDatabase, queryInteractions } from '$lib/db';
import { createInteraction, deleteInteraction, mergeInteractionState, updateInteraction } from '$lib/db/interaction-writes';
import { base64ToBytes, bytesToBase64 } from '$lib/db/base64';
import type { InteractionDocument } from '$lib/db/local-interaction';
import { validFields } from '../../support/valid-fields';

/** The stored record as RxDB holds it, storage internals included. */
async function storedDocument(siteId: string, id: string): Promise<InteractionDocument & { _rev: string }> {
  const { interactions } = await openSiteDatabase(siteId);
  const found = await interactions.findOne(id).exec();
  if (!found) throw new Error(`no record ${id}`);
  return found.toJSON(true) as unknown as InteractionDocument & { _rev: string };
}

function crdtFields(document: InteractionDocument): InteractionFields {
  return readInteractionFields(decodeInteractionState(base64ToBytes(document.crdt)));
}

/** The record's fields, with the instants read back as the CRDT's original text compares to them. */
function expectRecordMatchesCrdt(document: InteractionDocument): void {
  const fromCrdt = crdtFields(document);
  expect({ ...fromCrdt, startDatetime: null, endDatetime: null }).toEqual({
    ...pickFields(document),
    startDatetime: null,
    endDatetime: null
  });
  expect(new Date(fromCrdt.startDatetime).toISOString()).toBe(document.startDatetime);
  expect(new Date(fromCrdt.endDatetime).toISOString()).toBe(document.endDatetime);
}

function pickFields(document: InteractionDocument): InteractionFields {
  const { title, type, lead, startDatetime, endDatetime, timezone, location, description, notes } = document;
  return { title, type, lead, startDatetime, endDatetime, timezone, location, description, notes };
}

async function countRows(siteId: string): Promise<number> {
  const { interactions } = await openSiteDatabase(siteId);
  return interactions.count().exec();
}

/** A morning meeting entered in Paris time, so stored UTC and entered text differ. */
const IN_PARIS = {
  title: 'Quarterly review',
  startDatetime: '2026-03-01T10:30:00+01:00',
  endDatetime: '2026-03-01T11:30:00+01:00',
  timezone: 'Europe/Paris',
  location: 'Room 4'
};

describe('createInteraction', () => {
  it('stores the fields with a new UUIDv7, the author, timestamps and unsynced status', async () => {
    const siteId = newSiteId();
    const before = new Date().toISOString();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });

    expect(isUuid(created.id)).toBe(true);
    expect(created.id[14]).toBe('7');
    expect(created).toMatchObject({
      siteId,
      createdBy: USER_ID,
      title: 'Quarterly review',
      deleted: false,
      needsReview: false,
      pendingSync: true
    });
    expect(created.createdAt >= before).toBe(true);
    expect(created.updatedAt).toBe(created.createdAt);
    expect(await getInteraction(siteId, created.id)).toEqual(created);
  });

  it('stores start and end in UTC while the CRDT keeps the text as entered', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    const stored = await storedDocument(siteId, created.id);

    expect(stored.startDatetime).toBe('2026-03-01T09:30:00.000Z');
    expect(stored.endDatetime).toBe('2026-03-01T10:30:00.000Z');
    expect(crdtFields(stored).startDatetime).toBe('2026-03-01T10:30:00+01:00');
    expectRecordMatchesCrdt(stored);
    expect(stored.serverSeq).toBeNull();
  });

  it('refuses invalid fields with every field error and writes nothing', async () => {
    const siteId = newSiteId();
    const attempt = createInteraction({
      siteId,
      userId: USER_ID,
      fields: validFields({ ...IN_PARIS, title: '', endDatetime: '2026-03-01T08:00:00Z' })
    });

    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((fieldError) => fieldError.field).sort()).toEqual([
      'endDatetime',
      'title'
    ]);
    expect((error as ValidationError).message).toContain('Title is required.');
    expect(await countRows(siteId)).toBe(0);
  });

  it("checks the type against the site's own list of types", async () => {
    const siteId = newSiteId();
    const fields = validFields({ ...IN_PARIS, type: 'Lecture' });

    await expect(createInteraction({ siteId, userId: USER_ID, fields })).rejects.toMatchObject({
      errors: [{ field: 'type' }]
    });
    const created = await createInteraction({ siteId, userId: USER_ID, fields, interactionTypes: ['Lecture'] });
    expect(created.type).toBe('Lecture');
  });
});

describe('updateInteraction', () => {
  it('writes the changed fields into the stored Yjs document and re-derives the record', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });

    const updated = await updateInteraction({
      siteId,
      id: created.id,
      patch: { title: 'Spring review', startDatetime: '2026-03-01T09:00:00+01:00', notes: '' }
    });

    expect(updated).toMatchObject({
      title: 'Spring review',
      startDatetime: '2026-03-01T08:00:00.000Z',
      notes: null,
      description: validFields().description,
      createdAt: created.createdAt,
      pendingSync: true
    });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
    expectRecordMatchesCrdt(await storedDocument(siteId, created.id));
  });

  it('continues the stored history, so a concurrent edit made elsewhere merges into it', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    const elsewhere = decodeInteractionState(base64ToBytes((await storedDocument(siteId, created.id)).crdt));
    applyInteractionChange(elsewhere, { description: 'Went through the whole plan for spring.' });

    await updateInteraction({ siteId, id: created.id, patch: { title: 'Spring review' } });
    const merged = new Y.Doc();
    Y.applyUpdate(merged, base64ToBytes((await storedDocument(siteId, created.id)).crdt));
    Y.applyUpdate(merged, encodeInteractionState(elsewhere));

    expect(readInteractionFields(merged)).toMatchObject({
      title: 'Spring review',
      description: 'Went through the whole plan for spring.'
    });
  });

  it('writes nothing when the patch changes nothing, such as the same instant in another offset', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    const before = await storedDocument(siteId, created.id);

    await updateInteraction({
      siteId,
      id: created.id,
      patch: { title: 'Quarterly review', startDatetime: '2026-03-01T09:30:00Z', location: 'Room 4' }
    });

    expect((await storedDocument(siteId, created.id))._rev).toBe(before._rev);
  });

  it('refuses an invalid patch with the field named and leaves the record untouched', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    const before = await storedDocument(siteId, created.id);

    const error = await updateInteraction({
      siteId,
      id: created.id,
      patch: { endDatetime: '2026-03-01T08:00:00Z', colour: 'red' }
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((fieldError) => fieldError.field).sort()).toEqual([
      'colour',
      'endDatetime'
    ]);
    expect(await storedDocument(siteId, created.id)).toEqual(before);
  });

  it('clears needsReview once the record passes every rule again', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    const { interactions } = await openSiteDatabase(siteId);
    await (await interactions.findOne(created.id).exec())!.incrementalPatch({ needsReview: true });

    const updated = await updateInteraction({ siteId, id: created.id, patch: { title: 'Checked' } });

    expect(updated.needsReview).toBe(false);
  });

  it('keeps who last changed the record as the server last said, until the server says again', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    expect(created).toMatchObject({ createdByName: '', updatedBy: USER_ID, updatedByName: '' });
    const { interactions } = await openSiteDatabase(siteId);
    const server = { createdByName: 'Ben Carter', updatedBy: 'another-user', updatedByName: 'Ada Lindqvist' };
    await (await interactions.findOne(created.id).exec())!.incrementalPatch(server);

    const updated = await updateInteraction({ siteId, id: created.id, patch: { title: 'Edited here' } });

    expect(updated).toMatchObject({ ...server, pendingSync: true });
  });

  it('refuses unknown and deleted interactions', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    await deleteInteraction({ siteId, id: created.id });

    for (const id of [created.id, '0190c0de-0000-7000-8000-0000000000ff']) {
      await expect(updateInteraction({ siteId, id, patch: { title: 'x' } })).rejects.toBeInstanceOf(
        InteractionNotFoundError
      );
    }
  });
});

describe('mergeInteractionState', () => {
  it('stores a title that merged typing took past its limit, flagged for review, and sorts it by title', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ ...IN_PARIS, title: 'A'.repeat(80) }) });
    const { crdt } = await storedDocument(siteId, created.id);
    const [here, there] = [0, 1].map(() => decodeInteractionState(base64ToBytes(crdt)));
    applyInteractionChange(here, { title: `${'A'.repeat(80)} ${'b'.repeat(40)}` });
    applyInteractionChange(there, { title: `${'A'.repeat(80)} ${'c'.repeat(40)}` });
    await mergeInteractionState({ siteId, id: created.id, state: encodeInteractionState(here) });
    const merged = await mergeInteractionState({ siteId, id: created.id, state: encodeInteractionState(there) });

    expect([...merged.title].length).toBeGreaterThan(100);
    expect(merged).toMatchObject({ needsReview: true, pendingSync: true });
    const page = await queryInteractions({ siteIds: [siteId], sort: { field: 'title', descending: false }, limit: 10 });
    expect(page.rows.map((row) => row.id)).toContain(created.id);
  });
});

describe('deleteInteraction', () => {
  it('keeps a tombstone: the record stays, marked deleted in its fields and in its CRDT', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });

    const deleted = await deleteInteraction({ siteId, id: created.id });

    expect(deleted).toMatchObject({ id: created.id, deleted: true, pendingSync: true, title: created.title });
    const stored = await storedDocument(siteId, created.id);
    expect(isInteractionDeleted(decodeInteractionState(base64ToBytes(stored.crdt)))).toBe(true);
    expectRecordMatchesCrdt(stored);
    expect(stored.isDeleted).toBe(true);
    // A domain delete is a normal write, never RxDB's own removal, so it replicates like any edit.
    expect((stored as unknown as { _deleted: boolean })._deleted).toBe(false);
    expect(await getInteraction(siteId, created.id)).toMatchObject({ deleted: true });
  });

  it('is idempotent', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields(IN_PARIS) });
    await deleteInteraction({ siteId, id: created.id });
    const before = await storedDocument(siteId, created.id);

    await deleteInteraction({ siteId, id: created.id });

    expect((await storedDocument(siteId, created.id))._rev).toBe(before._rev);
  });

  it('refuses an unknown interaction', async () => {
    await expect(
      deleteInteraction({ siteId: newSiteId(), id: '0190c0de-0000-7000-8000-0000000000ff' })
    ).rejects.toBeInstanceOf(InteractionNotFoundError);
  });
});

describe('base64 of a Yjs state', () => {
  it('round-trips states larger than one conversion slice', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});
