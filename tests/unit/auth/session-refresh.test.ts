import { describe, expect, it } from 'vitest';
import { SESSION_REFRESH_MS } from '$lib/auth/auth-client';
import { ADA, FakeServer, FakeStorage, LEEDS_ADMIN, harness, json } from './fakes';
import { waitFor } from '../../support/wait-for';

async function signedIn(server = FakeServer.signedInAs()) {
  const h = harness({ server });
  await h.client.start();
  await h.client.signIn({ email: 'ada@example.org' });
  return h;
}

describe('the session identity', () => {
  it('reads the organisation flag and each site’s time zone and retired types', async () => {
    const { client } = await signedIn();

    expect(client.session.user).toEqual(ADA);
    expect(client.session.sites).toEqual([LEEDS_ADMIN]);
  });

  it('opens offline from an identity cached before those fields existed, with safe defaults', async () => {
    const storage = new FakeStorage();
    const { timeZone: _zone, retiredInteractionTypes: _retired, ...olderSite } = LEEDS_ADMIN;
    const { orgAdmin: _flag, ...olderUser } = ADA;
    storage.setItem('ims.auth.config', JSON.stringify({ auth: { mode: 'dev' } }));
    storage.setItem('ims.auth.identity', JSON.stringify({ user: olderUser, sites: [olderSite] }));
    const server = FakeServer.signedInAs();
    server.offline = true;
    const { client } = harness({ server, storage });

    await client.start();

    expect(client.session.status).toBe('signed-in');
    expect(client.session.user).toEqual({ ...olderUser, orgAdmin: false });
    expect(client.session.sites).toEqual([{ ...olderSite, timeZone: 'UTC', retiredInteractionTypes: [] }]);
  });

  it('ignores a cached site whose retired types are not a list of text', async () => {
    const storage = new FakeStorage();
    storage.setItem('ims.auth.config', JSON.stringify({ auth: { mode: 'dev' } }));
    storage.setItem('ims.auth.identity', JSON.stringify({ user: ADA, sites: [{ ...LEEDS_ADMIN, retiredInteractionTypes: 'Drop-in' }] }));
    const server = FakeServer.signedInAs();
    server.offline = true;
    const { client } = harness({ server, storage });

    await client.start();

    expect(client.session.status).toBe('signed-out');
  });
});

describe('refreshing the session without a reload', () => {
  it('re-reads the sites when the person comes back to the window', async () => {
    const server = FakeServer.signedInAs();
    const { client, comeBack } = await signedIn(server);
    const promoted = { ...LEEDS_ADMIN, role: 'viewer' as const };
    server.on('GET /api/users/sites', () => json([promoted]));

    comeBack();

    await waitFor(() => client.session.sites[0]?.role === 'viewer', 'the role to become viewer');
  });

  it('re-reads the sites every few minutes', async () => {
    const server = FakeServer.signedInAs();
    const { client, tick, timer } = await signedIn(server);
    server.on('GET /api/users/sites', () => json([]));

    tick();

    expect(timer.ms).toBe(SESSION_REFRESH_MS);
    await waitFor(() => client.session.sites.length === 0, 'the site to be gone from the session');
  });

  it('does not ask the server while offline', async () => {
    const server = FakeServer.signedInAs();
    const { comeBack } = await signedIn(server);
    const before = server.count('GET /api/users/sites');
    server.offline = true;

    comeBack();

    expect(server.count('GET /api/users/sites')).toBe(before);
  });

  it('reads once more when asked during a read, so a change made meanwhile is not missed', async () => {
    const server = FakeServer.signedInAs();
    const { client } = await signedIn(server);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let answer = [LEEDS_ADMIN];
    server.on('GET /api/users/sites', async () => {
      const now = answer;
      await held;
      return json(now);
    });

    const first = client.refresh();
    answer = [];
    const second = client.refresh();
    release();
    await Promise.all([first, second]);

    expect(client.session.sites).toEqual([]);
  });
});
