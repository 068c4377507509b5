import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { Embeddings } from '@langchain/core/embeddings';
import { SemanticUnavailable } from './semantic-unavailable';

/** Where a model may come from. Works in a browser worker and in Node alike (no DOM). */
export interface ModelSource {
  /** A hub-style id, `owner/name`. */
  modelId: string;
  /** The folder (Node) or URL path (browser) holding `<owner>/<name>/…`; our server's `/models/`. */
  localModelPath: string;
  /** Whether to try the public model hub when the local copy is missing or unreachable. */
  allowHub: boolean;
  /**
   * Where ONNX Runtime's wasm files are (browser only), before the library's version: our server's
   * `/ort/`. Without it the runtime comes from a public CDN, which fails offline.
   */
  runtimePath?: string;
}

// `pipeline`'s own overloads are too large for TypeScript to resolve; this is the one we use.
type LoadExtractor = (task: 'feature-extraction', model: string, options: { dtype: 'q8' }) => Promise<FeatureExtractionPipeline>;
const loadExtractor = pipeline as unknown as LoadExtractor;

/**
 * LangChain's `Embeddings` over a transformers.js feature-extraction pipeline: the same contract as
 * `HuggingFaceTransformersEmbeddings` from @langchain/community, mirrored so the pipeline can be
 * asked for the int8 weights (its options type has no `dtype`) and loaded before first use.
 */
export class TransformersEmbeddings extends Embeddings {
  readonly #extract: FeatureExtractionPipeline;

  private constructor(extract: FeatureExtractionPipeline) {
    // maxRetries 0: a model that fails to run fails for good; retrying only delays the message.
    super({ maxRetries: 0 });
    this.#extract = extract;
  }

  static async load(modelId: string): Promise<TransformersEmbeddings> {
    // Only the int8 weights: a quarter of the download, and the one file the test model ships.
    return new TransformersEmbeddings(await loadExtractor('feature-extraction', modelId, { dtype: 'q8' }));
  }

  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.caller.call(() => this.#run(texts));
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.caller.call(() => this.#run([text])))[0];
  }

  async #run(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    // Mean pooling and unit length: cosine similarity is then a dot product.
    const output = await this.#extract(texts.map(oneLine), { pooling: 'mean', normalize: true });
    return output.tolist() as number[][];
  }
}

// As LangChain's version does: a line break carries no meaning for a sentence encoder.
function oneLine(text: string): string {
  return text.replace(/\n/g, ' ');
}

/**
 * A LangChain `Embeddings` backed by transformers.js, loaded and tried once so a model that cannot
 * load is known before anything is queued. This server's copy is tried first, then the hub; when
 * neither works it rejects with `SemanticUnavailable` naming both causes.
 */
export async function loadTransformersEmbeddings(source: ModelSource): Promise<Embeddings> {
  // The server publishes the runtime of the library version it was installed with, the one bundled here.
  if (source.runtimePath && env.backends.onnx.wasm) env.backends.onnx.wasm.wasmPaths = `${source.runtimePath}${env.version}/`;
  let localFailure: string;
  try {
    useSource({ local: source.localModelPath });
    return await warmedUp(source.modelId);
  } catch (error) {
    localFailure = reason(error);
  }
  if (!source.allowHub) {
    throw new SemanticUnavailable(`The embedding model ${source.modelId} could not be loaded: ${localFailure}`);
  }
  try {
    useSource({ hub: true });
    return await warmedUp(source.modelId);
  } catch (error) {
    throw new SemanticUnavailable(
      `The embedding model ${source.modelId} could not be loaded, neither from this server (${localFailure}) nor from the model hub (${reason(error)}).`
    );
  }
}

function useSource(where: { local: string } | { hub: true }): void {
  const local = 'local' in where;
  env.allowLocalModels = local;
  env.allowRemoteModels = !local;
  if (local) env.localModelPath = where.local;
  // Our own files are cached by the service worker; only the hub's need transformers.js's cache
  // (the browser's Cache API), or they would be fetched again on every start and never offline.
  env.useBrowserCache = !local && typeof caches !== 'undefined';
}

async function warmedUp(modelId: string): Promise<Embeddings> {
  const embeddings = await TransformersEmbeddings.load(modelId);
  // One run proves the weights and the runtime work, before any record is queued.
  await embeddings.embedQuery('warm up');
  return embeddings;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
