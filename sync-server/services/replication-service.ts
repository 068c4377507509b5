import fp from 'fastify-plugin';
import type { PullResponse, PushResponse } from '../../src/lib/domain/sync-protocol';
import type { RoomRegistry } from '../collab/room-registry';
import type { Database } from '../db/database';
import { HttpError } from '../http-errors';
import { findMembership } from '../repositories/memberships-repository';
import { countChangesSince, listChangesSince } from '../repositories/sync-repository';
import type { FeedSubscriber, SiteStreams } from '../sync/site-streams';
import { formatCheckpoint, parseCheckpoint, toSyncDocument } from '../sync/wire';
import type { Actor } from './actor';
import type { InteractionsService } from './interactions-service';
import type { RemoteChange } from './remote-changes';
import { requireSiteRole } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    replication: ReplicationService;
  }
}

export interface PullRequest {
  siteId: string;
  /** As the client sent it: one this server returned, or none for the start. */
  checkpoint?: string;
  limit: number;
  /** Also count what is left after this batch. */
  remaining: boolean;
}

/** What a live feed sends to one stream; the feed knows the caller from `follow`. */
export type FeedListener = Omit<FeedSubscriber, 'userId'>;

/** Replication (DESIGN §4) of one site for its members: pull, push and the live feed. */
export interface ReplicationService {
  /** The site's changes after a checkpoint, in commit order. */
  pull(actor: Actor, request: PullRequest): Promise<PullResponse>;
  /** Merges replicas' states into the site's records; the interactions service does the writing. */
  push(actor: Actor, siteId: string, changes: RemoteChange[]): Promise<PushResponse>;
  /** Sends the site's changes to `listener` from now on; call the result to stop. */
  follow(actor: Actor, siteId: string, listener: FeedListener): Promise<() => void>;
}

export interface ReplicationServiceOptions {
  db: Database;
  interactions: InteractionsService;
  feed: SiteStreams;
  /** The live rooms, whose unsaved edits a push of the same records must not overtake. */
  rooms: Pick<RoomRegistry, 'flushRooms'>;
}

export function createReplicationService({ db, interactions, feed, rooms }: ReplicationServiceOptions): ReplicationService {
  const requireReader = ({ userId }: Actor, siteId: string) => requireSiteRole(db, { userId, siteId, action: 'read' });

  return {
    async pull(actor, { siteId, checkpoint, limit, remaining }) {
      await requireReader(actor, siteId);
      const after = parseCheckpoint(checkpoint);
      if (!after) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'The request is not valid.', [
          { field: 'checkpoint', message: 'Checkpoint must be one this server returned.' }
        ]);
      }
      const { documents, last } = await listChangesSince(db, siteId, after, limit);
      // Nothing new: the client keeps the checkpoint it sent.
      const next = last ? formatCheckpoint(last) : (checkpoint ?? null);
      return {
        documents,
        checkpoint: next || null,
        remaining: remaining ? await countChangesSince(db, siteId, last ?? after) : undefined
      };
    },

    async push(actor, siteId, changes) {
      await rooms.flushRooms(changes.map((change) => change.id));
      const { conflicts, refused } = await interactions.push(actor, siteId, changes);
      return { conflicts: conflicts.map(toSyncDocument), refused };
    },

    async follow(actor, siteId, listener) {
      await requireReader(actor, siteId);
      const unsubscribe = feed.subscribe(siteId, { userId: actor.userId, ...listener });
      try {
        // A revocation committed between the check above and the subscription was announced to no one.
        if (!(await findMembership(db, actor.userId, siteId))) listener.accessChanged();
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    }
  };
}

export default fp(
  async (app) => {
    const replication = createReplicationService({
      db: app.db,
      interactions: app.interactions,
      feed: app.siteStreams,
      rooms: app.collabRooms
    });
    app.decorate('replication', replication);
  },
  { name: 'replication-service', dependencies: ['db', 'interactions-service', 'live-rooms-service', 'site-streams'] }
);
