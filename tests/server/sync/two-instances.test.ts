import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { openTwoInstances, type TwoInstances } from '../helpers/two-instances';
import { carries, isResync, openStream, type StreamClient } from './event-stream-client';
import { Replica } from './replica';
import { validFields } from '../../support/valid-fields';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';

// PGlite is one process's embedded database: only Postgres can have two server instances.
const postgres = testDatabases.find((candidate) => candidate.kind === 'postgres');

describe.skipIf(!postgres)('two server instances on one Postgres', () => {
  let instances: TwoInstances;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let secondUrl: string;
  let firstUrl: string;
  const tokens = new Map<string, string>();
  const opened: StreamClient[] = [];

  beforeAll(async () => {
    instances = await openTwoInstances(postgres!);
    ({ first, second, firstUrl, secondUrl } = instances);
  });
  afterEach(() => {
    for (const client of opened.splice(0)) client.close();
  });
  afterAll(async () => {
    await instances?.close();
  });

  /** One dev issuer key serves both: they share the test's data folder, as instances share a key. */
  async function token(email: string): Promise<string> {
    if (!tokens.has(email)) {
      const response = await first.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email } });
      tokens.set(email, response.json().access_token);
    }
    return tokens.get(email)!;
  }

  async function stream(baseUrl: string, email: string): Promise<StreamClient> {
    const client = await openStream(baseUrl, LEEDS.id, await token(email));
    if ('status' in client) throw new Error(`stream refused: ${client.status}`);
    opened.push(client);
    await client.waitFor(isResync, 'RESYNC');
    return client;
  }

  it('sends a change pushed through one instance to a stream client of the other', async () => {
    const client = await stream(secondUrl, BEN);
    const replica = Replica.create({ title: 'Written through the first' });
    const response = await first.inject({
      method: 'POST',
      url: `/api/sync/${LEEDS.id}/push`,
      headers: { authorization: `Bearer ${await token(ADA)}` },
      payload: [replica.row()]
    });
    expect(response.json()).toEqual({ conflicts: [], refused: [] });
    await client.waitFor(carries(replica.id, (document) => document.title === 'Written through the first'), 'the change on the second instance');
  });

  it('sends a REST write through the second instance to a stream client of the first', async () => {
    const client = await stream(firstUrl, BEN);
    const response = await second.inject({
      method: 'POST',
      url: '/api/interactions',
      headers: { authorization: `Bearer ${await token(ADA)}` },
      payload: { siteId: LEEDS.id, ...validFields({ title: 'Written through the second' }) }
    });
    expect(response.statusCode, response.body).toBe(201);
    await client.waitFor(carries(response.json().id), 'the change on the first instance');
  });

  it('ends a revoked member’s stream on the other instance', async () => {
    const client = await stream(secondUrl, BEN);
    const member = `/api/sites/${LEEDS.id}/members/${demoUser(BEN).id}`;
    const headers = { authorization: `Bearer ${await token(ADA)}` };
    try {
      const revoked = await first.inject({ method: 'DELETE', url: member, headers });
      expect(revoked.statusCode, revoked.body).toBe(204);
      await client.waitFor((event) => event.event === 'access-changed', 'access-changed on the second instance');
    } finally {
      await first.inject({ method: 'PUT', url: member, headers, payload: { role: 'user' } });
    }
  });
});
