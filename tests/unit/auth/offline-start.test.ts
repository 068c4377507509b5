import { describe, expect, it } from 'vitest';
import { SignInRequiredError } from '$lib/auth/errors';
import { ADA, FakeServer, FakeStorage, LEEDS_ADMIN, harness, json } from './fakes';
import { waitFor } from '../../support/wait-for';

/** A device on which Ada signed in earlier: settings, identity and token are in its storage. */
async function deviceAfterSignIn(): Promise<FakeStorage> {
  const { client, storage } = harness();
  await client.start();
  await client.signIn({ email: 'ada@example.org' });
  return storage;
}

describe('starting with a cached identity', () => {
  it('opens offline as the last user, with their sites and roles, unverified', async () => {
    const storage = await deviceAfterSignIn();
    const server = FakeServer.signedInAs();
    server.offline = true;
    const { client } = harness({ server, storage });

    await client.start();

    expect(client.session).toMatchObject({ status: 'signed-in', mode: 'dev', user: ADA, sites: [LEEDS_ADMIN], verified: false });
  });

  it('does not wait for the server before resolving', async () => {
    const storage = await deviceAfterSignIn();
    // A server that never answers: a start that waited on it would never resolve.
    const server = FakeServer.signedInAs();
    const hang = () => new Promise<Response>(() => undefined);
    for (const route of server.routes.keys()) server.on(route, hang);
    const { client } = harness({ server, storage });

    await client.start();

    expect(client.session.status).toBe('signed-in');
  });

  it('refreshes profile and sites in the background when online', async () => {
    const storage = await deviceAfterSignIn();
    const renamed = { ...LEEDS_ADMIN, name: 'Leeds Hub', role: 'viewer' as const };
    const { client } = harness({ server: FakeServer.signedInAs(ADA, [renamed]), storage });

    await client.start();
    await waitFor(() => client.session.verified, 'the session to be verified');

    expect(client.session.sites).toEqual([renamed]);
    expect(JSON.parse(storage.getItem('ims.auth.identity') ?? 'null').sites).toEqual([renamed]);
  });

  it('refreshes when the connection comes back', async () => {
    const storage = await deviceAfterSignIn();
    const server = FakeServer.signedInAs();
    server.offline = true;
    const { client, goOnline } = harness({ server, storage });
    await client.start();
    await waitFor(() => server.count('GET /api/users/profile') > 0, 'a profile request');
    expect(client.session.verified).toBe(false);

    server.offline = false;
    goOnline();

    await waitFor(() => client.session.verified, 'the session to be verified');
  });

  it('keeps the local session but flags a new sign-in when the server refuses the token', async () => {
    const storage = await deviceAfterSignIn();
    const server = FakeServer.signedInAs().on('GET /api/users/profile', () =>
      json({ error: { code: 'AUTH_EXPIRED', message: 'The token has expired.' } }, 401)
    );
    const { client } = harness({ server, storage });

    await client.start();
    await waitFor(() => client.session.reauthRequired, 'the session to ask for sign-in again');

    expect(client.session).toMatchObject({ status: 'signed-in', user: ADA, verified: false });
  });
});

describe('starting without a cached identity', () => {
  it('is signed out when offline, knowing the mode from an earlier visit', async () => {
    const storage = new FakeStorage();
    storage.setItem('ims.auth.config', JSON.stringify({ auth: { mode: 'dev' } }));
    const server = FakeServer.signedInAs();
    server.offline = true;
    const { client } = harness({ server, storage });

    await client.start();

    expect(client.session).toMatchObject({ status: 'signed-out', mode: 'dev', user: null });
  });

  it('has no mode on a first start offline, and getAccessToken asks for a sign-in', async () => {
    const server = FakeServer.signedInAs();
    server.offline = true;
    const { client } = harness({ server });

    await client.start();

    expect(client.session).toMatchObject({ status: 'signed-out', mode: null });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('ignores a cached identity that does not have the expected shape', async () => {
    const storage = await deviceAfterSignIn();
    storage.setItem('ims.auth.identity', JSON.stringify({ user: { id: 1 }, sites: 'all' }));
    storage.removeItem('ims.auth.dev-token');
    const { client } = harness({ storage });

    await client.start();

    expect(client.session.status).toBe('signed-out');
  });
});
