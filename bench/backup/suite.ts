import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { backup, restore, type BackupTarget } from '../../sync-server/backup/backup';
import { provisionDatabase, type BenchDatabase } from '../lib/bench-database';
import { seedDatabase } from '../lib/seed';
import type { BenchSuite, SuiteContext } from '../lib/suite';

interface EngineFigures {
  engine: string;
  interactions: number;
  backupSeconds: number;
  restoreSeconds: number;
  fileBytes: number;
}

/**
 * `npm run backup` and `npm run restore` on BENCH_INTERACTIONS (100,000) seeded interactions, for
 * Postgres (pg_dump custom format / pg_restore in one transaction, into a fresh database) and
 * embedded PGlite (its gzipped data folder, restored into a fresh folder). The restore times
 * include checking the whole file first, as the command always does.
 */
export const backupSuite: BenchSuite = {
  name: 'backup',
  summary: 'backup and restore time and size at BENCH_INTERACTIONS, on Postgres and PGlite',
  async run(context) {
    const facts: [string, string][] = [];
    const figures: EngineFigures[] = [];

    const source = await provisionDatabase({ settings: { ...context.settings, databaseUrl: undefined }, dataDir: join(context.workDir, 'postgres-unused'), cleanup: context.cleanup });
    if (source.kind === 'postgres') {
      const target = await provisionDatabase({ settings: { ...context.settings, databaseUrl: undefined }, dataDir: join(context.workDir, 'postgres-unused'), cleanup: context.cleanup });
      figures.push(await measure(context, { engine: 'Postgres', source, target: target.settings, file: join(context.workDir, 'postgres.dump') }));
    } else {
      facts.push(['Postgres', `not measured: ${source.description}`]);
    }

    const pglite: BenchDatabase = { kind: 'pglite', description: 'PGlite', settings: { dataDir: join(context.workDir, 'pglite-source') } };
    figures.push(
      await measure(context, { engine: 'PGlite', source: pglite, target: { dataDir: join(context.workDir, 'pglite-target') }, file: join(context.workDir, 'pglite.tar.gz') })
    );

    return {
      facts,
      table: {
        columns: [
          { header: 'database' },
          { header: 'interactions', align: 'right' },
          { header: 'backup s', align: 'right' },
          { header: 'restore s', align: 'right' },
          { header: 'file MB', align: 'right' }
        ],
        rows: figures.map((row) => [
          row.engine,
          row.interactions.toLocaleString('en'),
          row.backupSeconds.toFixed(1),
          row.restoreSeconds.toFixed(1),
          (row.fileBytes / 1_000_000).toFixed(1)
        ])
      },
      raw: figures
    };
  }
};

async function measure(
  context: SuiteContext,
  run: { engine: string; source: BenchDatabase; target: BackupTarget; file: string }
): Promise<EngineFigures> {
  const seeded = await seedDatabase({ database: run.source, interactions: context.settings.interactions, log: context.log });
  const quiet = () => {};
  const source: BackupTarget = { databaseUrl: run.source.settings.databaseUrl, dataDir: run.source.settings.dataDir };

  let started = performance.now();
  await backup(source, { file: run.file, log: quiet });
  const backupSeconds = (performance.now() - started) / 1000;
  context.log(`${run.engine}: backup of ${seeded.interactions.toLocaleString('en')} interactions in ${backupSeconds.toFixed(1)} s`);

  started = performance.now();
  await restore(run.target, { file: run.file, force: false, log: quiet });
  const restoreSeconds = (performance.now() - started) / 1000;
  context.log(`${run.engine}: restore in ${restoreSeconds.toFixed(1)} s`);

  return { engine: run.engine, interactions: seeded.interactions, backupSeconds, restoreSeconds, fileBytes: (await stat(run.file)).size };
}
