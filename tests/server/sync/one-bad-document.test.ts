import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERACTION_FIELD_NAMES, MERGED_TEXT_HEADROOM, SCALAR_FIELDS, type InteractionFieldName } from '../../../src/lib/domain';
import { FIELDS_MAP, readInteractionFields } from '../../../src/lib/domain/crdt';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { push, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from './replica';
import { validFields } from '../../support/valid-fields';

const BEN = 'ben@example.org';

/** Values no record may hold, for each field, as a replica could write them straight into its Y.Doc. */
const UNSTORABLE: Record<InteractionFieldName, unknown[]> = {
  // Texts merge, so past their limit is for review (MERGED_TEXT_HEADROOM); past the headroom is refused.
  title: ['x'.repeat(100 * MERGED_TEXT_HEADROOM + 1), 'a\u0000b'],
  type: ['x'.repeat(51), { nested: true }],
  lead: ['x'.repeat(100 * MERGED_TEXT_HEADROOM + 1), 'a\u0000b'],
  startDatetime: ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '1000-01-01T00:30:00+01:00', 'soon', 1700000000000],
  endDatetime: ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-01:00', true],
  timezone: ['x'.repeat(65), 'Europe/\u0000London'],
  location: ['x'.repeat(200 * MERGED_TEXT_HEADROOM + 1), 'a\u0000b'],
  description: ['a\u0000b', `${'Long. '.repeat(2000)}\u0000`],
  notes: ['a\u0000b']
};

/** Sets a field to any value, as a buggy or hostile replica can: scalars in the map, texts as Y.Text. */
function writeRaw(replica: Replica, field: InteractionFieldName, value: unknown): void {
  if ((SCALAR_FIELDS as readonly string[]).includes(field)) {
    replica.doc.getMap(FIELDS_MAP).set(field, value);
  } else {
    const text = replica.doc.getText(field);
    replica.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, String(value));
    });
  }
}

// The rule the reliability work rests on: no single document, from anyone, keeps another document
// or another person's edits from being stored.
describe.each(testDatabases)('one bad document in a push on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  it('covers every field of an interaction', () => {
    expect(Object.keys(UNSTORABLE).sort()).toEqual([...INTERACTION_FIELD_NAMES].sort());
  });

  for (const [field, values] of Object.entries(UNSTORABLE) as [InteractionFieldName, unknown[]][]) {
    it.each(values.map((value) => [JSON.stringify(value).slice(0, 40), value]))(
      `refuses only the document whose ${field} is %s, and stores the rest of the batch`,
      async (_label, value) => {
        const [before, bad, after] = [Replica.create(), Replica.create(), Replica.create()];
        writeRaw(bad, field, value);
        const outcome = await push(api, BEN, [before.row(), bad.row(), after.row()]);

        expect(outcome.refused).toEqual([
          expect.objectContaining({ id: bad.id, code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field })] })
        ]);
        await expect(storedDocument(api, before.id)).resolves.toMatchObject({ title: readInteractionFields(before.doc).title });
        await expect(storedDocument(api, after.id)).resolves.toMatchObject({ title: readInteractionFields(after.doc).title });
        await expect(storedDocument(api, bad.id)).rejects.toThrow(/no interaction/);
      }
    );
  }

  it('refuses a bad edit of a stored record and keeps the record as it was', async () => {
    const original = Replica.create({ title: 'Intact' });
    await pushAndAdopt(api, BEN, [original]);
    const stored = await storedDocument(api, original.id);
    writeRaw(original, 'startDatetime', '0000-01-01T00:00:00Z');
    const outcome = await push(api, BEN, [original.row()]);
    expect(outcome.refused).toMatchObject([{ id: original.id, code: 'VALIDATION_FAILED' }]);
    expect(await storedDocument(api, original.id)).toEqual(stored);
  });

  it('stores the others when the database itself refuses one document', async () => {
    // A refusal no domain rule foresees (a constraint added by an operator, say), made here by a trigger.
    await api.db.exec(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = 'Poison' THEN RAISE EXCEPTION 'poison' USING ERRCODE = '22023'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON interactions FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const [first, poison, last] = [Replica.create({ title: 'First' }), Replica.create({ title: 'Poison' }), Replica.create({ title: 'Last' })];
      const outcome = await push(api, BEN, [first.row(), poison.row(), last.row()]);
      expect(outcome.refused).toEqual([expect.objectContaining({ id: poison.id, code: 'UNSTORABLE' })]);
      await expect(storedDocument(api, first.id)).resolves.toMatchObject({ title: 'First' });
      await expect(storedDocument(api, last.id)).resolves.toMatchObject({ title: 'Last' });
      const { rows } = await api.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM interaction_history WHERE interaction_id = ANY($1::uuid[])',
        [[first.id, poison.id, last.id]]
      );
      expect(rows[0].count).toBe(2);
    } finally {
      await api.db.exec('DROP TRIGGER refuse_poison ON interactions; DROP FUNCTION refuse_poison();');
    }
  });

  it('keeps saving a record stored with a value today’s rules refuse, flagged for review', async () => {
    // Stored before the rule tightened: the state holds a start the domain no longer accepts.
    const legacy = Replica.create({ title: 'Stored long ago' });
    await pushAndAdopt(api, BEN, [legacy]);
    const outOfRange = Replica.fromServer(await storedDocument(api, legacy.id));
    writeRaw(outOfRange, 'startDatetime', '0999-06-01T09:00:00Z');
    await api.db.query('UPDATE interactions SET crdt = $2 WHERE id = $1', [legacy.id, Y.encodeStateAsUpdate(outOfRange.doc)]);

    // Someone else's edit of another field is stored, not refused for a value they never touched.
    const editor = Replica.fromServer(await storedDocument(api, legacy.id));
    editor.edit({ notes: 'Added later.' });
    const outcome = await push(api, BEN, [editor.row()]);
    expect(outcome.refused).toEqual([]);
    const stored = await storedDocument(api, legacy.id);
    expect(stored).toMatchObject({ notes: 'Added later.', needsReview: true });
    // The column keeps the last start it could hold; the document keeps what was written, for a person to fix.
    expect(stored.startDatetime).toBe(validFields().startDatetime);
  });
});
