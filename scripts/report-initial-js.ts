import { INITIAL_JS_BUDGET_KB, measureFirstPaintJs } from './initial-js';

/** Prints the JavaScript the Finder's first paint downloads, gzipped, and fails over the budget. */
const { files, gzipBytes } = measureFirstPaintJs();
const kb = gzipBytes / 1024;
const within = kb <= INITIAL_JS_BUDGET_KB;
console.log(
  `initial JavaScript: ${kb.toFixed(1)} KB gzipped in ${files.length} files (budget ${INITIAL_JS_BUDGET_KB} KB: ${within ? 'within' : 'OVER'})`
);
// A budget that only prints is soon passed unseen: the build (and so every test run) fails instead.
if (!within) {
  console.error(
    `The Finder's first visit downloads ${kb.toFixed(1)} KB of JavaScript, over its ${INITIAL_JS_BUDGET_KB} KB budget. ` +
      'Load what the first paint does not need on demand (a dynamic import), as the sync code and Yjs are.'
  );
  process.exitCode = 1;
}
