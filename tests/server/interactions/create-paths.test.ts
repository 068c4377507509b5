import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeInteractionState, readInteractionFields } from '../../../src/lib/domain/crdt';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { push, Replica, UNTHROTTLED } from '../sync/replica';
import { validFields } from '../../support/valid-fields';

const BEN = 'ben@example.org';

// What a create stores that does not depend on when or how it was sent: the row but its id, sync
// position, timestamps and state bytes (a state holds its writer's random client id), the fields
// that state holds, and the history entry but its id and clock.
const STORED = `
  SELECT i.site_id, i.title, i.type, i.lead, i.start_datetime, i.end_datetime, i.timezone, i.location,
         i.description, i.notes, i.created_by, i.updated_by, i.deleted, i.needs_review,
         i.created_at = i.updated_at AS created_when_updated, i.crdt,
         h.site_id AS history_site_id, h.user_id, h.action, h.changed_fields, h.changes
    FROM interactions i JOIN interaction_history h ON h.interaction_id = i.id
   WHERE i.id = $1`;

describe.each(testDatabases)('the ways a record is created, on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  async function stored(id: string) {
    const { rows } = await api.db.query<Record<string, unknown> & { crdt: Uint8Array }>(STORED, [id]);
    expect(rows).toHaveLength(1);
    const { crdt, ...row } = rows[0];
    return { ...row, stateFields: readInteractionFields(decodeInteractionState(crdt)) };
  }

  it('stores the same row and history through the one-statement create as through a merged push', async () => {
    // Empty optional fields included: the history leaves them out on both paths.
    const fields = validFields({ location: null, notes: null });
    const created = await api.as(BEN, { method: 'POST', url: '/api/interactions', payload: { siteId: LEEDS.id, ...fields } });
    expect(created.statusCode).toBe(201);

    const replica = Replica.create(fields);
    expect(await push(api, BEN, [replica.row()])).toEqual({ conflicts: [], refused: [] });

    const direct = await stored(created.json().id);
    expect(direct).toMatchObject({ title: fields.title, action: 'create', stateFields: fields });
    expect(await stored(replica.id)).toEqual(direct);
  });
});
