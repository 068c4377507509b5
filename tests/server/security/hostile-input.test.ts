import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases } from '../helpers/test-databases';

const BEN = 'ben@example.org';

// Each of these once reached Postgres and answered 500; each must now be a 4xx in the error envelope.
describe.each(testDatabases)('hostile input on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 30 });
  });
  afterAll(() => api?.dispose());

  async function expectRefused(url: string, field: string, code = 'VALIDATION_FAILED') {
    const response = await api.as(BEN, { method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe(code);
    expect(error.fields.map((entry: { field: string }) => entry.field)).toContain(field);
  }

  describe('NUL characters', () => {
    it.each([
      ['/api/interactions?type=%00', 'type'],
      ['/api/interactions?lead=a%00', 'lead'],
      ['/api/search/interactions?q=%00', 'q'],
      ['/api/search/interactions?q=fire&type=x%00y', 'type'],
      ['/api/interactions?siteId=%00', 'siteId']
    ])('refuses %s, naming the field', async (url, field) => {
      await expectRefused(url, field);
    });

    it('refuses a NUL anywhere in a JSON body, naming where', async () => {
      const response = await api.as(BEN, {
        method: 'PUT',
        url: `/api/sites/${LEEDS.id}/members/${LEEDS.id}`,
        payload: { role: 'user\u0000' }
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields.map((entry: { field: string }) => entry.field)).toEqual(['role']);
    });

    it('refuses a NUL in an interaction’s text with the domain’s message', async () => {
      const response = await api.as(BEN, { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody({ title: 'a\u0000b' }) });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toContainEqual({ field: 'title', message: expect.stringContaining('NUL') });
    });
  });

  describe('page sizes', () => {
    it.each(['Infinity', '-Infinity', '1e999', 'NaN', '0', '-1', '2.5'])('refuses limit=%s', async (limit) => {
      await expectRefused(`/api/interactions?limit=${limit}`, 'limit');
      await expectRefused(`/api/search/interactions?q=fire&limit=${limit}`, 'limit');
      await expectRefused(`/api/sync/${LEEDS.id}/pull?limit=${limit}`, 'limit');
    });
  });

  describe('search cursors', () => {
    const cursor = (position: unknown[]) => Buffer.from(JSON.stringify(['search:fire', ...position])).toString('base64url');
    const someId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

    it.each([[1e308], [-1e308], [5e-324], [1e-40], [-0.1], ['0.5']])('refuses a rank of %s', async (rank) => {
      await expectRefused(`/api/search/interactions?q=fire&cursor=${cursor([rank, someId])}`, 'cursor', 'INVALID_CURSOR');
    });

    it('still follows a cursor it made', async () => {
      const first = await api.as(BEN, { method: 'GET', url: '/api/search/interactions?q=meeting&limit=1' });
      expect(first.statusCode).toBe(200);
      const { nextCursor } = first.json();
      expect(nextCursor).toEqual(expect.any(String));
      const second = await api.as(BEN, { method: 'GET', url: `/api/search/interactions?q=meeting&limit=1&cursor=${nextCursor}` });
      expect(second.statusCode).toBe(200);
    });
  });

  describe('token claims', () => {
    async function tokenWith(claims: { name: string; email: string }) {
      const issuer = api.app.devIssuer!;
      const { access_token } = await issuer.sign({ subject: `dev|claims-${claims.name.length}-${claims.email.length}`, ...claims });
      return access_token;
    }

    it.each([
      ['a 300-character name', { name: 'N'.repeat(300), email: 'long-name@example.org' }],
      ['a 400-character email', { name: 'Long Email', email: `${'e'.repeat(388)}@example.org` }],
      ['a name with NUL', { name: 'Nul\u0000Name', email: 'nul-name@example.org' }]
    ])('signs in a user whose token carries %s, storing it bounded and clean', async (_label, claims) => {
      const token = await tokenWith(claims);
      const response = await api.app.inject({ method: 'GET', url: '/api/users/profile', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode, response.body).toBe(200);
      const profile = response.json();
      expect(profile.name.length).toBeLessThanOrEqual(200);
      expect(profile.email.length).toBeLessThanOrEqual(320);
      expect(profile.name).not.toContain('\u0000');
    });
  });
});
