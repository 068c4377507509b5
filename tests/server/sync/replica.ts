import type * as Y from 'yjs';
import { expect } from 'vitest';
import { uuidv7, type InteractionFields } from '../../../src/lib/domain';
import { applyInteractionChange, createInteractionDoc, decodeInteractionState, encodeInteractionState, markInteractionDeleted } from '../../../src/lib/domain/crdt';
import type { PullResponse, PushResponse, PushRow, SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { findInteraction } from '../../../sync-server/repositories/interactions-repository';
import { hasHeldBackChanges } from '../../../sync-server/repositories/sync-repository';
import { toSyncDocument } from '../../../sync-server/sync/wire';
import type { ApiFixture } from '../helpers/api-fixture';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

// One user sends far more than a person could in a minute here; the limit has its own tests.
export const UNTHROTTLED = { RATE_LIMIT_PER_MINUTE: '1000000' };

/**
 * One replica's copy of one record, as a client holds it: its Yjs document and the server version
 * it last saw (the assumed master state of its next push).
 */
export class Replica {
  readonly id: string;
  readonly siteId: string;
  readonly doc: Y.Doc;
  master: SyncDocument | null = null;

  private constructor(id: string, siteId: string, doc: Y.Doc) {
    this.id = id;
    this.siteId = siteId;
    this.doc = doc;
  }

  /** A record made on this replica, never sent yet. */
  static create(fields: Partial<InteractionFields> = {}, siteId = LEEDS.id): Replica {
    const id = uuidv7();
    return new Replica(id, siteId, createInteractionDoc(validFields(fields), { guid: id }));
  }

  /** Another replica's copy of a server version, as a pull delivers it. */
  static fromServer(document: SyncDocument): Replica {
    const replica = new Replica(document.id, document.siteId, decodeInteractionState(fromBase64(document.crdt), document.id));
    replica.master = document;
    return replica;
  }

  edit(change: Partial<InteractionFields>): this {
    applyInteractionChange(this.doc, change);
    return this;
  }

  delete(): this {
    markInteractionDeleted(this.doc);
    return this;
  }

  /** The push row for this replica's state, as the app sends it; `siteId` may be overridden to misaddress it. */
  row(overrides: { siteId?: string; crdt?: string } = {}): PushRow {
    return {
      assumedMasterState: this.master && { serverSeq: this.master.serverSeq },
      newDocumentState: {
        id: this.id,
        siteId: overrides.siteId ?? this.siteId,
        crdt: overrides.crdt ?? toBase64(encodeInteractionState(this.doc))
      }
    };
  }
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Pushes rows as a demo user; expects 200 and returns the body. */
export async function push(api: ApiFixture, email: string, rows: PushRow[], siteId = LEEDS.id): Promise<PushResponse> {
  const response = await api.as(email, { method: 'POST', url: `/api/sync/${siteId}/push`, payload: rows });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Pushes replicas and takes the server's versions back as their new masters, as a client would after a pull. */
export async function pushAndAdopt(api: ApiFixture, email: string, replicas: Replica[]): Promise<PushResponse> {
  const outcome = await push(api, email, replicas.map((replica) => replica.row()), replicas[0].siteId);
  expect(outcome.refused).toEqual([]);
  for (const replica of replicas) replica.master = await storedDocument(api, replica.id);
  return outcome;
}

export interface PullOptions {
  checkpoint?: string | null;
  limit?: number;
  remaining?: boolean;
  /**
   * Wait first until no committed row of the site is held back (true unless said otherwise). A
   * pull reads only below the oldest running transaction of the whole Postgres cluster (migration
   * 0004), and test files in parallel run transactions of their own: without this, a pull right
   * after a push could miss it for a moment. A client gets such rows from the stream or its next pull.
   */
  settle?: boolean;
}

export async function pull(api: ApiFixture, email: string, query: PullOptions = {}, siteId = LEEDS.id): Promise<PullResponse> {
  if (query.settle !== false) await waitFor(async () => !(await hasHeldBackChanges(api.db, siteId)), 'held-back rows');
  const response = await api.as(email, { method: 'GET', url: `/api/sync/${siteId}/pull`, query: pullQuery(query) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export function pullQuery(query: PullOptions): Record<string, string> {
  const result: Record<string, string> = {};
  if (query.checkpoint) result.checkpoint = query.checkpoint;
  if (query.limit !== undefined) result.limit = String(query.limit);
  if (query.remaining) result.remaining = '1';
  return result;
}

/** Pulls page after page until a page comes back empty; every document received, in order. */
export async function pullAll(
  api: ApiFixture,
  email: string,
  from: { checkpoint?: string | null; limit?: number; siteId?: string } = {}
): Promise<{ documents: SyncDocument[]; checkpoint: string | null }> {
  const documents: SyncDocument[] = [];
  let checkpoint = from.checkpoint ?? null;
  for (;;) {
    const page = await pull(api, email, { checkpoint, limit: from.limit ?? 100 }, from.siteId);
    if (page.documents.length === 0) return { documents, checkpoint };
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
  }
}

/** The server's current version of a record, straight from the table (not through a pull's watermark). */
export async function storedDocument(api: ApiFixture, id: string): Promise<SyncDocument> {
  const record = await findInteraction(api.db, id);
  if (!record) throw new Error(`no interaction ${id}`);
  return toSyncDocument(record);
}

export async function historyCount(api: ApiFixture, id: string): Promise<number> {
  const { rows } = await api.db.query<{ count: number }>(
    'SELECT count(*) AS count FROM interaction_history WHERE interaction_id = $1',
    [id]
  );
  return rows[0].count;
}
