// `npm run build`: always builds, whatever the fingerprint says (the way to force a clean build).
import { buildApp } from './build-app';

buildApp();
