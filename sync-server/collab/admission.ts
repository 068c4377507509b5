import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { isUuid, type Role } from '../../src/lib/domain';
import { HttpError } from '../http-errors';
import { findMembership } from '../repositories/memberships-repository';
import type { UserRow } from '../repositories/users-repository';
import { CLOSE, type CloseReason } from './close-codes';

/** Where the endpoint lives; the y-websocket client appends `/<interactionId>?token=…` to `<prefix><siteId>`. */
export const COLLAB_PATH_PREFIX = '/api/yjs/';
const COLLAB_PATH = /^\/api\/yjs\/([^/]+)\/([^/]+)$/;

export interface CollabTarget {
  siteId: string;
  interactionId: string;
  token: string | null;
}

/** The room a request asks for, or undefined when the path is not the endpoint's shape. */
export function parseCollabTarget(requestUrl: string): CollabTarget | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl, 'http://localhost');
  } catch {
    return undefined;
  }
  const match = COLLAB_PATH.exec(url.pathname);
  // Not decoded: ids are plain uuids, and anything escaped is refused as no such site or record.
  return match ? { siteId: match[1], interactionId: match[2], token: url.searchParams.get('token') } : undefined;
}

/** Who an accepted socket speaks for, and until when. */
export interface AdmittedUser {
  userId: string;
  /** The name others see in presence, whatever the client announces (see awareness-identity.ts). */
  displayName: string;
  role: Role;
  /** The token's `exp`, in milliseconds since the epoch: the socket is closed then (TOKEN_EXPIRED). */
  expiresAtMs: number;
}

export type Admission = AdmittedUser | { refuse: CloseReason };

/**
 * The verdict on a socket before it is accepted: the token verified with the API's own verifier
 * (which requires `exp`), then membership of the site, read from user_sites as for every request.
 * Whether the record is in the site is checked when its room is opened (see connection.ts).
 */
export async function admit(app: FastifyInstance, target: CollabTarget): Promise<Admission> {
  if (!target.token) return { refuse: CLOSE.UNAUTHENTICATED };
  let user: UserRow;
  try {
    user = await app.identify(target.token);
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 401) return { refuse: CLOSE.UNAUTHENTICATED };
    if (error instanceof HttpError && error.statusCode === 503) return { refuse: CLOSE.AUTH_UNAVAILABLE };
    throw error;
  }
  if (!isUuid(target.siteId) || !isUuid(target.interactionId)) return { refuse: CLOSE.FORBIDDEN };
  const membership = await findMembership(app.db, user.id, target.siteId);
  if (!membership) return { refuse: CLOSE.FORBIDDEN };
  // Read without checking again: identify() has verified this very token, `exp` included.
  const expiresAtMs = (decodeJwt(target.token).exp as number) * 1000;
  return { userId: user.id, displayName: user.name || user.email, role: membership.role, expiresAtMs };
}
