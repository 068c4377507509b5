import fp from 'fastify-plugin';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { openDatabase } from '../db/open-database';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DbPluginOptions {
  /** A database opened by the caller (tests); it stays open when the app closes. */
  database?: Database;
}

/**
 * Opens the configured database, brings its schema up to date and shares it as `app.db`.
 * Migrating at boot is safe with several instances: the runner serialises them with a lock.
 */
export default fp<DbPluginOptions>(
  async (app, options) => {
    const { databaseUrl, dataDir, databasePoolSize, statementTimeoutMs } = app.config;
    const db =
      options.database ??
      (await openDatabase({ databaseUrl, dataDir, poolSize: databasePoolSize, statementTimeoutMs }));
    if (!options.database) app.addHook('onClose', () => db.close());

    const report = await migrate(db);
    if (report.applied.length > 0) app.log.info({ applied: report.applied }, 'migrations applied');
    app.decorate('db', db);
  },
  { name: 'db', dependencies: ['config'] }
);
