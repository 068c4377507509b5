import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type AppConfig } from '../../../sync-server/config';
import { createServer } from '../../../sync-server/create-server';
import type { Database } from '../../../sync-server/db/database';

export interface TestAppOptions {
  database: Database;
  env?: NodeJS.ProcessEnv;
  /** Extra routes for a test, added before the app starts. */
  routes?: (app: FastifyInstance) => void;
}

// The dev issuer keeps its signing key here; one folder per test file, never the developer's .data.
const testDataDir = mkdtempSync(join(tmpdir(), 'ims-test-data-'));

/** The real app on the given database, configured as in tests, with logging off. Close it when done. */
export async function buildTestApp(options: TestAppOptions): Promise<FastifyInstance> {
  const config: AppConfig = loadConfig({
    NODE_ENV: 'test',
    STATIC_DIR: 'no-build-in-tests',
    DATA_DIR: testDataDir,
    ...options.env
  });
  const app = await createServer({ config, database: options.database, logger: false });
  options.routes?.(app);
  await app.ready();
  return app;
}
