import pg from 'pg';
import type { PushResponse, SyncDocument } from '../../src/lib/domain/sync-protocol';
import { editDocument, followUp, pushRow } from './edits';
import type { BenchClient } from './http-client';
import { PUSH_PATH } from './fixtures';
import { timeWorkers, type Throughput } from './measure';

/** Concurrent replicas pushing at once; each batch touches its own records, as separate users' would. */
export const PUSHERS = 4;
export const PUSH_BATCH = 100;
const WARMUP_BATCHES = 8;
export const MEASURED_BATCHES = 100;

/** A stored record and the replica's edited copy of it. */
interface Edit {
  stored: SyncDocument;
  edited: SyncDocument;
}

export interface PushFigures {
  push: Throughput;
  baseline: Throughput;
  /** Documents the server answered as conflicts or refused: each should have merged cleanly. */
  conflicts: number;
  refused: number;
  /** Seconds this process spent building the edits, before anything was timed. */
  prepareSeconds: number;
}

/** Documents the push scenario needs from the site: its own batches, then the baseline's. */
export const PUSH_DOCUMENTS_NEEDED = (WARMUP_BATCHES + 2 * MEASURED_BATCHES) * PUSH_BATCH;

/**
 * Pushes edits of stored records in batches of PUSH_BATCH, PUSHERS at a time: each document's
 * state is the stored one with a dated follow-up at the end of its notes (followUp), and its
 * assumed master state the stored version, so the server merges, derives, validates, bumps
 * server_seq and writes history for each.
 * The baseline writes as many other records' new notes and states with one multi-row UPDATE per
 * batch, straight into Postgres on as many connections: the floor of storing the same rows,
 * without merge, validation, history or HTTP.
 */
export async function measurePush(options: {
  client: BenchClient;
  databaseUrl: string;
  documents: SyncDocument[];
}): Promise<PushFigures> {
  const { client, documents } = options;
  if (documents.length < PUSH_DOCUMENTS_NEEDED) {
    throw new Error(`the push needs ${PUSH_DOCUMENTS_NEEDED} documents in the site, it has ${documents.length}`);
  }
  const preparing = performance.now();
  const batches: Edit[][] = [];
  const edit = followUp(new Date());
  for (let start = 0; start < PUSH_DOCUMENTS_NEEDED; start += PUSH_BATCH) {
    batches.push(documents.slice(start, start + PUSH_BATCH).map((stored) => ({ stored, edited: editDocument(stored, edit) })));
  }
  const prepareSeconds = (performance.now() - preparing) / 1000;
  const pushBody = (edits: Edit[]) => JSON.stringify(edits.map(({ stored, edited }) => pushRow(stored, edited)));
  const warmup = batches.slice(0, WARMUP_BATCHES).map(pushBody);
  const measured = batches.slice(WARMUP_BATCHES, WARMUP_BATCHES + MEASURED_BATCHES).map(pushBody);
  const sqlBatches = batches.slice(WARMUP_BATCHES + MEASURED_BATCHES).map(sqlParameter);

  let conflicts = 0;
  let refused = 0;
  const pushAll = (bodies: string[]) =>
    timeWorkers({
      workers: PUSHERS,
      step: async () => {
        const body = bodies.pop();
        if (body === undefined) return undefined;
        const answer = JSON.parse(await client.request('POST', PUSH_PATH, body)) as PushResponse;
        conflicts += answer.conflicts.length;
        refused += answer.refused.length;
        return PUSH_BATCH - answer.refused.length;
      }
    });
  await pushAll(warmup);
  const push = await pushAll(measured);

  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: PUSHERS });
  try {
    const baseline = await timeWorkers({
      workers: PUSHERS,
      step: async () => {
        const rows = sqlBatches.pop();
        if (rows === undefined) return undefined;
        const { rowCount } = await pool.query(UPDATE_BATCH, [rows]);
        return rowCount ?? 0;
      }
    });
    return { push, baseline, conflicts, refused, prepareSeconds };
  } finally {
    await pool.end();
  }
}

// The columns the push changes for such an edit, under a new server sequence number.
const UPDATE_BATCH = `
  UPDATE interactions AS i
     SET notes = b.notes, crdt = decode(b.crdt, 'base64'), updated_at = b."updatedAt",
         server_seq = nextval('interactions_server_seq')
    FROM json_to_recordset($1::json) AS b (id uuid, notes text, crdt text, "updatedAt" timestamptz)
   WHERE i.id = b.id`;

function sqlParameter(edits: Edit[]): string {
  return JSON.stringify(edits.map(({ edited: { id, notes, crdt, updatedAt } }) => ({ id, notes, crdt, updatedAt })));
}
