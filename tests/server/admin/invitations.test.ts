import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS, NAIROBI } from '../../../sync-server/demo/demo-directory';
import { createUsersService } from '../../../sync-server/services/users-service';
import type { ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { PEOPLE, call, expectAnswer, openAdminFixture, roleOf } from './admin-fixture';

const invite = (siteId: string, email: string, role = 'user') => ({
  method: 'POST' as const,
  url: `/api/sites/${siteId}/invitations`,
  payload: { email, role }
});

describe.each(testDatabases)('invitations on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openAdminFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  it('waits for someone who never signed in, and binds at their first (verified) sign-in', async () => {
    const answer = expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'New.Person@Example.org', 'viewer')), 201);
    expect(answer).toMatchObject({ outcome: 'invited', invitation: { siteId: LEEDS.id, email: 'New.Person@Example.org', role: 'viewer' } });
    const pending = expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/invitations` }), 200);
    expect(pending).toEqual([expect.objectContaining({ id: answer.invitation.id, invitedBy: expect.objectContaining({ name: 'Ada Lindqvist' }) })]);

    // The dev issuer's tokens say the address is verified; the case differs, as people type it.
    const sites = expectAnswer(await api.as('new.person@example.org', { method: 'GET', url: '/api/users/sites' }), 200);
    expect(sites).toEqual([expect.objectContaining({ id: LEEDS.id, role: 'viewer' })]);
    expect(expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/invitations` }), 200)).toEqual([]);
  });

  it('does not bind for an address the identity provider did not verify', async () => {
    expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'unverified@example.org')), 201);
    const users = createUsersService(api.db);
    const identity = { subject: 'other|unverified', email: 'unverified@example.org', name: 'U', expiresAt: 0 };
    await users.resolve({ ...identity, emailVerified: false });
    expect(await roleOf(api.db, 'unverified@example.org', LEEDS.id)).toBeUndefined();
    // Verified later (a fresh service, as after a minute), the invitation is bound.
    await createUsersService(api.db).resolve({ ...identity, emailVerified: true });
    expect(await roleOf(api.db, 'unverified@example.org', LEEDS.id)).toBe('user');
  });

  it('makes someone with an account a member at once, and says so', async () => {
    const answer = expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, PEOPLE.outsider.toUpperCase(), 'user')), 201);
    expect(answer).toMatchObject({ outcome: 'added', member: { email: PEOPLE.outsider, role: 'user' } });
    expect(await roleOf(api.db, PEOPLE.outsider, LEEDS.id)).toBe('user');
  });

  it('refuses a member (ALREADY_MEMBER), a second invitation (ALREADY_INVITED) and an address that is none (field email)', async () => {
    expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, PEOPLE.user)), 409, 'ALREADY_MEMBER');
    expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'twice@example.org')), 201);
    expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'TWICE@example.org')), 409, 'ALREADY_INVITED');
    const bad = expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'not an address')), 400, 'VALIDATION_FAILED');
    expect(bad.error.fields).toEqual([expect.objectContaining({ field: 'email' })]);
    const badRole = expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'x@example.org', 'owner')), 400, 'VALIDATION_FAILED');
    expect(badRole.error.fields).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it('cancels an invitation, which then binds nothing', async () => {
    const { invitation } = expectAnswer(await call(api, 'siteAdmin', invite(LEEDS.id, 'cancelled@example.org')), 201);
    const url = `/api/sites/${LEEDS.id}/invitations/${invitation.id}`;
    expectAnswer(await call(api, 'user', { method: 'DELETE', url }), 403, 'ROLE_FORBIDDEN');
    expectAnswer(await call(api, 'siteAdmin', { method: 'DELETE', url }), 204);
    expectAnswer(await call(api, 'siteAdmin', { method: 'DELETE', url }), 404, 'INVITATION_NOT_FOUND');
    expectAnswer(await api.as('cancelled@example.org', { method: 'GET', url: '/api/users/profile' }), 200);
    expect(await roleOf(api.db, 'cancelled@example.org', LEEDS.id)).toBeUndefined();
  });

  it('lets an organisation administrator invite to any site, and hides other sites from a site admin', async () => {
    expectAnswer(await call(api, 'orgAdmin', invite(NAIROBI.id, 'nairobi.new@example.org', 'admin')), 201);
    expectAnswer(await call(api, 'siteAdmin', invite(NAIROBI.id, 'nope@example.org')), 404, 'SITE_NOT_FOUND');
    expectAnswer(await call(api, 'viewer', invite(LEEDS.id, 'nope@example.org')), 403, 'ROLE_FORBIDDEN');
  });

  it('POST /api/auth/dev/token gives any address a token with subject dev|<address> and the local part as name', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email: 'Zed.Q@Example.org' } });
    const token = expectAnswer(response, 200).access_token as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'dev|zed.q@example.org', name: 'Zed.Q', email: 'Zed.Q@Example.org', email_verified: true });
    const refused = await api.app.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email: 'zed' } });
    expect(expectAnswer(refused, 400, 'VALIDATION_FAILED').error.fields).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  it('keeps the old address when a sign-in claims one another account holds, and still signs in', async () => {
    const users = createUsersService(api.db);
    const base = { subject: 'other|collider', name: 'Collider', expiresAt: 0, emailVerified: true };
    const first = await users.resolve({ ...base, email: 'collider@example.org' });
    const second = await createUsersService(api.db).resolve({ ...base, email: PEOPLE.user.toUpperCase() });
    expect(second.id).toBe(first.id);
    expect(second.email).toBe('collider@example.org');
  });
});
