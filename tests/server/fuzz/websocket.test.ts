// The live-editing socket (`/api/yjs/:siteId/:interactionId?token=`) with hostile sessions: refused
// admissions (no token, a bad one, a non-member, a record of no or another site, a malformed path),
// and admitted editors and viewers sending random and mutated y-websocket frames (malformed
// messages, truncated varints, unknown types, garbage and incomplete updates, oversized frames) and
// Yjs updates that set fields to values of every kind. Each socket must close with the named code
// the frame calls for (close-codes.ts) or, after valid frames, still be served; and once the rooms
// have written, every stored record must hold storable fields that match its state, and the records
// only viewers and refused sockets reached must be as they were.
//
// Sessions run in lanes, each on its own records one after another, so a refused update in one
// session cannot reload a room under another. Case counts and seeds: fuzz-run.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnstorableFields, uuidv7 } from '../../../src/lib/domain';
import { decodeInteractionState, readInteractionFields } from '../../../src/lib/domain/crdt';
import { CLOSE } from '../../../sync-server/collab/close-codes';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { connectPeer, listen, roomsClosed, roomUrl } from '../collab/collab-client';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { fromBase64, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../sync/replica';
import { FaultLog } from './fault-log';
import { announceSeed, casesFor, FUZZ_SEED, timeoutFor } from './fuzz-run';
import { buildFrame, describeFrame, frameSpec, type FrameSpec } from './socket-frames';
import { closeOf, leave, openSession, stillServed, type Outcome } from './socket-session';
import { changesBetween, readStoredState } from './stored-state';

const LANES = 8;
const NAMED_CODES = new Set<number>(Object.values(CLOSE).map(({ code }) => code));

type Who =
  | 'editor'
  | 'viewer'
  | 'no token'
  | 'garbage token'
  | 'non-member'
  | 'unknown record'
  | 'record of another site'
  | 'malformed site id'
  | 'malformed record id';

const REFUSED_WITH: Partial<Record<Who, number>> = {
  'no token': CLOSE.UNAUTHENTICATED.code,
  'garbage token': CLOSE.UNAUTHENTICATED.code,
  'non-member': CLOSE.FORBIDDEN.code,
  'unknown record': CLOSE.FORBIDDEN.code,
  'record of another site': CLOSE.FORBIDDEN.code,
  'malformed site id': CLOSE.FORBIDDEN.code,
  'malformed record id': CLOSE.FORBIDDEN.code
};

const sessionSpec = fc.record({
  who: fc.oneof(
    { weight: 6, arbitrary: fc.constant<Who>('editor') },
    { weight: 2, arbitrary: fc.constant<Who>('viewer') },
    { weight: 2, arbitrary: fc.constantFrom(...(Object.keys(REFUSED_WITH) as Who[])) }
  ),
  frames: fc.array(frameSpec, { minLength: 1, maxLength: 4 })
});

describe.each(testDatabases)('live-editing socket with hostile sessions on $kind', (testDatabase) => {
  const cases = casesFor('socket', testDatabase);
  let api: ApiFixture;
  let baseUrl: string;
  // Per lane: a record Ben made (his sessions edit it) and one of Ada's (only viewers and refused sockets reach it).
  let edited: string[];
  let guarded: string[];
  let torontoRecord: string;

  beforeAll(async () => {
    announceSeed('socket');
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
    const bens = Array.from({ length: LANES }, (_, lane) => Replica.create({ title: `Lane ${lane}` }));
    const adas = Array.from({ length: LANES }, (_, lane) => Replica.create({ title: `Guarded ${lane}` }));
    const toronto = Replica.create({ type: 'Call' }, TORONTO.id);
    await pushAndAdopt(api, 'ben@example.org', bens);
    await pushAndAdopt(api, 'ada@example.org', adas);
    await pushAndAdopt(api, 'ada@example.org', [toronto]);
    [edited, guarded, torontoRecord] = [bens.map(({ id }) => id), adas.map(({ id }) => id), toronto.id];
  });
  afterAll(() => api?.dispose());

  it(`closes ${cases} hostile sessions with the code each calls for and stores nothing unstorable`, { timeout: timeoutFor(cases, 400) }, async () => {
    const sessions = fc.sample(sessionSpec, { seed: FUZZ_SEED, numRuns: cases });
    const faults = new FaultLog();
    const counts = new Map<string, number>();
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    const guardedBefore = await readStoredState(api.db);
    const tokens = {
      editor: await api.token('ben@example.org'),
      viewer: await api.token('cleo@example.org'),
      nonMember: await api.token('eve@example.org')
    };

    const runSession = async (index: number, lane: number) => {
      const { who, frames } = sessions[index];
      count(who);
      const reproduction = `session ${index} of FUZZ_SEED=${FUZZ_SEED} as ${who}: ${frames.map(describeFrame).join('; ')}`;
      const report = (what: string, where: string) => faults.record(what, where, reproduction);

      const admitted = await openSession(urlFor(who, lane, tokens));
      if ('hung' in admitted) return report(`hung: ${admitted.hung}`, who);
      const refusal = REFUSED_WITH[who];
      if (refusal !== undefined) {
        if (!('open' in admitted) || admitted.open) {
          report(`admitted instead of closing with ${refusal}`, who);
          if ('socket' in admitted) await leave(admitted.socket);
        } else if (admitted.code !== refusal) report(`refused with ${admitted.code}, not ${refusal}`, who);
        return;
      }
      if (!('socket' in admitted)) return report(`${who} not admitted: ${describeOutcome(admitted)}`, who);

      for (const spec of frames) {
        count(frameLabel(spec));
        const { bytes, verdict } = buildFrame(spec, admitted.doc, { canEdit: who === 'editor' });
        admitted.socket.ws.send(bytes);
        if (verdict.open) continue;
        const outcome = await closeOf(admitted.socket);
        if ('hung' in outcome || outcome.open || outcome.code !== verdict.code) {
          report(`${describeFrame(spec)} from ${who}: ${describeOutcome(outcome)}, not closed with ${verdict.code}`, frameLabel(spec));
        }
        return;
      }
      const outcome = await stillServed(admitted);
      if (!('open' in outcome) || !outcome.open) {
        report(`valid frames from ${who}: ${describeOutcome(outcome)}`, frames.map(frameLabel).join(' + '));
        return;
      }
      await leave(admitted.socket);
    };

    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        for (let index = lane; index < sessions.length; index += LANES) await runSession(index, lane);
      })
    );
    await roomsClosed(api.app);

    for (const id of edited) {
      const stored = await storedDocument(api, id);
      const fields = readInteractionFields(decodeInteractionState(fromBase64(stored.crdt), id));
      if (findUnstorableFields(fields).length > 0) faults.record('stored a state whose fields cannot be stored', 'edited record', id);
    }
    const reachedByNonEditors = changesBetween(guardedBefore, await readStoredState(api.db)).interactions.filter((id) => guarded.includes(id));
    if (reachedByNonEditors.length > 0) faults.record('a record only viewers and refused sockets reached changed', 'guarded record', reachedByNonEditors.join(', '));

    console.info(`fuzz socket on ${testDatabase.kind}: ${cases} sessions; ${[...counts].map(([key, n]) => `${key} ×${n}`).join(', ')}`);
    expect(faults.summary(), `seed ${FUZZ_SEED}: replay with FUZZ_SEED=${FUZZ_SEED}`).toEqual([]);

    // Still serving: a stock client joins a record every session touched.
    const peer = await connectPeer({ baseUrl, token: tokens.editor, id: edited[0] });
    peer.destroy();
    await roomsClosed(api.app);
  });

  function urlFor(who: Who, lane: number, tokens: { editor: string; viewer: string; nonMember: string }): string {
    switch (who) {
      case 'editor':
        return roomUrl(baseUrl, { id: edited[lane], token: tokens.editor });
      case 'viewer':
        return roomUrl(baseUrl, { id: guarded[lane], token: tokens.viewer });
      case 'no token':
        return roomUrl(baseUrl, { id: guarded[lane] });
      case 'garbage token':
        return roomUrl(baseUrl, { id: guarded[lane], token: 'not.a.token' });
      case 'non-member':
        return roomUrl(baseUrl, { id: guarded[lane], token: tokens.nonMember });
      case 'unknown record':
        return roomUrl(baseUrl, { id: uuidv7(), token: tokens.viewer });
      case 'record of another site':
        return roomUrl(baseUrl, { id: torontoRecord, token: tokens.viewer, siteId: LEEDS.id });
      case 'malformed site id':
        return roomUrl(baseUrl, { id: guarded[lane], token: tokens.viewer, siteId: '%E0%A4%A' });
      case 'malformed record id':
        return roomUrl(baseUrl, { id: `${guarded[lane]}%00`, token: tokens.viewer });
    }
  }
});

function frameLabel(spec: FrameSpec): string {
  return spec.kind === 'bytes' ? spec.label : spec.kind;
}

function describeOutcome(outcome: Outcome): string {
  if ('hung' in outcome) return outcome.hung;
  if (outcome.open) return 'stayed open';
  return `closed with ${outcome.code}${NAMED_CODES.has(outcome.code) ? '' : ' (not a named code)'}`;
}
