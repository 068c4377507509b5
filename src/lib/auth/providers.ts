import { createDevProvider } from './dev-provider';
import type { AuthEnvironment } from './environment';
import type { AuthSettings, TokenProvider } from './types';

/** The token provider for the server's mode. */
export async function providerFor(settings: AuthSettings, env: AuthEnvironment): Promise<TokenProvider> {
  if (settings.mode === 'dev') return createDevProvider(env);
  // A separate chunk, fetched only in auth0 mode: dev builds never download the Auth0 SDK.
  const { createAuth0Provider } = await import('./auth0-provider');
  return createAuth0Provider(settings, env);
}
