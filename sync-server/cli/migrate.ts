import { loadConfig } from '../config';
import { migrate } from '../db/migrations';
import { openDatabase } from '../db/open-database';

// `npm run db:migrate`: applies pending migrations to the configured database and exits.
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const report = await migrate(db);
  const applied = report.applied.length > 0 ? report.applied.join(', ') : 'none';
  console.log(`${db.kind}: applied ${applied}; ${report.alreadyApplied} already applied.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
