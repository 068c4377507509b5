import { DEFAULT_INTERACTION_TYPES, INTERACTION_FIELD_NAMES } from '../../src/lib/domain';
import type { Database, Queryable } from '../db/database';
import { insertSite } from '../repositories/sites-repository';
import { DEMO_SITES, DEMO_USERS, DIRECTORY_CREATED_AT } from './demo-directory';
import { generateInteractions, type DemoInteraction } from './generate-interactions';

export interface SeedDemoDataOptions {
  interactions: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedCounts {
  sites: number;
  users: number;
  interactions: number;
}

// Large enough that per-statement overhead vanishes, small enough that one batch's parameters
// stay a few megabytes.
const BATCH_SIZE = 2_000;

// One statement per batch, its rows in one JSON parameter: PGlite parses a JSON document several
// times faster than sixteen array parameters (Postgres takes the same time either way). The
// history rows are written from what was inserted, their changes (each field from null, as the
// service writes a create's) built here rather than sent, which would double the parameter.
// Instants are read as text so the changes keep them as written. server_seq is left to its
// default, so every row takes its number from interactions_server_seq and the sequence stays
// ahead of every stored value.
const INSERT_BATCH = `
  WITH batch AS (
    SELECT * FROM json_to_recordset($1::json) AS batch (
      id uuid, "siteId" uuid, title text, type text, lead text, "startDatetime" text,
      "endDatetime" text, timezone text, location text, description text, notes text,
      "createdBy" uuid, "createdAt" timestamptz, "updatedAt" timestamptz, deleted boolean, crdt text
    )
  ), inserted AS (
    INSERT INTO interactions (
      id, site_id, title, type, lead, start_datetime, end_datetime, timezone, location,
      description, notes, created_by, updated_by, created_at, updated_at, deleted, crdt
    )
    SELECT
      id, "siteId", title, type, lead, "startDatetime"::timestamptz, "endDatetime"::timestamptz, timezone,
      location, description, notes, "createdBy", "createdBy", "createdAt", "updatedAt", deleted, decode(crdt, 'base64')
    FROM batch
    RETURNING id
  )
  INSERT INTO interaction_history (
    interaction_id, site_id, user_id, action, changed_fields, changes, authored_at, received_at
  )
  SELECT b.id, b."siteId", b."createdBy", 'create', $2::varchar(50)[],
         (SELECT coalesce(jsonb_agg(jsonb_build_object('field', f.name, 'from', null, 'to', to_jsonb(b) -> f.name)
                                    ORDER BY f.n), '[]')
            FROM unnest($2::text[]) WITH ORDINALITY AS f (name, n)
           WHERE to_jsonb(b) ->> f.name IS NOT NULL),
         b."createdAt", b."createdAt"
    FROM inserted JOIN batch b USING (id)`;

/**
 * Writes the demo directory (sites, users, memberships) and `interactions` generated interactions,
 * each with its 'create' history entry. Expects empty tables: see `hasAnyData` and `clearAllData`.
 * The same seed writes the same rows.
 */
export async function seedDemoData(db: Database, options: SeedDemoDataOptions): Promise<SeedCounts> {
  await db.transaction(insertDirectory);

  let done = 0;
  const write = async (rows: DemoInteraction[]) => {
    await db.transaction((tx) => tx.query(INSERT_BATCH, batchParameters(rows)));
    done += rows.length;
    options.onProgress?.(done, options.interactions);
  };
  // The next batch is generated while Postgres writes the previous one. Only one write is ever in
  // flight, so rows still take their server_seq in generation order.
  let writing: Promise<void> | undefined;
  let batch: DemoInteraction[] = [];
  for (const { interaction } of generateInteractions({ count: options.interactions, seed: options.seed })) {
    batch.push(interaction);
    if (batch.length < BATCH_SIZE) continue;
    await writing;
    writing = write(batch);
    batch = [];
  }
  await writing;
  if (batch.length > 0) await write(batch);

  // Fresh statistics: until autovacuum gets round to it, the planner would think the tables empty
  // and pick plans that read every row.
  await db.exec('ANALYZE');
  return { sites: DEMO_SITES.length, users: DEMO_USERS.length, interactions: done };
}

/** True when the database holds any site, and so anything a seed could collide with. */
export async function hasAnyData(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM sites) AS found');
  return rows[0].found;
}

/**
 * Deletes every site, user, membership, interaction and history row, in one transaction. The
 * replication sequence is deliberately not reset: a client's checkpoint from before must not
 * hide the new rows from it.
 */
export async function clearAllData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ['interaction_history', 'interactions', 'user_sites', 'users', 'sites']) {
      await tx.query(`DELETE FROM ${table}`);
    }
  });
}

async function insertDirectory(tx: Queryable): Promise<void> {
  for (const site of DEMO_SITES) {
    await insertSite(tx, {
      id: site.id,
      name: site.name,
      description: site.description,
      timeZone: site.homeTimeZone,
      // The demo's interactions take their types from this list.
      interactionTypes: [...DEFAULT_INTERACTION_TYPES],
      createdAt: DIRECTORY_CREATED_AT
    });
  }
  for (const user of DEMO_USERS) {
    await tx.query(
      'INSERT INTO users (id, auth_subject, email, name, org_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [user.id, user.authSubject, user.email, user.name, user.orgAdmin, DIRECTORY_CREATED_AT]
    );
    for (const membership of user.memberships) {
      await tx.query('INSERT INTO user_sites (user_id, site_id, role) VALUES ($1, $2, $3)', [
        user.id,
        membership.siteId,
        membership.role
      ]);
    }
  }
}

function batchParameters(rows: DemoInteraction[]): unknown[] {
  const base64 = (bytes: Uint8Array) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const json = JSON.stringify(rows.map((row) => ({ ...row, crdt: base64(row.crdt) })));
  return [json, INTERACTION_FIELD_NAMES];
}
