import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/domain';
import { SIMILARITY_FLOOR } from '$lib/search/semantic/similarity-floor';
import { SemanticEngine } from '$lib/search/semantic/semantic-engine';
import { SemanticUnavailable } from '$lib/search/semantic/semantic-unavailable';
import { deleteVectorStore, openVectorStore } from '$lib/search/semantic/vector-store';
import { loadTransformersEmbeddings } from '$lib/search/semantic/transformers-embeddings';
import { semanticText } from '$lib/search/semantic/record-text';
import type { Embeddings } from '@langchain/core/embeddings';

// The small model the tests use (see README: MODELS_DIR=../shared/models), loaded as the app does.
const MODELS_DIR = resolve(process.env.MODELS_DIR ?? '../shared/models');
const MODEL_ID = 'local/universal-sentence-encoder-lite';

describe('the embedding core with the real test model, in Node', () => {
  let embeddings: Embeddings;

  beforeAll(async () => {
    embeddings = await loadTransformersEmbeddings({ modelId: MODEL_ID, localModelPath: `${MODELS_DIR}/`, allowHub: false });
  }, 60_000);

  it('embeds into unit vectors of the model size', async () => {
    const [vector] = await embeddings.embedDocuments(['Budget talks with the school board']);
    expect(vector).toHaveLength(512);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 3);
  });

  it('ranks the record a paraphrase describes above unrelated ones, above the floor', async () => {
    const siteId = uuidv7();
    const engine = new SemanticEngine({
      embeddings,
      modelId: MODEL_ID,
      stores: { open: (id) => openVectorStore({ indexedDB, IDBKeyRange }, id), delete: (id) => deleteVectorStore(indexedDB, id) }
    });
    const record = (id: string, title: string, description: string) => ({
      id,
      text: semanticText({ title, type: 'Meeting', location: null, description, notes: null }),
      updatedAt: '2026-01-01T00:00:00.000Z'
    });
    await engine.updateRecords(siteId, [
      record('finance', 'Education committee', 'We went through the school district finances and next year’s spending plan.'),
      record('roof', 'Depot maintenance', 'The roof of the vehicle depot leaks; a contractor will repair the gutters.'),
      record('garden', 'Community garden day', 'Volunteers planted vegetables and built raised beds with the neighbours.')
    ]);
    await engine.whenIdle();
    const hits = await engine.search({ siteIds: [siteId], query: 'budget talks with the school board', k: 3, floor: SIMILARITY_FLOOR });
    expect(hits[0]?.id).toBe('finance');
    expect(hits.map((hit) => hit.id)).not.toContain('garden');
  });

  it('says semantic search is unavailable when the model is not there and the hub is not allowed', async () => {
    const attempt = loadTransformersEmbeddings({ modelId: 'local/no-such-model', localModelPath: `${MODELS_DIR}/`, allowHub: false });
    await expect(attempt).rejects.toBeInstanceOf(SemanticUnavailable);
    await expect(attempt).rejects.toThrow(/local\/no-such-model could not be loaded/);
  });
});

describe('falling back to the model hub', () => {
  // A stand-in for the hub on loopback, answering its URL layout (`<model>/resolve/<revision>/<file>`)
  // from the test model's folder, so the fallback is exercised without the internet.
  let hub: Server;
  let requested: string[];
  const saved = { remoteHost: env.remoteHost, cacheDir: env.cacheDir };
  const cacheDir = mkdtempSync(join(tmpdir(), 'ims-hub-cache-'));

  beforeAll(async () => {
    requested = [];
    hub = createServer((request, response) => {
      const match = /^\/(local\/[^/]+)\/resolve\/main\/(.+)$/.exec(request.url ?? '');
      const file = match && resolve(MODELS_DIR, match[1], match[2]);
      requested.push(request.url ?? '');
      if (!file || !file.startsWith(MODELS_DIR) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200);
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((listening) => hub.listen(0, '127.0.0.1', listening));
    const { port } = hub.address() as { port: number };
    env.remoteHost = `http://127.0.0.1:${port}/`;
    // Where transformers.js keeps what it downloads in Node: a throwaway folder, not node_modules.
    env.cacheDir = cacheDir;
  });
  afterAll(async () => {
    Object.assign(env, saved);
    await new Promise((closed) => hub.close(closed));
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('loads the model from the hub when this server has no copy', async () => {
    const emptyModels = mkdtempSync(join(tmpdir(), 'ims-no-models-'));
    try {
      const embeddings = await loadTransformersEmbeddings({ modelId: MODEL_ID, localModelPath: `${emptyModels}/`, allowHub: true });
      expect(await embeddings.embedQuery('budget talks')).toHaveLength(512);
      expect(requested).toContain(`/${MODEL_ID}/resolve/main/onnx/model_quantized.onnx`);
    } finally {
      rmSync(emptyModels, { recursive: true, force: true });
    }
  });

  it('names both causes when neither this server nor the hub has the model', async () => {
    const attempt = loadTransformersEmbeddings({ modelId: 'local/no-such-model', localModelPath: `${MODELS_DIR}/`, allowHub: true });
    await expect(attempt).rejects.toBeInstanceOf(SemanticUnavailable);
    await expect(attempt).rejects.toThrow(/neither from this server \(.+\) nor from the model hub \(.+\)/);
  });
});
