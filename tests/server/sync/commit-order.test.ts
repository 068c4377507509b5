import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInteractionFields } from '../../../src/lib/domain/crdt';
import type { SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { hasHeldBackChanges } from '../../../sync-server/repositories/sync-repository';
import { fromBase64, pull, pullAll, push, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from './replica';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';

// DESIGN §4: a pull must never skip a row that commits later with a lower sequence number.
describe.each(testDatabases)('replication commit order on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  it.runIf(testDatabase.kind === 'postgres')(
    'delivers a row whose transaction took its sequence number first but committed last (Postgres only: PGlite has one connection)',
    async () => {
      const held = Replica.create({ title: 'Before the held write' });
      await pushAndAdopt(api, BEN, [held]);
      const start = await pullAll(api, BEN);

      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let heldSeq!: (seq: number) => void;
      const heldSeqTaken = new Promise<number>((resolve) => (heldSeq = resolve));
      const holding = api.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ serverSeq: number }>(
          `UPDATE interactions SET title = 'Held write', server_seq = nextval('interactions_server_seq')
            WHERE id = $1 RETURNING server_seq AS "serverSeq"`,
          [held.id]
        );
        heldSeq(rows[0].serverSeq);
        await gate;
      });

      try {
        const seqOfHeld = await heldSeqTaken;
        // A later write takes a higher number and commits while the first is still open.
        const later = Replica.create({ title: 'Committed meanwhile' });
        await pushAndAdopt(api, BEN, [later]);
        expect(later.master?.serverSeq).toBeGreaterThan(seqOfHeld);

        // A checkpoint on server_seq would now step past the held row for good.
        const during = await pull(api, BEN, { checkpoint: start.checkpoint, settle: false });
        release();
        await holding;
        const after = await pullAll(api, BEN, { checkpoint: during.checkpoint });

        const received = [...during.documents, ...after.documents].map((document) => [document.id, document.title]);
        expect(received).toEqual(
          expect.arrayContaining([
            [held.id, 'Held write'],
            [later.id, 'Committed meanwhile']
          ])
        );
        expect(received).toHaveLength(2);
      } finally {
        release();
        await holding.catch(() => {});
      }
    }
  );

  it('gives a puller running alongside many writers every version once, and the last version of every record', async () => {
    const WRITERS = 10;
    const ROUNDS = 4;
    const shared = [Replica.create({ title: 'Shared one', notes: '' }), Replica.create({ title: 'Shared two', notes: '' })];
    await pushAndAdopt(api, ADA, shared);
    const start = await pullAll(api, BEN);
    const sharedStates = await Promise.all(shared.map((replica) => storedDocument(api, replica.id)));

    const received: SyncDocument[] = [];
    let writing = true;
    let checkpoint = start.checkpoint;
    async function pullOnce(): Promise<number> {
      // In-process requests to PGlite never leave the microtask queue: without a turn of the
      // event loop here, the writers would wait for the puller forever.
      await new Promise((resolve) => setImmediate(resolve));
      const page = await pull(api, BEN, { checkpoint, limit: 7, settle: false });
      received.push(...page.documents);
      checkpoint = page.checkpoint;
      return page.documents.length;
    }
    async function puller(): Promise<void> {
      while (writing) await pullOnce();
      // Then on from the same checkpoint until the pages run dry with nothing held back any more.
      await waitFor(async () => (await pullOnce()) === 0 && !(await hasHeldBackChanges(api.db, LEEDS.id)), 'the last pages');
    }

    const created: string[] = [];
    async function writer(index: number): Promise<void> {
      const copies = sharedStates.map((document) => Replica.fromServer(document));
      for (let round = 0; round < ROUNDS; round++) {
        const fresh = Array.from({ length: 3 }, () => Replica.create({ title: `Writer ${index} round ${round}` }));
        created.push(...fresh.map((replica) => replica.id));
        for (const copy of copies) {
          const notes = readInteractionFields(copy.doc).notes ?? '';
          copy.edit({ notes: `${notes}[w${index}r${round}]` });
        }
        const outcome = await push(api, index % 2 ? BEN : ADA, [...fresh, ...copies].map((replica) => replica.row()));
        expect(outcome.refused).toEqual([]);
        // A copy takes the server's version back, merged or not, as a client does after a push.
        for (const copy of copies) {
          const master = outcome.conflicts.find((document) => document.id === copy.id) ?? (await storedDocument(api, copy.id));
          Y.applyUpdate(copy.doc, fromBase64(master.crdt));
          copy.master = master;
        }
        // Some writes come through the REST API, the other path into the same commit.
        const rest = await api.as(BEN, {
          method: 'POST',
          url: '/api/interactions',
          payload: { siteId: LEEDS.id, ...validFields({ title: `REST ${index} ${round}` }) }
        });
        expect(rest.statusCode, rest.body).toBe(201);
        created.push(rest.json().id);
      }
    }

    const pulling = puller();
    try {
      await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
    } finally {
      writing = false;
    }
    await pulling;

    // Every version at most once, and each record's versions in the order they were made.
    const versions = received.map((document) => `${document.id}@${document.serverSeq}`);
    expect(new Set(versions).size).toBe(versions.length);
    const seen = new Map<string, number>();
    for (const document of received) {
      expect(document.serverSeq).toBeGreaterThan(seen.get(document.id) ?? 0);
      seen.set(document.id, document.serverSeq);
    }

    // Nothing missing: the last version received of each record is the one stored.
    const ids = [...created, ...shared.map((replica) => replica.id)];
    expect(seen.size).toBe(ids.length);
    for (const id of ids) expect(seen.get(id), id).toBe((await storedDocument(api, id)).serverSeq);

    // No edit of the shared records was lost between the concurrent merges.
    for (const replica of shared) {
      const notes = (await storedDocument(api, replica.id)).notes ?? '';
      for (let index = 0; index < WRITERS; index++) {
        for (let round = 0; round < ROUNDS; round++) expect(notes).toContain(`[w${index}r${round}]`);
      }
    }
  });
});
