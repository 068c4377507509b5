import { DEFAULT_INTERACTION_TYPES, pickFields } from '../../src/lib/domain';
import type { Database, Queryable } from '../db/database';
import {
  insertHistories,
  insertInteractions,
  type HistoryEntry,
  type InteractionWrite
} from '../repositories/interactions-repository';
import { insertSite } from '../repositories/sites-repository';
import { creationChanges } from '../services/changed-fields';
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

/**
 * Writes the demo directory (sites, users, memberships) and `interactions` generated interactions,
 * each with its 'create' history entry. Expects empty tables: see `hasAnyData` and `clearAllData`.
 * The same seed writes the same rows.
 */
export async function seedDemoData(db: Database, options: SeedDemoDataOptions): Promise<SeedCounts> {
  await db.transaction(insertDirectory);

  let done = 0;
  const write = async (rows: DemoInteraction[]) => {
    // Through the repository's one write path, as every new record is stored. Only one batch is
    // written at a time, so rows take their server_seq from the sequence in generation order.
    await db.transaction(async (tx) => {
      await insertInteractions(tx, rows.map(asWrite));
      await insertHistories(tx, rows.map(asCreateHistory));
    });
    done += rows.length;
    options.onProgress?.(done, options.interactions);
  };
  // The next batch is generated while Postgres writes the previous one.
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

function asWrite({ id, siteId, createdBy, createdAt, updatedAt, deleted, crdt, ...fields }: DemoInteraction): InteractionWrite {
  return { id, siteId, fields: pickFields(fields), createdBy, updatedBy: createdBy, createdAt, updatedAt, deleted, needsReview: false, crdt };
}

// Dated as the record: the demo's history reads as if each record had been written when it says.
function asCreateHistory(row: DemoInteraction): HistoryEntry {
  return {
    interactionId: row.id,
    siteId: row.siteId,
    userId: row.createdBy,
    action: 'create',
    ...creationChanges(pickFields(row)),
    authoredAt: row.createdAt,
    receivedAt: row.createdAt
  };
}
