import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../sync-server/config';
import { createServer } from '../../sync-server/create-server';
import { buildTestApp } from './helpers/build-app';
import { testDatabases, type DisposableDatabase } from './helpers/test-databases';

// The routes read files only, so one engine is enough.
const TRANSFORMERS_VERSION = (
  JSON.parse(readFileSync('node_modules/@huggingface/transformers/package.json', 'utf8')) as { version: string }
).version;
const ORT = `/ort/${TRANSFORMERS_VERSION}`;
const [testDatabase] = testDatabases;

describe('model configuration', () => {
  it('defaults to a models folder and the small MiniLM model', () => {
    expect(loadConfig({})).toMatchObject({ modelsDir: 'models', embeddingModel: 'Xenova/all-MiniLM-L6-v2' });
  });

  it('takes a hub-style model id', () => {
    expect(loadConfig({ EMBEDDING_MODEL: 'local/universal-sentence-encoder-lite' }).embeddingModel).toBe(
      'local/universal-sentence-encoder-lite'
    );
  });

  it.each(['all-MiniLM-L6-v2', '../etc/passwd', 'owner/..', 'a/b/c', 'owner/na me'])(
    'refuses the model id %j, naming EMBEDDING_MODEL',
    (id) => {
      const attempt = () => loadConfig({ EMBEDDING_MODEL: id });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/EMBEDDING_MODEL/);
    }
  );
});

describe('GET /models/* and /ort/<version>/*', () => {
  let handle: DisposableDatabase;
  let app: FastifyInstance;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'ims-models-'));
    const modelDir = join(workDir, 'models/owner/tiny-model');
    await mkdir(join(modelDir, 'onnx'), { recursive: true });
    await writeFile(join(modelDir, 'config.json'), '{"model_type":"bert"}');
    await writeFile(join(modelDir, 'onnx/model_quantized.onnx'), Buffer.from([1, 2, 3, 4]));
    await writeFile(join(workDir, 'secret.txt'), 'not for the web');
    await mkdir(join(workDir, 'build'));
    await writeFile(join(workDir, 'build/index.html'), '<!doctype html><title>Interactions</title>');
    handle = await testDatabase.open();
    app = await buildTestApp({
      database: handle.db,
      env: { MODELS_DIR: join(workDir, 'models'), STATIC_DIR: join(workDir, 'build') }
    });
  });
  afterAll(async () => {
    await app.close();
    await handle.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  it('serves a model file with caching headers and a validator', async () => {
    const response = await app.inject({ method: 'GET', url: '/models/owner/tiny-model/onnx/model_quantized.onnx' });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(Buffer.from([1, 2, 3, 4]));
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
    expect(response.headers.etag).toBeTruthy();
  });

  it('answers a revalidation of an unchanged file with 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/models/owner/tiny-model/config.json' });
    const again = await app.inject({
      method: 'GET',
      url: '/models/owner/tiny-model/config.json',
      headers: { 'if-none-match': String(first.headers.etag) }
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers a missing model file with 404, not the app page, even for a browser', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const response = await app.inject({
        method: 'GET',
        url: '/models/owner/other-model/config.json',
        headers: { accept }
      });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<title>Interactions</title>');
    }
  });

  it.each([
    '/models/../secret.txt',
    '/models/%2e%2e/secret.txt',
    '/models/owner/%2e%2e/%2e%2e/secret.txt',
    '/models/..%2fsecret.txt'
  ])('never serves a file outside MODELS_DIR (%s)', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).not.toBe(200);
    expect(response.body).not.toContain('not for the web');
  });

  it("serves ONNX Runtime's wasm loader and binary from this origin", async () => {
    const loader = await app.inject({ method: 'GET', url: `${ORT}/ort-wasm-simd-threaded.jsep.mjs` });
    expect(loader.statusCode).toBe(200);
    expect(loader.headers['content-type']).toMatch(/javascript/);
    const binary = await app.inject({ method: 'HEAD', url: `${ORT}/ort-wasm-simd-threaded.jsep.wasm` });
    expect(binary.statusCode).toBe(200);
    expect(binary.headers['content-type']).toBe('application/wasm');
    expect(binary.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('serves nothing else from the runtime package', async () => {
    const response = await app.inject({ method: 'GET', url: `${ORT}/transformers.node.cjs` });
    expect(response.statusCode).toBe(404);
  });

  it('serves the runtime only under the installed version, so a cached copy never outlives it', async () => {
    const response = await app.inject({ method: 'GET', url: '/ort/0.0.1/ort-wasm-simd-threaded.jsep.mjs' });
    expect(response.statusCode).toBe(404);
  });
});

describe('without a models folder', () => {
  it('starts, and answers model requests with 404 so the app can use the hub', async () => {
    const handle = await testDatabase.open();
    const app = await buildTestApp({ database: handle.db, env: { MODELS_DIR: join(tmpdir(), 'ims-no-such-models') } });
    try {
      const response = await app.inject({ method: 'GET', url: '/models/Xenova/all-MiniLM-L6-v2/config.json' });
      expect(response.statusCode).toBe(404);
    } finally {
      await app.close();
      await handle.dispose();
    }
  });
});

describe('the start-up warning about a missing model', () => {
  let handle: DisposableDatabase;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'ims-model-warning-'));
    await mkdir(join(workDir, 'models/owner/tiny-model'), { recursive: true });
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  /** Starts the app with these settings and returns the warnings it logged while starting. */
  async function startupWarnings(env: NodeJS.ProcessEnv): Promise<Record<string, unknown>[]> {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      }
    });
    const config = loadConfig({ NODE_ENV: 'test', STATIC_DIR: join(workDir, 'no-build'), DATA_DIR: workDir, ...env });
    const app = await createServer({ config, database: handle.db, logger: { level: 'warn', stream } });
    await app.ready();
    await app.close();
    // pino's level 40 is warn.
    return lines.filter((line) => line.level === 40 && !String(line.msg).includes('no built app'));
  }

  it('names MODELS_DIR, the model and the README section when the folder is missing', async () => {
    const modelsDir = join(workDir, 'no-models-here');
    const warnings = await startupWarnings({ MODELS_DIR: modelsDir, EMBEDDING_MODEL: 'Xenova/all-MiniLM-L6-v2' });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ modelsDir, embeddingModel: 'Xenova/all-MiniLM-L6-v2' });
    expect(warnings[0].msg).toContain(modelsDir);
    expect(warnings[0].msg).toContain('Xenova/all-MiniLM-L6-v2');
    expect(warnings[0].msg).toContain('"Embedding models (semantic search)"');
  });

  it('warns once when the folder exists but holds another model', async () => {
    const warnings = await startupWarnings({ MODELS_DIR: join(workDir, 'models'), EMBEDDING_MODEL: 'owner/other-model' });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ modelsDir: join(workDir, 'models'), embeddingModel: 'owner/other-model' });
  });

  it('says nothing when the model is there', async () => {
    const warnings = await startupWarnings({ MODELS_DIR: join(workDir, 'models'), EMBEDDING_MODEL: 'owner/tiny-model' });

    expect(warnings).toEqual([]);
  });
});
