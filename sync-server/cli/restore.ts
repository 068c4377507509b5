import { parseArgs } from 'node:util';
import { restore } from '../backup/backup';
import { loadConfig } from '../config';

// `npm run restore -- FILE [--force]`, or `node dist/restore.js FILE [--force]` in a production
// install: restores a backup made by `npm run backup` into the database
// the server is configured for.

const USAGE = `Usage: npm run restore -- FILE [--force]
       node dist/restore.js FILE [--force]    (in a production install)

  FILE     a backup from npm run backup: a .dump (Postgres, DATABASE_URL set) or a .tar.gz
           (embedded PGlite in DATA_DIR, with the server stopped)
  --force  replace a database that is not empty (PGlite keeps the old folder beside, renamed)

The file is checked whole before the database is touched; a damaged one changes nothing.`;

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }
  });
  if (values.help) {
    console.log(USAGE);
  } else if (positionals.length !== 1) {
    console.error(`Name one backup file to restore.\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    const started = performance.now();
    await restore(loadConfig(), { file: positionals[0], force: values.force, log: console.log });
    console.log(`Restore complete in ${((performance.now() - started) / 1000).toFixed(1)} s. Start the server to apply any newer migrations.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof TypeError && 'code' in error ? 2 : 1;
}
