import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { SHIPPED_ONNX_RUNTIME_DIR } from '../project-files';

/** Where the app fetches embedding models (`/models/<owner>/<name>/…`), as transformers.js expects. */
export const MODELS_PREFIX = '/models/';
/**
 * Where the app fetches ONNX Runtime's wasm build, which would otherwise come from a public CDN:
 * `/ort/<transformers.js version>/…`. The version in the path keeps a device's cached runtime in
 * step with the library the app was built with, since the service worker never revalidates it.
 */
export const ORT_PREFIX = '/ort/';
// Only what the browser build of transformers.js loads; the rest of its dist folder is not ours to publish.
export const ORT_FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'];
// Where a newcomer learns how to install a model; named in the start-up warning.
const MODELS_README_SECTION = 'Embedding models (semantic search)';
// A day, then a cheap revalidation (ETag): models are large and rarely replaced, yet an operator
// who swaps a model's files in place still reaches every device within that day.
const MODEL_CACHE_CONTROL = 'public, max-age=86400';

/**
 * Serves the sentence-embedding model files from MODELS_DIR and ONNX Runtime's wasm (see
 * `onnxRuntimeFiles`), so semantic search needs no other origin. @fastify/static refuses paths that
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

    const runtime = onnxRuntimeFiles();
    await app.register(fastifyStatic, {
      root: runtime.dir,
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

/**
 * Where ONNX Runtime's wasm files are, and the transformers.js version they belong to. From the
 * installed package when there is one (development, tests); otherwise from the copy
 * `npm run build` puts beside the compiled server (`dist/ort/<version>/`), since transformers.js
 * is a development dependency: Vite bundles it into the app, and a production install leaves out
 * the package and its native runtimes (about 350 MB) for the sake of these two files.
 */
export function onnxRuntimeFiles(): { dir: string; version: string } {
  const installed = installedTransformers();
  if (installed) return installed;
  const versions = existsSync(SHIPPED_ONNX_RUNTIME_DIR) ? readdirSync(SHIPPED_ONNX_RUNTIME_DIR) : [];
  if (versions.length !== 1) {
    throw new Error(
      `ONNX Runtime's wasm files are missing: neither @huggingface/transformers is installed nor does ${SHIPPED_ONNX_RUNTIME_DIR} hold one version of them (npm run build puts them there).`
    );
  }
  return { dir: join(SHIPPED_ONNX_RUNTIME_DIR, versions[0]), version: versions[0] };
}

function installedTransformers(): { dir: string; version: string } | undefined {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('@huggingface/transformers');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  // The package's Node entry sits in dist/, beside the wasm files the browser build asks for.
  const dir = dirname(entry);
  const { version } = JSON.parse(readFileSync(resolve(dir, '../package.json'), 'utf8')) as { version: string };
  return { dir, version };
}
