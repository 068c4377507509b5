import type { FastifyInstance } from 'fastify';
import { isUuid, type Role } from '../../src/lib/domain';
import { HttpError } from '../http-errors';
import { findMembership } from '../repositories/memberships-repository';
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

export type Admission = { userId: string; role: Role } | { refuse: CloseReason };

/**
 * The verdict on a socket before it is accepted: the token verified with the API's own verifier,
 * then membership of the site, read from user_sites as for every request. Whether the record is in
 * the site is checked when its room is opened (see connection.ts).
 */
export async function admit(app: FastifyInstance, target: CollabTarget): Promise<Admission> {
  if (!target.token) return { refuse: CLOSE.UNAUTHENTICATED };
  let userId: string;
  try {
    userId = (await app.identify(target.token)).id;
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 401) return { refuse: CLOSE.UNAUTHENTICATED };
    if (error instanceof HttpError && error.statusCode === 503) return { refuse: CLOSE.AUTH_UNAVAILABLE };
    throw error;
  }
  if (!isUuid(target.siteId) || !isUuid(target.interactionId)) return { refuse: CLOSE.FORBIDDEN };
  const membership = await findMembership(app.db, userId, target.siteId);
  if (!membership) return { refuse: CLOSE.FORBIDDEN };
  return { userId, role: membership.role };
}
