import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app';
import { testDatabases, type DisposableDatabase } from './helpers/test-databases';

describe('closing the server', () => {
  let handle: DisposableDatabase;
  let app: FastifyInstance;
  let release: () => void;
  let requestArrived: () => void;
  const arrived = new Promise<void>((resolve) => (requestArrived = resolve));

  beforeAll(async () => {
    handle = await testDatabases[0].open();
    app = await buildTestApp({
      database: handle.db,
      routes(instance) {
        instance.get('/api/test/slow', async () => {
          requestArrived();
          await new Promise<void>((resolve) => (release = resolve));
          return { finished: true };
        });
      }
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => handle.dispose());

  it('finishes the request in flight and refuses new connections', async () => {
    const { port } = app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${port}/api/test/slow`);
    await arrived;

    const closing = app.close();
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    release();

    const response = await inFlight;
    expect(await response.json()).toEqual({ finished: true });
    await closing;
  });
});
