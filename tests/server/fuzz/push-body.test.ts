// Replication's push with hostile documents mixed into valid ones: Yjs states whose fields have the
// wrong shared type or JS type, values out of range, huge texts, NUL, deleted flags, unknown keys,
// garbage or truncated bytes, updates on missing history, another site's documents. For every batch
// the answer must be 200 (a batch never fails as a whole), every valid document must be stored as
// sent, every refused one left as it was, and whatever was accepted must hold storable fields that
// match its state. Records outside the batch must not change.
//
// Case counts and seeds: fuzz-run.ts (FUZZ_CASES, FUZZ_SEED). A replay repeats every batch's
// documents; new records get fresh uuidv7 ids each run, as the app gives them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnstorableFields, type InteractionFields } from '../../../src/lib/domain';
import { decodeInteractionState, readInteractionFields } from '../../../src/lib/domain/crdt';
import type { PushResponse, PushRow, RefusalCode, SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { fromBase64, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../sync/replica';
import { FaultLog } from './fault-log';
import { announceSeed, casesFor, FUZZ_SEED, timeoutFor } from './fuzz-run';
import { faultIn, inject, NoAnswer } from './http-answer';
import { batchOf, misaddressedRow, rowFor, type DocumentSpec, type RecordPools } from './push-documents';
import { changesBetween, readStoredState } from './stored-state';

const BEN = 'ben@example.org';
const POOLS: RecordPools = { edited: 6, attacked: 6 };
// Every code the protocol names, and no other: the compiler says so when the protocol changes.
const REFUSAL_CODES = {
  ROLE_FORBIDDEN: true,
  SITE_MISMATCH: true,
  INVALID_STATE: true,
  VALIDATION_FAILED: true,
  UNSTORABLE: true
} satisfies Record<RefusalCode, true>;
const DATE_FIELDS = new Set(['startDatetime', 'endDatetime']);

describe.each(testDatabases)('POST /api/sync/:siteId/push with hostile documents on $kind', (testDatabase) => {
  const cases = casesFor('push', testDatabase);
  let api: ApiFixture;
  let recordIds: string[];

  beforeAll(async () => {
    announceSeed('push');
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    // Ben made all but the last two attacked records, so his deletes of those are allowed and of
    // Ada's refused.
    const replicas = Array.from({ length: POOLS.edited + POOLS.attacked }, (_, index) => Replica.create({ title: `Record ${index}` }));
    await pushAndAdopt(api, BEN, replicas.slice(0, -2));
    await pushAndAdopt(api, 'ada@example.org', replicas.slice(-2));
    recordIds = replicas.map((replica) => replica.id);
  });
  afterAll(() => api?.dispose());

  it(`stores the valid documents of ${cases} mixed batches and refuses or safely stores the rest`, { timeout: timeoutFor(cases, 500) }, async () => {
    const batches = fc.sample(fc.tuple(batchOf(POOLS), fc.boolean()), { seed: FUZZ_SEED, numRuns: cases });
    const faults = new FaultLog();
    const groups = new Map<string, number>();
    const started = performance.now();

    for (const [index, [specs, misaddressed]] of batches.entries()) {
      const reproduction = `batch ${index} of FUZZ_SEED=${FUZZ_SEED}: ${specs.map((spec) => spec.kind).join('; ')}${misaddressed ? '; another site' : ''}`;
      const targets = await Promise.all(specs.map((spec) => (spec.target === null ? undefined : storedDocument(api, recordIds[spec.target]))));
      const rows = specs.map((spec, position) => rowFor(spec, targets[position]));
      if (misaddressed) rows.push(misaddressedRow());
      for (const { group } of specs) groups.set(group, (groups.get(group) ?? 0) + 1);

      const before = await readStoredState(api.db);
      const authorization = `Bearer ${await api.token(BEN)}`;
      const request = {
        route: 'POST /api/sync/:siteId/push',
        method: 'POST',
        url: `/api/sync/${LEEDS.id}/push`,
        caller: { name: 'user of Leeds (Ben)', authorization },
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify(rows)
      };
      const answer = await inject(api.app, request).catch((error: unknown) => error as Error);
      if (answer instanceof Error) {
        faults.record(answer instanceof NoAnswer ? 'no answer' : `request failed (${answer.message})`, 'push', reproduction);
        continue;
      }
      if (answer.status !== 200) {
        faults.record(`batch answered ${faultIn(request, answer) ?? answer.status}`, 'the whole batch', reproduction);
        continue;
      }
      const { refused } = JSON.parse(answer.body) as PushResponse;
      const refusedById = new Map(refused.map((entry) => [entry.id, entry]));
      const after = await readStoredState(api.db);

      for (const [position, spec] of specs.entries()) {
        const row = rows[position];
        const refusal = refusedById.get(row.newDocumentState.id);
        const problem = refusal
          ? refusalProblem(spec, refusal.code, before.interactions.get(row.newDocumentState.id), after.interactions.get(row.newDocumentState.id))
          : await acceptanceProblem(spec, row);
        if (problem) faults.record(problem, spec.group, reproduction);
      }
      if (misaddressed && refusedById.get(rows.at(-1)!.newDocumentState.id)?.code !== 'SITE_MISMATCH') {
        faults.record('another site’s document not refused with SITE_MISMATCH', 'another site', reproduction);
      }
      const accepted = new Set(rows.filter((row) => !refusedById.has(row.newDocumentState.id)).map((row) => row.newDocumentState.id));
      const unexplained = changesBetween(before, after).interactions.filter((id) => !accepted.has(id));
      if (unexplained.length > 0) faults.record('a record outside the accepted documents changed', 'push', `${reproduction}: ${unexplained.join(', ')}`);
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`fuzz push on ${testDatabase.kind}: ${cases} batches in ${seconds} s; documents: ${[...groups].map(([group, count]) => `${group} ×${count}`).join(', ')}`);
    expect(faults.summary(), `seed ${FUZZ_SEED}: replay with FUZZ_SEED=${FUZZ_SEED}`).toEqual([]);
  });

  /** What is wrong with a refusal: a valid document refused, an unknown code, or a refused document that changed anyway. */
  function refusalProblem(spec: DocumentSpec, code: string, before: string | undefined, after: string | undefined): string | undefined {
    if (spec.valid) return `valid document refused with ${code}`;
    if (!Object.hasOwn(REFUSAL_CODES, code)) return `refused with unknown code ${code}`;
    if (before !== after) return 'refused document changed in storage';
    return undefined;
  }

  /** What is wrong with an accepted document: not stored as sent (valid), or stored with fields it cannot hold (hostile). */
  async function acceptanceProblem(spec: DocumentSpec, row: PushRow): Promise<string | undefined> {
    const stored = await storedDocument(api, row.newDocumentState.id).catch(() => undefined);
    if (!stored) return 'accepted but not stored';
    const fromState = readInteractionFields(decodeInteractionState(fromBase64(stored.crdt), stored.id));
    if (findUnstorableFields(fromState).length > 0) return 'stored a state whose fields cannot be stored';
    if (!sameFields(fieldsOf(stored), fromState)) return 'stored columns differ from the stored state';
    if ('fields' in spec && !sameFields(fieldsOf(stored), spec.fields)) return 'valid new record stored with other fields';
    if ('change' in spec && !sameFields(fieldsOf(stored), spec.change)) return 'valid edit not stored as sent';
    if (spec.valid && stored.needsReview) return 'valid document flagged for review';
    return undefined;
  }
});

function fieldsOf(document: SyncDocument): InteractionFields {
  const { title, type, lead, startDatetime, endDatetime, timezone, location, description, notes } = document;
  return { title, type, lead, startDatetime, endDatetime, timezone, location, description, notes };
}

// Instants compare by the moment they name: the database writes them back in its own notation.
function sameFields(a: InteractionFields, b: Partial<InteractionFields>): boolean {
  return (Object.keys(b) as (keyof InteractionFields)[]).every((name) =>
    DATE_FIELDS.has(name) ? Date.parse(String(a[name])) === Date.parse(String(b[name])) : (a[name] ?? null) === (b[name] ?? null)
  );
}
