// Hostile requests for every HTTP route the app declares, derived from each route's own schemas
// (see route-catalogue.ts) and sent as every kind of caller. Each answer must be a 2xx–4xx, errors
// in the one envelope, within a timeout; and after each case the stored interactions, their history
// and the memberships may differ only where the case was an accepted write of that very record.
// Case counts and seeds: fuzz-run.ts (FUZZ_CASES, FUZZ_SEED).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { listen } from '../sync/event-stream-client';
import { UNTHROTTLED } from '../sync/replica';
import { fuzzCallers, type Caller } from './callers';
import { FaultLog } from './fault-log';
import { announceSeed, casesFor, FUZZ_SEED, timeoutFor } from './fuzz-run';
import { asSentOnASocket, describeRequest, faultIn, inject, NoAnswer, openAndLetGo, type Answer } from './http-answer';
import { requestFor, routeWeight, type FuzzRequest } from './http-request';
import { restoreDemoMemberships, seedRecordSet } from './record-set';
import { withRouteCatalogue, type CataloguedRoute } from './route-catalogue';
import type { Vocabulary } from './schema-values';
import { changesBetween, readStoredState, type StoredState } from './stored-state';
import { explainedBy } from './write-explanation';

const MODELS_DIR = process.env.MODELS_DIR ?? '../shared/models';
const ORT_VERSION_PREFIX = /^\/ort\/[^/]+\/\*$/;

describe.each(testDatabases)('every HTTP route with hostile input on $kind', (testDatabase) => {
  const cases = casesFor('routes', testDatabase);
  let api: ApiFixture;
  let routes: CataloguedRoute[];
  let baseUrl: string;
  let vocabulary: Vocabulary;
  let callers: Caller[];

  beforeAll(async () => {
    announceSeed('routes');
    ({ routes, ...api } = await withRouteCatalogue(() => openApiFixture(testDatabase, { env: { ...UNTHROTTLED, MODELS_DIR } })));
    baseUrl = await listen(api.app);
    vocabulary = await seedRecordSet(api);
    callers = await fuzzCallers(api);
  });
  afterAll(() => api?.dispose());

  it('catalogues every route the README lists, each with its schemas', () => {
    const declared = new Set(routes.map((route) => `${route.method} ${route.url}`));
    for (const route of [
      'GET /api/health',
      'GET /api/ready',
      'GET /api/version',
      'GET /api/config',
      'POST /api/auth/dev/token',
      'GET /api/users/profile',
      'GET /api/users/sites',
      'GET /api/sites',
      'GET /api/sites/:siteId/members',
      'PUT /api/sites/:siteId/members/:userId',
      'DELETE /api/sites/:siteId/members/:userId',
      'GET /api/interactions',
      'POST /api/interactions',
      'GET /api/interactions/:id',
      'PATCH /api/interactions/:id',
      'DELETE /api/interactions/:id',
      'GET /api/interactions/:id/history',
      'GET /api/search/interactions',
      'GET /api/sync/:siteId/pull',
      'POST /api/sync/:siteId/push',
      'GET /api/sync/:siteId/stream',
      'GET /metrics',
      'GET /.well-known/jwks.json',
      'GET /models/*'
    ]) {
      expect(declared, route).toContain(route);
    }
    expect(routes.some((route) => ORT_VERSION_PREFIX.test(route.url))).toBe(true);
    expect(routes.find((route) => route.url === '/api/sync/:siteId/push' && route.method === 'POST')?.body?.type).toBe('array');
  });

  it(`answers ${cases} generated requests in the envelope, never 5xx, changing only what it accepted`, { timeout: timeoutFor(cases, 100) }, async () => {
    const wildcardPaths = Object.fromEntries(
      routes
        .filter((route) => route.url.endsWith('*'))
        .map((route) => [
          route.url,
          route.url === '/models/*'
            ? ['local/universal-sentence-encoder-lite/config.json', 'local/universal-sentence-encoder-lite/onnx/', 'local']
            : ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm.wasm', '../package.json']
        ])
    );
    const requests = fc.sample(
      fc.oneof(...routes.map((route) => ({ weight: routeWeight(route), arbitrary: requestFor(route, { vocabulary, callers, wildcardPaths }) }))),
      { seed: FUZZ_SEED, numRuns: cases }
    );
    const faults = new FaultLog();
    const perRoute = new Map<string, number>();
    let stored = await readStoredState(api.db);

    for (const generated of requests) {
      // The event stream answers 200 and stays open: it is judged by how it opens, on a real socket.
      const onSocket = generated.route.endsWith('/stream');
      const request = onSocket ? asSentOnASocket(generated) : generated;
      perRoute.set(request.route, (perRoute.get(request.route) ?? 0) + 1);
      const answer = await (onSocket ? openAndLetGo(baseUrl, request) : inject(api.app, request)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (answer instanceof Error) {
        faults.record(answer instanceof NoAnswer ? 'no answer' : `connection failed (${answer.message})`, request.route, describeRequest(request));
        continue;
      }
      const fault = faultIn(request, answer);
      if (fault) faults.record(fault, request.route, describeRequest(request));
      stored = await checkChanges(request, answer, stored, faults);
    }

    console.info(`fuzz routes on ${testDatabase.kind}: ${[...perRoute].map(([route, count]) => `${route} ×${count}`).join(', ')}`);
    expect(faults.summary(), `seed ${FUZZ_SEED}: replay with FUZZ_SEED=${FUZZ_SEED}`).toEqual([]);
    // Still serving after all of it.
    expect((await api.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  async function checkChanges(request: FuzzRequest, answer: Answer, before: StoredState, faults: FaultLog): Promise<StoredState> {
    const after = await readStoredState(api.db);
    const changed = changesBetween(before, after);
    const explained = explainedBy(request, answer);
    const unexplained = [
      ...changed.interactions.filter((id) => !explained.interactions.has(id)).map((id) => `interaction ${id}`),
      ...changed.memberships.filter((key) => !explained.memberships.has(key)).map((key) => `membership ${key}`)
    ];
    if (unexplained.length > 0) {
      faults.record(`${answer.status} changed what it did not accept`, request.route, `${describeRequest(request)} changed ${unexplained.join(', ')}`);
    }
    if (changed.memberships.length === 0) return after;
    await restoreDemoMemberships(api.db);
    return readStoredState(api.db);
  }
});
