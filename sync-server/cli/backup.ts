import { parseArgs } from 'node:util';
import { backup } from '../backup/backup';
import { loadConfig } from '../config';

// `npm run backup -- [--output FILE]`, or `node dist/backup.js [--output FILE]` in a production
// install: backs up the database the server is configured for
// (DATABASE_URL, or embedded PGlite in DATA_DIR, which must not be running).

const USAGE = `Usage: npm run backup -- [--output FILE]
       node dist/backup.js [--output FILE]    (in a production install)

  --output FILE  where to write (default backups/ims-<postgres|pglite>-<time>.<dump|tar.gz>)

Postgres (DATABASE_URL set) is dumped with pg_dump while the servers run. The embedded PGlite
database (DATA_DIR) can be backed up only while no server has it open: stop the server first.`;

try {
  const { values } = parseArgs({
    options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } }
  });
  if (values.help) {
    console.log(USAGE);
  } else {
    const started = performance.now();
    const file = await backup(loadConfig(), { file: values.output, log: console.log });
    console.log(`Backup complete in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof TypeError && 'code' in error ? 2 : 1;
}
