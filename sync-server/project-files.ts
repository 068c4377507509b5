import { fileURLToPath } from 'node:url';

// Files the server reads at run time, found from the project's root. This module sits one folder
// below the root, and so do the compiled bundles (`dist/server.js`, where esbuild folds it in), so
// one relative URL finds the same file from the TypeScript sources and from the compiled server.
const PROJECT_ROOT = new URL('../', import.meta.url);

/** The numbered SQL migrations; a production install ships this folder beside `dist/`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('migrations/', PROJECT_ROOT));

/** The project's package.json, for the version the server reports. */
export const PACKAGE_JSON = fileURLToPath(new URL('package.json', PROJECT_ROOT));

/** ONNX Runtime's wasm files for the app, copied beside the compiled server by `npm run build`. */
export const SHIPPED_ONNX_RUNTIME_DIR = fileURLToPath(new URL('dist/ort/', PROJECT_ROOT));
