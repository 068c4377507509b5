/**
 * `npm start`: builds the app only when its sources changed since the last build, then runs the
 * server in this process (so Ctrl-C and SIGTERM reach it directly). `npm start -- --rebuild`
 * builds whatever the fingerprint says.
 */
import { BUILD_DIR, buildApp, currentFingerprint } from './build-app';
import { buildIsCurrent } from './build-fingerprint';

if (process.argv.includes('--rebuild')) {
  console.log('Rebuilding the app, as asked…');
  buildApp();
} else if (buildIsCurrent(BUILD_DIR, currentFingerprint())) {
  console.log('App build is current, starting.');
} else {
  console.log('Sources changed since the last build, building…');
  buildApp();
}

await import('../sync-server/server');
