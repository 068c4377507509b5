import type { AuthEnvironment } from './environment';
import { requestJson } from './request';
import { isRecord, storedValue } from './stored-value';
import type { AuthSettings } from './types';

interface ClientConfig {
  auth: AuthSettings;
}

/**
 * The server's auth settings. A copy kept from an earlier start wins, so an offline start never
 * waits on the network; the server is asked in the background and its answer serves the next start.
 * Undefined only on a first start without a connection.
 */
export async function loadAuthSettings(env: AuthEnvironment): Promise<AuthSettings | undefined> {
  const cache = storedValue(env.storage, 'config', isClientConfig);
  const fresh = requestJson<ClientConfig>(env, '/api/config').then(
    (config) => {
      cache.write(config);
      return config;
    },
    () => undefined
  );
  return (cache.read() ?? (await fresh))?.auth;
}

function isClientConfig(value: unknown): value is ClientConfig {
  if (!isRecord(value) || !isRecord(value.auth)) return false;
  const { mode, domain, clientId, audience } = value.auth;
  return (
    mode === 'dev' ||
    (mode === 'auth0' && [domain, clientId, audience].every((field) => typeof field === 'string'))
  );
}
