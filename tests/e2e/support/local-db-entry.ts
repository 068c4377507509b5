/**
 * Runs in the page (bundled by local-db.ts): the app's own `src/lib/db`, as a second instance beside
 * the app's, the way another tab or the sync would write. Lets a test put records on a device
 * whose user cannot create them (a viewer), or many records quickly.
 */
import { closeAllSiteDatabases } from '$lib/db';
import { createInteraction } from '$lib/db/interaction-writes';

export interface TestDb {
  create(input: { siteId: string; userId: string; fields: Record<string, unknown> }): Promise<string>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    imsTestDb?: TestDb;
  }
}

window.imsTestDb = {
  create: async (input) => (await createInteraction(input)).id,
  close: closeAllSiteDatabases
};
