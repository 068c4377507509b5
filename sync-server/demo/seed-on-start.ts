import type { FastifyInstance } from 'fastify';
import { hasAnyData, seedDemoData } from './seed-demo-data';

/** Gives a fresh embedded database its demo sites, users and interactions; leaves any other alone. */
export async function seedDemoDataIfEmpty(app: FastifyInstance): Promise<void> {
  if (await hasAnyData(app.db)) return;
  const started = performance.now();
  const counts = await seedDemoData(app.db, { interactions: app.config.demoInteractions });
  app.log.info({ ...counts, ms: Math.round(performance.now() - started) }, 'demo data seeded');
}
