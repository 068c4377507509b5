import type { Role } from '$lib/domain';
import { readErrorEnvelope } from '$lib/error-envelope';
import { AdminOfflineError, AdminRequestError } from './admin-errors';
import type {
  Administrators,
  AuditPage,
  GrantOutcome,
  Invitation,
  InviteOutcome,
  ManagedSite,
  Member,
  NewSite,
  SiteChange
} from './types';

export interface AdminApiOptions {
  fetch: typeof fetch;
  getAccessToken: () => Promise<string>;
  /** Checked before each request: offline, nothing is sent and nothing waits to be sent later. */
  isOnline: () => boolean;
  /** Told of every request's outcome (the answer or the error), so screens can follow the connection. */
  onOutcome?: (outcome: unknown) => void;
}

export interface AuditQuery {
  before?: string | null;
  limit?: number;
}

// Long enough for a slow mobile link; administration is never queued, so a dead link fails plainly.
const REQUEST_TIMEOUT_MS = 15_000;

/** The administration routes (contract of issue 14) over fetch, with the caller's access token. */
export function createAdminApi(options: AdminApiOptions) {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      const answer = await send<T>(method, path, body);
      options.onOutcome?.(answer);
      return answer;
    } catch (error) {
      options.onOutcome?.(error);
      throw error;
    }
  }

  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!options.isOnline()) throw new AdminOfflineError();
    const token = await options.getAccessToken();
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await options.fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
      });
    } catch (error) {
      // fetch fails with a TypeError, a timeout with a DOMException: the network, not the request.
      if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) {
        throw new AdminOfflineError();
      }
      throw error;
    }
    if (!response.ok) throw await refusalOf(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const site = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}`;

  return {
    managedSites: () => request<ManagedSite[]>('GET', '/api/sites/managed'),
    allSites: () => request<ManagedSite[]>('GET', '/api/admin/sites'),
    siteSettings: (siteId: string) => request<ManagedSite>('GET', `${site(siteId)}/settings`),
    createSite: (settings: NewSite) => request<ManagedSite>('POST', '/api/sites', settings),
    updateSite: (siteId: string, change: SiteChange) => request<ManagedSite>('PATCH', site(siteId), change),
    archiveSite: (siteId: string) => request<ManagedSite>('POST', `${site(siteId)}/archive`),
    restoreSite: (siteId: string) => request<ManagedSite>('POST', `${site(siteId)}/restore`),

    members: (siteId: string) => request<Member[]>('GET', `${site(siteId)}/members`),
    changeRole: (siteId: string, userId: string, role: Role) =>
      request<unknown>('PUT', `${site(siteId)}/members/${encodeURIComponent(userId)}`, { role }),
    removeMember: (siteId: string, userId: string) =>
      request<void>('DELETE', `${site(siteId)}/members/${encodeURIComponent(userId)}`),

    invitations: (siteId: string) => request<Invitation[]>('GET', `${site(siteId)}/invitations`),
    invite: (siteId: string, email: string, role: Role) =>
      request<InviteOutcome>('POST', `${site(siteId)}/invitations`, { email, role }),
    cancelInvitation: (siteId: string, invitationId: string) =>
      request<void>('DELETE', `${site(siteId)}/invitations/${encodeURIComponent(invitationId)}`),

    siteAudit: (siteId: string, query: AuditQuery = {}) => request<AuditPage>('GET', `${site(siteId)}/audit${auditQuery(query)}`),
    allAudit: (query: AuditQuery = {}) => request<AuditPage>('GET', `/api/admin/audit${auditQuery(query)}`),

    administrators: () => request<Administrators>('GET', '/api/admin/administrators'),
    grantAdministrator: (email: string) => request<GrantOutcome>('PUT', '/api/admin/administrators', { email }),
    revokeAdministrator: (userId: string) =>
      request<void>('DELETE', `/api/admin/administrators/${encodeURIComponent(userId)}`)
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

function auditQuery({ before, limit }: AuditQuery): string {
  const query = new URLSearchParams();
  if (before) query.set('before', before);
  if (limit !== undefined) query.set('limit', String(limit));
  const text = query.toString();
  return text ? `?${text}` : '';
}

async function refusalOf(response: Response): Promise<AdminRequestError> {
  const { code, message, fields } = await readErrorEnvelope(response);
  return new AdminRequestError(response.status, code, message, fields);
}
