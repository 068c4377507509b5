import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SERVICE_PLUGINS } from '../../sync-server/app';

const SERVICES_DIR = join(import.meta.dirname, '../../sync-server/services');

// The boot registers services from a list; a service plugin added to the folder but not to the list
// would never load, and one listed out of order would hide which service needs which.
test('every service plugin of services/ is registered, in the folder’s order', async () => {
  const files = (await readdir(SERVICES_DIR)).filter((name) => name.endsWith('.ts')).sort();
  const plugins: unknown[] = [];
  for (const file of files) {
    const source = await readFile(join(SERVICES_DIR, file), 'utf8');
    if (!/^export default /m.test(source)) continue;
    plugins.push((await import(join(SERVICES_DIR, file))).default);
  }
  expect(plugins.length).toBeGreaterThan(0);
  expect(SERVICE_PLUGINS).toEqual(plugins);
});
