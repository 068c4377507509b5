import type { Database } from '../../../sync-server/db/database';
import { DEMO_SITES, DEMO_USERS, LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { encodeCursor } from '../../../sync-server/services/cursor';
import type { ApiFixture } from '../helpers/api-fixture';
import { pull, pushAndAdopt, Replica } from '../sync/replica';
import type { Vocabulary } from './schema-values';

const ADA = 'ada@example.org';

/**
 * The records the fuzzed requests act on: live ones in Leeds (Ben's and Ada's) and Toronto, and a
 * tombstone. Returns the vocabulary that makes generated requests name them, and the real ids,
 * cursors and checkpoints the server hands out, beside forged ones.
 */
export async function seedRecordSet(api: ApiFixture): Promise<Vocabulary> {
  const leeds = Array.from({ length: 6 }, (_, index) => Replica.create({ title: `Leeds meeting ${index}` }));
  const toronto = Array.from({ length: 3 }, (_, index) => Replica.create({ title: `Toronto call ${index}`, type: 'Call' }, TORONTO.id));
  await pushAndAdopt(api, 'ben@example.org', leeds.slice(0, 3));
  await pushAndAdopt(api, ADA, leeds.slice(3));
  await pushAndAdopt(api, ADA, toronto);
  await pushAndAdopt(api, ADA, [leeds[5].delete()]);

  const ids = [...leeds, ...toronto].map((replica) => replica.id);
  const { checkpoint } = await pull(api, ADA, { limit: 2 });
  return {
    siteId: DEMO_SITES.map((site) => site.id),
    id: [...ids, ids[0].toUpperCase()],
    userId: DEMO_USERS.map((user) => user.id),
    email: [...DEMO_USERS.map((user) => user.email), 'nobody@example.org'],
    role: ['admin', 'user', 'viewer', 'owner', 'ADMIN'],
    q: ['meeting', 'Leeds', '"Leeds meeting"', 'meeting or call', '-meeting', 'a', '!!', '&|!()', ':*', 'the'],
    type: ['Meeting', 'Call'],
    lead: ['Ben Carter'],
    title: ['A title'],
    timezone: ['Europe/London', 'Mars/Olympus_Mons', 'UTC', '+01:00'],
    cursor: forgedCursors(ids[0]),
    checkpoint: [checkpoint ?? '', '0:00000000-0000-0000-0000-000000000000', '18446744073709551616:' + ids[0], '-1:' + ids[0], `1:${ids[0]}x`],
    crdt: [...leeds, ...toronto].map((replica) => replica.row().newDocumentState.crdt)
  };
}

/** Cursors in the server's own format whose positions are out of range, of the wrong type, or fine. */
function forgedCursors(id: string): string[] {
  const positions: unknown[] = ['2026-03-02T09:30:00.000Z', '10000-01-01T00:00:00Z', '0000-01-01T00:00:00Z', 1e308, -1, 0.5, 'NaN', null, [], {}];
  const tags = ['list:-startDatetime', 'list:title', 'search:meeting', 'search:Leeds'];
  return [
    ...tags.flatMap((tag) => positions.map((position) => encodeCursor(tag, [position, id]))),
    encodeCursor('search:meeting', [1e308, 'not-a-uuid']),
    encodeCursor('list:-startDatetime', []),
    Buffer.from('not json').toString('base64url'),
    LEEDS.id
  ];
}

/**
 * Puts the demo memberships back after a case changed them (an accepted grant or revoke), so every
 * later case's caller still has the role its name says.
 */
export async function restoreDemoMemberships(db: Database): Promise<void> {
  const rows = DEMO_USERS.flatMap((user) => user.memberships.map((membership) => [membership.siteId, user.id, membership.role]));
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM user_sites');
    for (const row of rows) await tx.query('INSERT INTO user_sites (site_id, user_id, role) VALUES ($1, $2, $3)', row);
  });
}
