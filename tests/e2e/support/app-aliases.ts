import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The app's `$lib` and `$domain` import aliases (svelte.config.js) for an esbuild bundle, so app
 * modules such as `src/lib/db` can run in a page on their own, without Vite or SvelteKit. Used by
 * the end-to-end tests' local-database helper and by the browser benchmark.
 */
export const appAliases: Plugin = {
  name: 'app-aliases',
  setup(builder) {
    builder.onResolve({ filter: /^\$(lib|domain)(\/|$)/ }, (args) =>
      builder.resolve(
        args.path.replace(/^\$lib/, join(ROOT, 'src/lib')).replace(/^\$domain/, join(ROOT, 'src/lib/domain')),
        { kind: args.kind, resolveDir: args.resolveDir }
      )
    );
    // An RxDB plugin loaded on demand (the schema migration) is left out of the bundle: bundling it
    // for a later start makes esbuild defer RxDB's modules, which import each other in a cycle, and
    // run them out of order. These pages open only fresh databases, which never load it.
    builder.onResolve({ filter: /^rxdb\/plugins\// }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined
    );
  }
};
