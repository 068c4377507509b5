import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { packagesOutsideDependencies } from '../../../scripts/build-server';

/** A compiled program's metafile entry that imports these specifiers from outside the bundle. */
function outputs(...specifiers: string[]): Pick<Metafile, 'outputs'> {
  return {
    outputs: {
      'dist/server.js': {
        bytes: 1,
        inputs: {},
        exports: [],
        imports: specifiers.map((path) => ({ path, kind: 'import-statement' as const, external: true }))
      }
    }
  };
}

describe('packagesOutsideDependencies', () => {
  it('names a package the server imports that a production install lacks', () => {
    expect(packagesOutsideDependencies(outputs('fastify', 'vitest'), ['fastify'])).toEqual(['vitest']);
  });

  it('reads scoped packages and subpaths as their package', () => {
    expect(packagesOutsideDependencies(outputs('@sinclair/typebox/value', 'lib0/decoding'), ['@sinclair/typebox', 'lib0'])).toEqual([]);
    expect(packagesOutsideDependencies(outputs('@fastify/cors/extra'), ['@fastify/static'])).toEqual(['@fastify/cors']);
  });

  it('accepts Node’s own modules and the optional development-only import', () => {
    expect(packagesOutsideDependencies(outputs('node:fs', 'pino-pretty'), [])).toEqual([]);
  });
});
