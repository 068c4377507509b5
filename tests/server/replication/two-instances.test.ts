import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionIn } from '$lib/db/interaction-writes';
import type { Database } from '../../../sync-server/db/database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { buildTestApp } from '../helpers/build-app';
import { testDatabases } from '../helpers/test-databases';
import { closeFixture, listen, openReplica, type Replica } from './replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const BEN = demoUser('ben@example.org');
const ADA = demoUser('ada@example.org');

// PGlite is one process's embedded database: only Postgres can have two server instances.
const postgres = testDatabases.find((candidate) => candidate.kind === 'postgres');

describe.skipIf(!postgres)('replicas on two server instances of one Postgres', () => {
  let fixture: ApiFixture;
  let secondDb: Database;
  let second: FastifyInstance;
  let firstUrl: string;
  let secondUrl: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    fixture = await openApiFixture(postgres!);
    // Tokens from the fixture serve both: the instances share the test file's dev issuer key.
    secondDb = openPostgresDatabase({ connectionString: fixture.url!, maxConnections: 4 });
    second = await buildTestApp({ database: secondDb });
    firstUrl = await listen(fixture);
    secondUrl = await listen({ app: second });
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    if (second) {
      second.server.closeAllConnections();
      await second.close();
    }
    await secondDb?.close();
    await closeFixture(fixture);
  });

  async function device(email: string, baseUrl: string): Promise<Replica> {
    const replica = await openReplica({ fixture, baseUrl, email, siteId: LEEDS.id });
    replicas.push(replica);
    // Synced means the initial pull is done and the live stream is open.
    await waitFor(() => replica.status().phase === 'synced', 'the device is synced');
    return replica;
  }

  async function holds(replica: Replica, id: string): Promise<boolean> {
    const document = await replica.database.interactions.findOne(id).exec();
    return document !== null && !document.pendingSync;
  }

  it('delivers records written through one instance to a device replicating through the other', async () => {
    const onFirst = await device(BEN.email, firstUrl);
    const onSecond = await device(ADA.email, secondUrl);

    const rest = await fixture.as(ADA.email, {
      method: 'POST',
      url: '/api/interactions',
      payload: { siteId: LEEDS.id, ...validFields({ title: 'Written over REST on the first' }) }
    });
    expect(rest.statusCode, rest.body).toBe(201);
    await waitFor(() => holds(onSecond, rest.json().id), 'the REST write reaches the second instance’s device');

    const pushed = await createInteractionIn(onFirst.database, { userId: BEN.id, fields: validFields({ title: 'Pushed to the first' }) });
    await waitFor(() => holds(onSecond, pushed.id), 'the first device’s record reaches the second instance’s device');

    const back = await createInteractionIn(onSecond.database, { userId: ADA.id, fields: validFields({ title: 'Pushed to the second' }) });
    await waitFor(() => holds(onFirst, back.id), 'the second device’s record reaches the first instance’s device');

    const received = await onSecond.database.interactions.findOne(pushed.id).exec();
    expect(received?.title).toBe('Pushed to the first');
  });
});
