import { INTERACTION_FIELD_NAMES, type InteractionFields } from '../../../src/lib/domain';
import { isInteractionDeleted, readInteractionFields } from '../../../src/lib/domain/crdt';
import type { Queryable } from '../../../sync-server/db/database';
import { findInteraction, listHistory } from '../../../sync-server/repositories/interactions-repository';
import type { Puller } from './puller';
import type { Writer } from './writer';

/** A record as the acknowledged writes say it must be stored. */
interface Expected {
  id: string;
  fields: InteractionFields;
  deleted: boolean;
}

export interface DurabilityInput {
  db: Queryable;
  writers: readonly Writer[];
  /** The site's records before any writer started (the demo data). */
  initialIds: ReadonlySet<string>;
  /** The puller that ran through every crash, caught up at the end. */
  incremental: Puller;
  /** A pull from the start, made at the end. */
  fullPull: Puller;
}

/** Everything the crashes broke, one line each; empty when every acknowledged write survived as written. */
export async function findDurabilityProblems(input: DurabilityInput): Promise<string[]> {
  const expected = input.writers.flatMap(expectedRecords);
  return [
    ...(await storedAsAcknowledged(input.db, expected)),
    ...(await createdOnce(input.db, expected)),
    ...fullPullComplete(input, expected),
    ...sameViews(input.incremental, input.fullPull)
  ];
}

function expectedRecords(writer: Writer): Expected[] {
  const rest = [...writer.restRecords.values()];
  const pushed = writer.replicas.map((replica) => ({
    id: replica.id,
    fields: readInteractionFields(replica.doc),
    deleted: isInteractionDeleted(replica.doc)
  }));
  return [...rest, ...pushed];
}

/** Each acknowledged create is stored, with the value of every field's last acknowledged write, and acknowledged deletes are tombstones. */
async function storedAsAcknowledged(db: Queryable, expected: readonly Expected[]): Promise<string[]> {
  const problems: string[] = [];
  for (const record of expected) {
    const stored = await findInteraction(db, record.id);
    if (!stored) {
      problems.push(`${record.id}: acknowledged but not stored`);
      continue;
    }
    for (const name of INTERACTION_FIELD_NAMES) {
      if (stored[name] !== record.fields[name]) {
        problems.push(`${record.id}.${name}: stored ${JSON.stringify(stored[name])}, last acknowledged ${JSON.stringify(record.fields[name])}`);
      }
    }
    if (stored.deleted !== record.deleted) problems.push(`${record.id}: deleted is ${stored.deleted}, acknowledged ${record.deleted}`);
  }
  return problems;
}

/** Each record's history has exactly one create, and one delete if it was deleted: no write was stored twice. */
async function createdOnce(db: Queryable, expected: readonly Expected[]): Promise<string[]> {
  const problems: string[] = [];
  for (const record of expected) {
    const history = await listHistory(db, record.id);
    const count = (action: string) => history.filter((entry) => entry.action === action).length;
    if (count('create') !== 1) problems.push(`${record.id}: ${count('create')} create entries in its history`);
    if (count('delete') !== (record.deleted ? 1 : 0)) problems.push(`${record.id}: ${count('delete')} delete entries in its history`);
  }
  return problems;
}

/** The pull from the start holds each record once, and exactly the records there should be. */
function fullPullComplete({ fullPull, initialIds }: DurabilityInput, expected: readonly Expected[]): string[] {
  const problems: string[] = [];
  if (fullPull.received !== fullPull.view.size) {
    problems.push(`the full pull sent ${fullPull.received} documents for ${fullPull.view.size} ids`);
  }
  const ids = new Set([...initialIds, ...expected.map((record) => record.id)]);
  for (const id of ids) if (!fullPull.view.has(id)) problems.push(`${id}: missing from the full pull`);
  for (const id of fullPull.view.keys()) if (!ids.has(id)) problems.push(`${id}: in the full pull but written by nobody`);
  problems.push(...fullPull.regressions.map((regression) => `full pull: ${regression}`));
  return problems;
}

/** The puller that ran through the crashes ends with exactly what a pull from the start sees. */
function sameViews(incremental: Puller, fullPull: Puller): string[] {
  const problems = incremental.regressions.map((regression) => `incremental pull: ${regression}`);
  for (const [id, document] of fullPull.view) {
    const seen = incremental.view.get(id);
    if (!seen) problems.push(`${id}: the incremental puller never received it`);
    else if (seen.serverSeq !== document.serverSeq || seen.crdt !== document.crdt) {
      problems.push(`${id}: the incremental puller holds serverSeq ${seen.serverSeq}, the full pull ${document.serverSeq}`);
    }
  }
  for (const id of incremental.view.keys()) if (!fullPull.view.has(id)) problems.push(`${id}: received incrementally, absent from the full pull`);
  return problems;
}
