import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/** Where the app fetches embedding models (`/models/<owner>/<name>/…`), as transformers.js expects. */
export const MODELS_PREFIX = '/models/';
/**
 * Where the app fetches ONNX Runtime's wasm build, which would otherwise come from a public CDN:
 * `/ort/<transformers.js version>/…`. The version in the path keeps a device's cached runtime in
 * step with the library the app was built with, since the service worker never revalidates it.
 */
export const ORT_PREFIX = '/ort/';
// Only what the browser build of transformers.js loads; the rest of its dist folder is not ours to publish.
const ORT_FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'];
// Where a newcomer learns how to install a model; named in the start-up warning.
const MODELS_README_SECTION = 'Embedding models (semantic search)';
// A day, then a cheap revalidation (ETag): models are large and rarely replaced, yet an operator
// who swaps a model's files in place still reaches every device within that day.
const MODEL_CACHE_CONTROL = 'public, max-age=86400';

/**
 * Serves the sentence-embedding model files from MODELS_DIR and ONNX Runtime's wasm from the
 * installed package, so semantic search needs no other origin. @fastify/static refuses paths that
 * climb out of its root, and a missing file answers 404 so the app can fall back to the model hub.
 */
export default fp(
  async (app) => {
    const modelsRoot = resolve(app.config.modelsDir);
    const { embeddingModel } = app.config;
    // One line, whether the folder or only the model is missing: the fix is the same.
    if (!existsSync(join(modelsRoot, embeddingModel))) {
      app.log.warn(
        { modelsDir: modelsRoot, embeddingModel },
        `MODELS_DIR (${modelsRoot}) has no EMBEDDING_MODEL ${embeddingModel}: each device will fetch it from the public ` +
          `model hub, and semantic search is unavailable where that is blocked. To install it, see the README, "${MODELS_README_SECTION}".`
      );
    }
    if (existsSync(modelsRoot)) {
      await app.register(fastifyStatic, {
        root: modelsRoot,
        prefix: MODELS_PREFIX,
        decorateReply: false,
        wildcard: true,
        index: false,
        cacheControl: false,
        setHeaders: (res) => res.setHeader('Cache-Control', MODEL_CACHE_CONTROL)
      });
    }

    const runtime = transformersPackage();
    await app.register(fastifyStatic, {
      root: runtime.distDir,
      prefix: `${ORT_PREFIX}${runtime.version}/`,
      decorateReply: false,
      wildcard: true,
      allowedPath: (pathName) => ORT_FILES.includes(pathName.replace(/^\//, '')),
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', MODEL_CACHE_CONTROL)
    });
  },
  { name: 'model-files', dependencies: ['config'] }
);

function transformersPackage(): { distDir: string; version: string } {
  const require = createRequire(import.meta.url);
  // The package's Node entry sits in dist/, beside the wasm files the browser build asks for.
  const distDir = dirname(require.resolve('@huggingface/transformers'));
  const { version } = JSON.parse(readFileSync(resolve(distDir, '../package.json'), 'utf8')) as { version: string };
  return { distDir, version };
}
