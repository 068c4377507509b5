import { describe, expect, it } from 'vitest';
import { createAdminApi } from '$lib/admin/admin-api';
import { AdminOfflineError, AdminRequestError, fieldErrorsOf } from '$lib/admin/admin-errors';

interface Sent {
  url: string;
  method: string;
  authorization: string | null;
  body: unknown;
}

function apiAnswering(answer: () => Response | Promise<Response>, { online = true } = {}) {
  const sent: Sent[] = [];
  const outcomes: unknown[] = [];
  const api = createAdminApi({
    fetch: async (input, init = {}) => {
      const headers = new Headers(init.headers);
      sent.push({
        url: String(input),
        method: init.method ?? 'GET',
        authorization: headers.get('authorization'),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined
      });
      return answer();
    },
    getAccessToken: async () => 'token-1',
    isOnline: () => online,
    onOutcome: (outcome) => outcomes.push(outcome)
  });
  return { api, sent, outcomes };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the administration client', () => {
  it('sends the invitation with the token, to the site’s path', async () => {
    const { api, sent } = apiAnswering(() => json({ outcome: 'added', member: {} }, 201));

    const outcome = await api.invite('site/1', 'ben@example.org', 'viewer');

    expect(outcome.outcome).toBe('added');
    expect(sent).toEqual([
      {
        url: '/api/sites/site%2F1/invitations',
        method: 'POST',
        authorization: 'Bearer token-1',
        body: { email: 'ben@example.org', role: 'viewer' }
      }
    ]);
  });

  it('asks for older audit entries with before and limit', async () => {
    const { api, sent } = apiAnswering(() => json({ entries: [], next: null }));

    await api.siteAudit('s1', { before: 'e50', limit: 20 });
    await api.allAudit();

    expect(sent.map((request) => request.url)).toEqual(['/api/sites/s1/audit?before=e50&limit=20', '/api/admin/audit']);
  });

  it('turns the error envelope into a refusal with its message and field errors', async () => {
    const envelope = {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Check the fields.',
        fields: [
          { field: 'name', message: 'Name is required.' },
          { field: 'name', message: 'second message' },
          { field: 'interactionTypes[1]', message: 'Duplicate.' }
        ]
      }
    };
    const { api } = apiAnswering(() => json(envelope, 400));

    const error = await api.createSite({ name: '', description: null, timeZone: 'UTC', interactionTypes: ['a', 'A'] }).catch((e) => e);

    expect(error).toBeInstanceOf(AdminRequestError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Check the fields.' });
    expect(fieldErrorsOf(error)).toEqual({ name: 'Name is required.', 'interactionTypes[1]': 'Duplicate.' });
  });

  it('keeps the server’s words for a last-admin refusal', async () => {
    const { api } = apiAnswering(() => json({ error: { code: 'LAST_ADMIN', message: 'A site needs at least one admin.' } }, 409));

    await expect(api.removeMember('s1', 'u1')).rejects.toThrow('A site needs at least one admin.');
  });

  it('reports a refusal without a readable body by its status', async () => {
    const { api } = apiAnswering(() => new Response('<html>bad gateway</html>', { status: 502 }));

    await expect(api.managedSites()).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('reads a 204 answer as nothing', async () => {
    const { api } = apiAnswering(() => new Response(null, { status: 204 }));

    await expect(api.cancelInvitation('s1', 'i1')).resolves.toBeUndefined();
  });

  it('sends nothing while offline, and says administration needs a connection', async () => {
    const { api, sent, outcomes } = apiAnswering(() => json([]), { online: false });

    await expect(api.archiveSite('s1')).rejects.toBeInstanceOf(AdminOfflineError);
    expect(sent).toEqual([]);
    expect(outcomes[0]).toBeInstanceOf(AdminOfflineError);
  });

  it('reports a network failure as offline, not as a refusal', async () => {
    const { api, outcomes } = apiAnswering(() => Promise.reject(new TypeError('Failed to fetch')));

    await expect(api.members('s1')).rejects.toBeInstanceOf(AdminOfflineError);
    expect(outcomes).toHaveLength(1);
  });
});
