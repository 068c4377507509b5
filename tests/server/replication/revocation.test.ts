import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionIn } from '$lib/db/interaction-writes';
import { SyncManager, type LocalSiteRegistry } from '$lib/sync/sync-manager';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { closeFixture, listen, openDevice, TEST_REPLICATION, type Device } from './replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const BEN = demoUser('ben@example.org');
const ADA = demoUser('ada@example.org');

function memoryRegistry(): LocalSiteRegistry {
  const ids = new Set<string>();
  return {
    list: () => [...ids],
    add: (siteId) => void ids.add(siteId),
    remove: (siteId) => void ids.delete(siteId)
  };
}

describe.each(testDatabases)('SyncManager when an admin revokes the user ($kind)', (testDatabase) => {
  let fixture: ApiFixture;
  let baseUrl: string;
  let device: Device;
  let manager: SyncManager;

  beforeAll(async () => {
    fixture = await openApiFixture(testDatabase);
    baseUrl = await listen(fixture);
  });

  afterAll(async () => {
    await manager?.stopAll();
    device?.network.goOffline();
    await closeFixture(fixture);
  });

  async function serverRecords(): Promise<{ id: string; deleted: boolean }[]> {
    const { rows } = await fixture.db.query<{ id: string; deleted: boolean }>(
      `SELECT id, deleted FROM interactions WHERE site_id = $1 ORDER BY id`,
      [LEEDS.id]
    );
    return rows;
  }

  it('purges the site from the device and deletes nothing on the server', async () => {
    device = await openDevice({ fixture, baseUrl, email: BEN.email, siteId: LEEDS.id });
    const registry = memoryRegistry();
    const notices: string[] = [];
    const removed: string[] = [];
    manager = new SyncManager({
      api: device.api,
      openDatabase: async () => device.database,
      removeLocalSite: async (siteId) => {
        removed.push(siteId);
        await device.remove();
      },
      registry,
      notify: (message) => notices.push(message),
      replication: TEST_REPLICATION
    });
    await manager.run([{ id: LEEDS.id, name: LEEDS.name }]);
    // The check at start finds the site granted; only the revocation below can remove it.
    await manager.checkAccess();
    expect(registry.list()).toEqual([LEEDS.id]);

    const own = await createInteractionIn(device.database, { userId: BEN.id, fields: validFields({ title: 'Ben’s visit' }) });
    const byAdmin = await fixture.as(ADA.email, {
      method: 'POST',
      url: '/api/interactions',
      payload: { siteId: LEEDS.id, ...validFields({ title: 'Ada’s visit' }) }
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    const ids = [own.id, byAdmin.json().id as string].sort();
    await waitFor(async () => {
      const local = await device.database.interactions.find().exec();
      return local.length === 2 && local.every((document) => !document.pendingSync);
    }, 'the device holds both records, synced');
    expect(await device.storedDatabases()).not.toEqual([]);

    const revoked = await fixture.as(ADA.email, { method: 'DELETE', url: `/api/sites/${LEEDS.id}/members/${BEN.id}` });
    expect(revoked.statusCode, revoked.body).toBe(204);

    await waitFor(() => registry.list().length === 0, 'the site leaves the device’s registry');
    expect(removed).toEqual([LEEDS.id]);
    expect(device.database.rxDatabase.closed).toBe(true);
    expect(await device.storedDatabases()).toEqual([]);
    expect(manager.overview$.value.sites).toEqual([]);
    expect(notices).toEqual([expect.stringContaining(LEEDS.name)]);
    expect(await serverRecords()).toEqual(ids.map((id) => ({ id, deleted: false })));
  });
});
