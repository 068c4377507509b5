import { indexedDB, USER_ID, newSiteId } from '../../db/local-databases';
import { validFields } from '../../../support/valid-fields';
import { IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openSiteDatabase } from '$lib/db';
import { createInteraction, deleteInteraction, updateInteraction } from '$lib/db/interaction-writes';
import { SemanticEngine } from '$lib/search/semantic/semantic-engine';
import { SemanticFollower, type FollowedRows } from '$lib/search/semantic/semantic-follower';
import { deleteVectorStore, openVectorStore } from '$lib/search/semantic/vector-store';
import { FakeEmbeddings } from './fake-embeddings';

const followers: SemanticFollower[] = [];
afterEach(() => followers.splice(0).forEach((follower) => follower.stop()));

function newEngine() {
  const embeddings = new FakeEmbeddings();
  const engine = new SemanticEngine({
    embeddings,
    modelId: 'test/model-a',
    stores: { open: (siteId) => openVectorStore({ indexedDB, IDBKeyRange }, siteId), delete: (siteId) => deleteVectorStore(indexedDB, siteId) }
  });
  return { engine, embeddings };
}

async function follow(siteId: string, engine: SemanticEngine): Promise<SemanticFollower> {
  const { interactions } = await openSiteDatabase(siteId);
  const follower = new SemanticFollower({ siteId, rows: interactions as unknown as FollowedRows, backend: engine });
  followers.push(follower);
  await follower.ready;
  return follower;
}

async function idsFound(engine: SemanticEngine, siteId: string, query: string): Promise<string[]> {
  await engine.whenIdle();
  return (await engine.search({ siteIds: [siteId], query, k: 10, floor: 0.2 })).map((hit) => hit.id);
}

describe('SemanticFollower', () => {
  it('embeds what the site database holds, then follows inserts, edits and deletes', async () => {
    const siteId = newSiteId();
    const existing = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ title: 'Orchard pruning' }) });
    const { engine, embeddings } = newEngine();
    await follow(siteId, engine);
    expect(await idsFound(engine, siteId, 'orchard pruning')).toEqual([existing.id]);

    const added = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ title: 'Lighthouse inspection' }) });
    await expect.poll(() => idsFound(engine, siteId, 'lighthouse inspection')).toEqual([added.id]);

    await updateInteraction({ siteId, id: added.id, patch: { description: 'Foghorn replaced.' } });
    await expect.poll(() => idsFound(engine, siteId, 'foghorn')).toEqual([added.id]);
    expect(embeddings.embedded.filter((text) => text.includes('Lighthouse'))).toHaveLength(2);

    await deleteInteraction({ siteId, id: added.id });
    await expect.poll(() => idsFound(engine, siteId, 'lighthouse inspection')).toEqual([]);
    expect(engine.progress()).toEqual({ done: 1, total: 1 });
  });

  it('embeds nothing again after a restart when no text changed, and drops records deleted meanwhile', async () => {
    const siteId = newSiteId();
    const kept = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ title: 'Harbour dredging' }) });
    const gone = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ title: 'Harbour festival' }) });
    const first = newEngine();
    const follower = await follow(siteId, first.engine);
    await first.engine.whenIdle();
    follower.stop();

    await deleteInteraction({ siteId, id: gone.id });
    const second = newEngine();
    await follow(siteId, second.engine);
    expect(await idsFound(second.engine, siteId, 'harbour')).toEqual([kept.id]);
    expect(second.embeddings.embedded).toEqual([]);
  });
});
