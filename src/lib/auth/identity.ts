// The roles module alone: the domain index would pull the schema library into the first download.
import { ROLES } from '$lib/domain/roles';
import type { AuthEnvironment } from './environment';
import { requestJson } from './request';
import { isRecord, storedValue, type StoredValue } from './stored-value';
import type { Identity, SessionSite, SessionUser } from './types';

/** The last signed-in identity, kept so the app opens offline without a sign-in round trip. */
export function identityCache(env: AuthEnvironment): StoredValue<Identity> {
  return storedValue(env.storage, 'identity', isIdentity);
}

/** The caller's profile and sites with roles, from the server. */
export async function fetchIdentity(env: AuthEnvironment, accessToken: string): Promise<Identity> {
  const init = { headers: { authorization: `Bearer ${accessToken}` } };
  const [user, sites] = await Promise.all([
    requestJson<SessionUser>(env, '/api/users/profile', init),
    requestJson<SessionSite[]>(env, '/api/users/sites', init)
  ]);
  // Only the known fields, so whatever else the server adds is not cached on the device.
  return {
    user: { id: user.id, email: user.email, name: user.name },
    sites: sites.map(({ id, name, description, interactionTypes, role }) => ({
      id,
      name,
      description,
      interactionTypes,
      role
    }))
  };
}

function isIdentity(value: unknown): value is Identity {
  return (
    isRecord(value) &&
    isRecord(value.user) &&
    ['id', 'email', 'name'].every((key) => typeof (value.user as Record<string, unknown>)[key] === 'string') &&
    Array.isArray(value.sites) &&
    value.sites.every(isSite)
  );
}

function isSite(value: unknown): value is SessionSite {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    Array.isArray(value.interactionTypes) &&
    (ROLES as readonly unknown[]).includes(value.role)
  );
}
