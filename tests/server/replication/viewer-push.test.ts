import { describe, expect, it } from 'vitest';
import { createInteractionIn } from '$lib/db/interaction-writes';
import { demoUser } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { useReplicaServer, type Replica } from './replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const CLEO = demoUser('cleo@example.org');
const BEN = demoUser('ben@example.org');

describe.each(testDatabases)('a viewer’s replica pushing a change ($kind)', (testDatabase) => {
  const backend = useReplicaServer(testDatabase);
  const device = (email: string) => backend.device(email);

  async function onServer(id: string): Promise<boolean> {
    const { rows } = await backend.fixture.db.query(`SELECT 1 FROM interactions WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  it('is refused with ROLE_FORBIDDEN and the change stays pending on the device', async () => {
    const viewer = await device(CLEO.email);
    const writer = await device(BEN.email);
    // The local database takes the write whatever the role; only the server knows who may write.
    const refused = await createInteractionIn(viewer.database, { userId: CLEO.id, fields: validFields({ title: 'Written by a viewer' }) });

    await waitFor(() => viewer.status().refused.some((refusal) => refusal.id === refused.id), 'the push is refused');
    expect(viewer.status().refused).toEqual([expect.objectContaining({ id: refused.id, code: 'ROLE_FORBIDDEN' })]);
    expect(await onServer(refused.id)).toBe(false);

    // Replication goes on for the viewer, and what it pulls does not overwrite the refused change.
    const accepted = await createInteractionIn(writer.database, { userId: BEN.id, fields: validFields({ title: 'Written by a user' }) });
    await waitFor(async () => (await viewer.database.interactions.findOne(accepted.id).exec()) !== null, 'the viewer receives a user’s record');
    const kept = (await viewer.database.interactions.findOne(refused.id).exec())?.toJSON();
    expect(kept).toMatchObject({ title: 'Written by a viewer', pendingSync: true, serverSeq: null });
    expect(await onServer(refused.id)).toBe(false);
    expect(await writer.database.interactions.findOne(refused.id).exec()).toBeNull();
  });
});
