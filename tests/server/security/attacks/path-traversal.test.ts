import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/build-app';
import { testDatabases, type DisposableDatabase } from '../../helpers/test-databases';
import { listen } from '../../sync/event-stream-client';
import { getExact, statusOfRawRequestLine, type ExactAnswer } from './exact-request';

// Only files are read here, so one engine is enough.
const [testDatabase] = testDatabases;
const SECRET = 'Quillwort: a file outside every served folder';
const PASSWD_LINE = 'root:x:0:';

const runtimeDir = dirname(createRequire(import.meta.url).resolve('@huggingface/transformers'));
const runtimeVersion = (JSON.parse(readFileSync(join(runtimeDir, '../package.json'), 'utf8')) as { version: string }).version;
const RUNTIME_FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'];

/**
 * A folder the server publishes: its URL prefix, every file it may answer with, and files beside
 * the folder (relative to its parent) that a climb out of it would reach.
 */
interface ServedFolder {
  name: string;
  prefix: string;
  /** One of its files, as a path under the prefix. */
  sample: string;
  served: Buffer[];
  outside: string[];
}

/** Ways to write "one folder up", as traversal attacks spell it. */
const ESCAPES: Record<string, string[]> = {
  'dot-dot segments': ['../', 'x/../../', './../'],
  'percent-encoded dots': ['%2e%2e/', '.%2e/', '%2E%2E/'],
  'encoded slashes': ['..%2f', '%2e%2e%2f', '..%2F'],
  'double encoding': ['%252e%252e%252f', '..%252f', '%252e%252e/'],
  backslashes: ['..\\', '..%5c', '%2e%2e%5c', '..%255c'],
  'overlong UTF-8 and other dot forms': ['%c0%ae%c0%ae/', '%c0%2e%c0%2e/', '..;/', '....//', '%u002e%u002e/']
};

describe('path traversal on /models/, /ort/ and the built app', () => {
  let workDir: string;
  let handle: DisposableDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  const folders: ServedFolder[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'ims-traversal-'));
    const files: Record<string, string | Buffer> = {
      'models/owner/tiny-model/config.json': '{"model_type":"bert"}',
      'models/owner/tiny-model/onnx/model_quantized.onnx': Buffer.from([1, 2, 3, 4]),
      'build/index.html': '<!doctype html><title>Interactions</title>',
      'build/_app/immutable/start.abc123.js': 'export {};',
      // Beside each folder, and in siblings whose names begin with the folder's: a check that only
      // compares prefixes ("/work/models-private" starts with "/work/models") would let these out.
      'secret.txt': SECRET,
      'models-private/secret.txt': SECRET,
      'build-private/secret.txt': SECRET
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(workDir, path)), { recursive: true });
      await writeFile(join(workDir, path), content);
    }
    const read = (paths: string[]) => Promise.all(paths.map((path) => readFile(path)));
    folders.push(
      {
        name: 'MODELS_DIR',
        prefix: '/models/',
        sample: 'owner/tiny-model/config.json',
        served: await read(
          ['models/owner/tiny-model/config.json', 'models/owner/tiny-model/onnx/model_quantized.onnx'].map((path) => join(workDir, path))
        ),
        outside: ['secret.txt', 'models-private/secret.txt']
      },
      {
        name: 'the ONNX Runtime files',
        prefix: `/ort/${runtimeVersion}/`,
        sample: RUNTIME_FILES[0],
        served: await read(RUNTIME_FILES.map((file) => join(runtimeDir, file))),
        // The package beside the two files: its manifest, and the library's own builds.
        outside: ['package.json', 'dist/transformers.node.cjs']
      },
      {
        name: 'STATIC_DIR',
        prefix: '/',
        sample: '_app/immutable/start.abc123.js',
        served: await read(['build/index.html', 'build/_app/immutable/start.abc123.js'].map((path) => join(workDir, path))),
        outside: ['secret.txt', 'build-private/secret.txt']
      }
    );
    handle = await testDatabase.open();
    const env = { MODELS_DIR: join(workDir, 'models'), STATIC_DIR: join(workDir, 'build') };
    app = await buildTestApp({ database: handle.db, env });
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  /** Never a 5xx, never a file but the folder's own, never the secret or the password file. */
  function expectNothingOutside(folder: ServedFolder, path: string, answer: ExactAnswer): void {
    expect(answer.status, `${path} -> ${answer.status}`).toBeLessThan(500);
    if (answer.status >= 200 && answer.status < 300) {
      expect(folder.served.some((file) => file.equals(answer.body)), `${path} answered a file that is not served`).toBe(true);
    }
    const text = answer.body.toString('latin1');
    expect(text, path).not.toContain(SECRET);
    expect(text, path).not.toContain(PASSWD_LINE);
  }

  async function attack(folder: ServedFolder, paths: string[]): Promise<void> {
    for (const path of paths) expectNothingOutside(folder, path, await getExact(baseUrl, path));
  }

  describe.each(['MODELS_DIR', 'the ONNX Runtime files', 'STATIC_DIR'])('out of %s', (folderName) => {
    const folder = () => folders.find((candidate) => candidate.name === folderName)!;

    it('serves its own files (the control)', async () => {
      const { prefix, sample, served } = folder();
      const answer = await getExact(baseUrl, `${prefix}${sample}`);
      expect(answer.status).toBe(200);
      expect(served.some((file) => file.equals(answer.body))).toBe(true);
    });

    it.each(Object.keys(ESCAPES))('with %s', async (kind) => {
      const { prefix, outside } = folder();
      const paths = ESCAPES[kind].flatMap((up) => [
        ...outside.map((file) => `${prefix}${up}${file}`),
        `${prefix}${up.repeat(12)}etc/passwd`
      ]);
      await attack(folder(), paths);
    });

    it('with absolute paths', async () => {
      const { prefix } = folder();
      const secret = join(workDir, 'secret.txt');
      await attack(folder(), [
        `${prefix}${secret}`,
        `${prefix}/${secret}`,
        `${prefix}${encodeURIComponent(secret)}`,
        `${prefix}/etc/passwd`,
        `${prefix}%2fetc%2fpasswd`,
        `${prefix}file:///etc/passwd`,
        `${prefix}C:%5cWindows%5cwin.ini`
      ]);
    });

    it('with NUL bytes, percent-encoded', async () => {
      const { prefix, outside } = folder();
      await attack(folder(), [
        `${prefix}../${outside[0]}%00`,
        `${prefix}..%00/${outside[0]}`,
        `${prefix}%00../${outside[0]}`,
        `${prefix}index.html%00.js`,
        `${prefix}%00`
      ]);
    });

    it('with a raw NUL byte in the request line: refused with 400', async () => {
      const { prefix, outside } = folder();
      const target = Buffer.concat([Buffer.from(`${prefix}../`), Buffer.from([0]), Buffer.from(outside[0])]);
      expect(await statusOfRawRequestLine(baseUrl, target)).toBe(400);
    });
  });
});
