import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS, type DemoUser } from '../../../../sync-server/demo/demo-directory';
import { unsignedToken } from '../../auth/test-issuer';
import { demoUser, openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { Replica } from '../../sync/replica';
import { expectError } from '../error-envelope';

// Low, so a flood is a handful of requests. The plain cases (a signed-in user's sixth request, the
// dev-token endpoint with a known email, requests without a token) are in headers-and-limits.test.ts.
const LIMIT = 5;
const BEN = demoUser('ben@example.org');
const CLEO = demoUser('cleo@example.org');

describe.each(testDatabases)('floods with RATE_LIMIT_PER_MINUTE=5 on $kind', (testDatabase) => {
  let api: ApiFixture;
  let app: FastifyInstance;
  // Each test floods from an address of its own (TEST-NET-3), so their counts never mix.
  let nextAddress = 1;
  const freshAddress = () => `203.0.113.${100 + nextAddress++}`;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    app = api.app;
  });
  afterAll(() => api?.dispose());

  /** A token signed by the app's issuer directly: fetching one would spend the address's count. */
  async function tokenFor(user: DemoUser): Promise<string> {
    return (await app.devIssuer!.sign({ subject: user.authSubject, email: user.email, name: user.name })).access_token;
  }

  function expectLimited(response: LightMyRequestResponse): void {
    expectError(response, 429, 'RATE_LIMITED');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  }

  async function statuses(requests: InjectOptions[]): Promise<number[]> {
    const answers: number[] = [];
    for (const request of requests) answers.push((await app.inject(request)).statusCode);
    return answers;
  }

  it('limits a flood of bad tokens from one address, each token different, across routes', async () => {
    const remoteAddress = freshAddress();
    const [header, payload] = (await tokenFor(BEN)).split('.');
    const badTokens = [
      unsignedToken({ sub: BEN.authSubject }),
      `${header}.${payload}.${'A'.repeat(342)}`,
      'not-a-jwt',
      `${header}.${payload}.c2lnbmF0dXJl`,
      `${header}.e30.AAAA`
    ];
    const routes = [
      '/api/users/profile',
      `/api/interactions?siteId=${LEEDS.id}`,
      `/api/sync/${LEEDS.id}/pull`,
      '/api/sites',
      '/api/users/sites'
    ];
    const flood = badTokens.map((token, index) => ({
      method: 'GET' as const,
      url: routes[index],
      remoteAddress,
      headers: { authorization: `Bearer ${token}` }
    }));

    expect(await statuses(flood)).toEqual(Array(LIMIT).fill(401));

    const next: InjectOptions = {
      method: 'GET',
      url: '/api/users/profile',
      remoteAddress,
      headers: { authorization: 'Bearer yet.another.one' }
    };
    expectLimited(await app.inject(next));
    // Limited as an address: the valid token of a real user from the same place is still let in.
    const valid = await app.inject({ ...next, headers: { authorization: `Bearer ${await tokenFor(CLEO)}` } });
    expect(valid.statusCode, valid.body).toBe(200);
  });

  it('limits a flood of the dev-token endpoint with unknown emails', async () => {
    const remoteAddress = freshAddress();
    const ask = (index: number): InjectOptions => ({
      method: 'POST',
      url: '/api/auth/dev/token',
      remoteAddress,
      payload: { email: `guess-${index}@example.org` }
    });

    // Development mode signs a token for any address, so each guess is answered until the limit.
    expect(await statuses([0, 1, 2, 3, 4].map(ask))).toEqual(Array(LIMIT).fill(200));

    expectLimited(await app.inject(ask(5)));
    expectLimited(await app.inject({ ...ask(6), payload: { email: BEN.email } }));
  });

  it('counts an address’s flood whatever X-Forwarded-For it claims, while TRUST_PROXY is off', async () => {
    const remoteAddress = freshAddress();
    const ask = (index: number): InjectOptions => ({
      method: 'GET',
      url: '/api/users/profile',
      remoteAddress,
      headers: { 'x-forwarded-for': `198.51.100.${index}` }
    });

    expect(await statuses([0, 1, 2, 3, 4].map(ask))).toEqual(Array(LIMIT).fill(401));

    expectLimited(await app.inject(ask(5)));
  });

  it('limits a signed-in user across pull, push and stream, and a limited push stores nothing', async () => {
    const token = await tokenFor(BEN);
    const asBen = (request: InjectOptions): InjectOptions => ({ ...request, headers: { authorization: `Bearer ${token}` } });
    const pulls = Array.from({ length: LIMIT }, () => asBen({ method: 'GET', url: `/api/sync/${LEEDS.id}/pull` }));
    expect(await statuses(pulls)).toEqual(Array(LIMIT).fill(200));

    const replica = Replica.create({ title: 'Pushed over the limit' });
    expectLimited(await app.inject(asBen({ method: 'POST', url: `/api/sync/${LEEDS.id}/push`, payload: [replica.row()] })));
    expectLimited(await app.inject(asBen({ method: 'GET', url: `/api/sync/${LEEDS.id}/stream` })));
    const { rows } = await api.db.query('SELECT id FROM interactions WHERE id = $1', [replica.id]);
    expect(rows).toEqual([]);
  });
});
