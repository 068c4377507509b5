// The roles module alone: the domain index would pull the schema library into the first download.
import { ROLES } from '$lib/domain/roles';
import type { AuthEnvironment } from './environment';
import { requestJson } from './request';
import { isRecord, storedValue, type StoredValue } from './stored-value';
import type { Identity, SessionSite, SessionUser } from './types';

// Where a site's zone is unknown (an identity cached by an older version of the app), times are read
// in UTC until the next refresh brings the real one: a fixed zone, rather than whichever the device is in.
const UNKNOWN_SITE_ZONE = 'UTC';

/**
 * The last signed-in identity, kept so the app opens offline without a sign-in round trip. An
 * identity cached before organisation administration and site time zones existed still reads,
 * with the fields it lacks filled in, so updating the app does not sign anybody out offline.
 */
export function identityCache(env: AuthEnvironment): StoredValue<Identity> {
  const stored = storedValue(env.storage, 'identity', isCachedIdentity);
  return {
    read: () => {
      const cached = stored.read();
      return cached && identityOf(cached.user, cached.sites);
    },
    write: (identity) => stored.write(identity),
    clear: () => stored.clear()
  };
}

/** The caller's profile and sites with roles, from the server. */
export async function fetchIdentity(env: AuthEnvironment, accessToken: string): Promise<Identity> {
  const init = { headers: { authorization: `Bearer ${accessToken}` } };
  const [user, sites] = await Promise.all([
    requestJson<SessionUser>(env, '/api/users/profile', init),
    requestJson<SessionSite[]>(env, '/api/users/sites', init)
  ]);
  return identityOf(user, sites);
}

/** What an identity looked like before `orgAdmin`, `timeZone` and `retiredInteractionTypes`. */
type CachedUser = Omit<SessionUser, 'orgAdmin'> & Partial<Pick<SessionUser, 'orgAdmin'>>;
type CachedSite = Omit<SessionSite, 'timeZone' | 'retiredInteractionTypes'> &
  Partial<Pick<SessionSite, 'timeZone' | 'retiredInteractionTypes'>>;

// Only the known fields, so whatever else the server adds is not cached on the device.
function identityOf(user: CachedUser, sites: CachedSite[]): Identity {
  return {
    user: { id: user.id, email: user.email, name: user.name, orgAdmin: user.orgAdmin === true },
    sites: sites.map((site) => ({
      id: site.id,
      name: site.name,
      description: site.description,
      interactionTypes: site.interactionTypes,
      retiredInteractionTypes: site.retiredInteractionTypes ?? [],
      timeZone: site.timeZone ?? UNKNOWN_SITE_ZONE,
      role: site.role
    }))
  };
}

function isCachedIdentity(value: unknown): value is { user: CachedUser; sites: CachedSite[] } {
  return (
    isRecord(value) &&
    isRecord(value.user) &&
    ['id', 'email', 'name'].every((key) => typeof (value.user as Record<string, unknown>)[key] === 'string') &&
    optional(value.user.orgAdmin, (flag) => typeof flag === 'boolean') &&
    Array.isArray(value.sites) &&
    value.sites.every(isCachedSite)
  );
}

function isCachedSite(value: unknown): value is CachedSite {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    isTextList(value.interactionTypes) &&
    optional(value.retiredInteractionTypes, isTextList) &&
    optional(value.timeZone, (zone) => typeof zone === 'string') &&
    (ROLES as readonly unknown[]).includes(value.role)
  );
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}
