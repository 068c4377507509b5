import { describe, expect, it } from 'vitest';
import { AuthRequestError } from '$lib/auth/errors';
import { ADA, FakeServer, LEEDS_ADMIN, harness, json } from './fakes';

describe('dev sign-in', () => {
  it('asks the dev issuer for a token, loads profile and sites, and signs in', async () => {
    const { client, server } = harness();
    await client.start();
    expect(client.session.status).toBe('signed-out');

    await expect(client.signIn({ email: ' ada@example.org ' })).resolves.toBe('done');

    expect(server.calls.find((call) => call.route === 'POST /api/auth/dev/token')?.body).toEqual({ email: 'ada@example.org' });
    expect(server.calls.find((call) => call.route === 'GET /api/users/sites')?.authorization).toBe('Bearer token-1');
    expect(client.session).toMatchObject({
      status: 'signed-in',
      mode: 'dev',
      user: ADA,
      sites: [LEEDS_ADMIN],
      verified: true,
      reauthRequired: false
    });
  });

  it('stores the identity (known fields only) and the token with its expiry on the device', async () => {
    const { client, storage, clock } = harness();
    await client.start();
    await client.signIn({ email: 'ada@example.org' });

    expect(JSON.parse(storage.getItem('ims.auth.identity') ?? 'null')).toEqual({ user: ADA, sites: [LEEDS_ADMIN] });
    expect(JSON.parse(storage.getItem('ims.auth.dev-token') ?? 'null')).toEqual({
      email: 'ada@example.org',
      accessToken: 'token-1',
      expiresAt: clock.now + 3600 * 1000
    });
  });

  it("shows the server's message for an unknown email and stays signed out", async () => {
    const server = FakeServer.signedInAs().on('POST /api/auth/dev/token', () =>
      json({ error: { code: 'UNKNOWN_USER', message: 'There is no user zed@example.org; pick one of the demo users.' } }, 404)
    );
    const { client } = harness({ server });
    await client.start();

    const attempt = client.signIn({ email: 'zed@example.org' });
    await expect(attempt).rejects.toBeInstanceOf(AuthRequestError);
    await expect(attempt).rejects.toThrow('There is no user zed@example.org');
    expect(client.session.status).toBe('signed-out');
  });
});

describe('dev getAccessToken', () => {
  async function signedIn() {
    const h = harness();
    await h.client.start();
    await h.client.signIn({ email: 'ada@example.org' });
    return h;
  }

  it('reuses the stored token while more than 60 s remain', async () => {
    const { client, server, clock } = await signedIn();
    clock.now += 3600 * 1000 - 61_000;
    await expect(client.getAccessToken()).resolves.toBe('token-1');
    expect(server.count('POST /api/auth/dev/token')).toBe(1);
  });

  it('asks for a new token once less than 60 s remain, and only once for concurrent callers', async () => {
    const { client, server, clock } = await signedIn();
    clock.now += 3600 * 1000 - 59_000;
    const tokens = await Promise.all([client.getAccessToken(), client.getAccessToken(), client.getAccessToken()]);
    expect(tokens).toEqual(['token-2', 'token-2', 'token-2']);
    expect(server.count('POST /api/auth/dev/token')).toBe(2);
    await expect(client.getAccessToken()).resolves.toBe('token-2');
  });

  it('keeps using a token that is about to expire when renewing it fails offline', async () => {
    const { client, server, clock } = await signedIn();
    clock.now += 3600 * 1000 - 30_000;
    server.offline = true;
    await expect(client.getAccessToken()).resolves.toBe('token-1');
  });

  it('never hands out an expired token', async () => {
    const { client, server, clock } = await signedIn();
    clock.now += 3600 * 1000 + 1;
    server.offline = true;
    await expect(client.getAccessToken()).rejects.toThrow('Failed to fetch');
  });
});
