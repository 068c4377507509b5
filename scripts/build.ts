// `npm run build`: always builds, whatever the fingerprint says (the way to force a clean build):
// the app into build/, then the server into dist/.
import { buildApp } from './build-app';
import { buildServer } from './build-server';

buildApp();
await buildServer();
