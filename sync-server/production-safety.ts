import type { AppConfig } from './config';

/** Addresses that only this machine can reach. */
const LOOPBACK_HOST = /^((::ffff:)?127(\.\d{1,3}){3}|::1|localhost)$/i;

/**
 * What `NODE_ENV=production` refuses: settings that are right on a developer's machine and wrong,
 * or dangerous, on a server others depend on. Each problem names the variable to change.
 * (A missing AUTH0_AUDIENCE is refused in every mode by the auth settings themselves.)
 */
export function unsafeProductionSettings(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.auth.mode === 'dev') {
    problems.push(
      'AUTH_MODE: the dev issuer signs tokens for anyone and cannot run with NODE_ENV=production; set AUTH0_DOMAIN and AUTH0_AUDIENCE (or AUTH_ISSUER, AUTH_JWKS_URL and AUTH0_AUDIENCE).'
    );
  }
  if (config.corsOrigins.includes('*')) {
    problems.push('CORS_ORIGINS: "*" lets any web page call the API; list the origins that may, or leave it empty.');
  }
  if (config.demoData) {
    problems.push('DEMO_DATA: demo users and records do not belong in a production database; unset it.');
  }
  if (LOOPBACK_HOST.test(config.host) && !config.allowLoopbackHost) {
    problems.push(
      `HOST: ${config.host} is a loopback address, so the process would serve only this machine. ` +
        'Set HOST=0.0.0.0 to serve others, or ALLOW_LOOPBACK_HOST=true when a reverse proxy on this machine is its only client.'
    );
  }
  return problems;
}
