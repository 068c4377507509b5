import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../../sync-server/collab/close-codes';
import { DEMO_SITES, LEEDS } from '../../../../sync-server/demo/demo-directory';
import { buildTestApp } from '../../helpers/build-app';
import { demoUser, openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { listen } from '../../sync/event-stream-client';
import { pushAndAdopt, Replica, UNTHROTTLED } from '../../sync/replica';
import { channels, type Target } from './channels';

const BEN = demoUser('ben@example.org');

/**
 * A person removed from the directory by hand (their user row and memberships deleted in SQL) who
 * still holds an access token the issuer signed: the token verifies, so what protects the data is
 * that access is read from user_sites on every request.
 *
 * What happens, as measured here: the instance that served them in the last minute still knows
 * their user row (users-service keeps it for 60 s) and answers as that user, with no sites; any
 * other instance, or the same one after the minute, creates them again as a new user with a new id
 * and no sites, as on a first sign-in. Either way nothing of any site is visible.
 */
describe.each(testDatabases)('a valid token for a deleted user on $kind', (testDatabase) => {
  let dataDir: string;
  let api: ApiFixture;
  let baseUrl: string;
  let token: string;
  let deletedId: string;
  const subject = `dev|departed-${randomUUID()}`;
  const target: Target = { siteId: LEEDS.id, recordId: '', marker: 'Quillwort departed target' };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ims-deleted-user-'));
    api = await openApiFixture(testDatabase, { env: { ...UNTHROTTLED, DATA_DIR: dataDir } });
    baseUrl = await listen(api.app);
    const record = Replica.create({ title: target.marker });
    await pushAndAdopt(api, BEN.email, [record]);
    target.recordId = record.id;

    ({ access_token: token } = await api.app.devIssuer!.sign({ subject, email: 'departed@example.org', name: 'Departed' }));
    const profile = await bearer(api.app, token, '/api/users/profile');
    expect(profile.statusCode, profile.body).toBe(200);
    deletedId = profile.json().id;
    await api.db.query(`INSERT INTO user_sites (user_id, site_id, role) VALUES ($1, $2, 'user')`, [deletedId, LEEDS.id]);
    for (const channel of channels(api, () => baseUrl, target)) await channel.admits(token);

    await api.db.query('DELETE FROM user_sites WHERE user_id = $1', [deletedId]);
    await api.db.query('DELETE FROM users WHERE id = $1', [deletedId]);
  });
  afterAll(async () => {
    await api?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is answered, by the instance that knew them, as the deleted user with no sites', async () => {
    const profile = await bearer(api.app, token, '/api/users/profile');
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json().id).toBe(deletedId);
    expect((await bearer(api.app, token, '/api/sites')).json()).toEqual([]);
  });

  it('sees no record of any site through the lists, the search or the record’s own routes', async () => {
    for (const url of ['/api/interactions?limit=100', `/api/search/interactions?q=${encodeURIComponent('Quillwort')}`]) {
      const response = await bearer(api.app, token, url);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().items).toEqual([]);
    }
    for (const suffix of ['', '/history']) {
      const response = await bearer(api.app, token, `/api/interactions/${target.recordId}${suffix}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('INTERACTION_NOT_FOUND');
    }
  });

  it('is refused every site by name: list and pull with 403 SITE_FORBIDDEN, members with 404 SITE_NOT_FOUND', async () => {
    for (const site of DEMO_SITES) {
      for (const url of [`/api/interactions?siteId=${site.id}`, `/api/sync/${site.id}/pull`]) {
        const response = await bearer(api.app, token, url);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(403);
        expect(response.json().error.code).toBe('SITE_FORBIDDEN');
      }
      const members = await bearer(api.app, token, `/api/sites/${site.id}/members`);
      expect(members.statusCode, members.body).toBe(404);
      expect(members.json().error.code).toBe('SITE_NOT_FOUND');
    }
  });

  it('is refused the event stream with 403 and the live-editing socket with 4403', async () => {
    const refusal = { status: 403, code: 'SITE_FORBIDDEN', closeCode: CLOSE.FORBIDDEN.code };
    for (const channel of channels(api, () => baseUrl, target)) await channel.refuses(token, refusal);
  });

  it('may not push: 403, and nothing is stored', async () => {
    const replica = Replica.create({ title: 'Pushed by a deleted user' });
    const response = await api.app.inject({
      method: 'POST',
      url: `/api/sync/${LEEDS.id}/push`,
      headers: { authorization: `Bearer ${token}` },
      payload: [replica.row()]
    });
    expect(response.statusCode, response.body).toBe(403);
    const { rows } = await api.db.query('SELECT id FROM interactions WHERE id = $1', [replica.id]);
    expect(rows).toEqual([]);
  });

  it('is created again, by an instance that never knew them, as a new user with no sites', async () => {
    const other = await buildTestApp({ database: api.db, env: { ...UNTHROTTLED, DATA_DIR: dataDir } });
    try {
      const profile = await bearer(other, token, '/api/users/profile');
      expect(profile.statusCode, profile.body).toBe(200);
      expect(profile.json().id).not.toBe(deletedId);
      const { rows } = await api.db.query<{ id: string }>('SELECT id FROM users WHERE auth_subject = $1', [subject]);
      expect(rows).toEqual([{ id: profile.json().id }]);
      expect((await bearer(other, token, '/api/sites')).json()).toEqual([]);
      expect((await bearer(other, token, '/api/interactions?limit=100')).json().items).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

function bearer(app: FastifyInstance, token: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}
