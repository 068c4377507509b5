import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInRequiredError } from '$lib/auth/errors';
import type { AuthEnvironment } from '$lib/auth/environment';

// The SDK needs a browser and a tenant; these tests check only how the provider drives it.
const sdk = vi.hoisted(() => {
  class GenericError extends Error {
    constructor(
      readonly error: string,
      readonly error_description: string
    ) {
      super(error_description);
    }
  }
  const instance = {
    loginWithRedirect: vi.fn(async () => undefined),
    handleRedirectCallback: vi.fn(async () => ({ appState: { returnTo: '/settings' } })),
    getTokenSilently: vi.fn(async (): Promise<string | undefined> => 'auth0-token'),
    logout: vi.fn(async () => undefined)
  };
  const Auth0Client = vi.fn(function (this: unknown) {
    return instance;
  });
  return { GenericError, Auth0Client, instance };
});
vi.mock('@auth0/auth0-spa-js', () => ({ Auth0Client: sdk.Auth0Client, GenericError: sdk.GenericError }));

const { createAuth0Provider } = await import('$lib/auth/auth0-provider');

const settings = { mode: 'auth0', domain: 'example.eu.auth0.com', clientId: 'abc', audience: 'urn:test:api' } as const;
const env = { origin: () => 'https://ims.example.org' } as AuthEnvironment;

describe('Auth0 provider', () => {
  beforeEach(() => vi.clearAllMocks());

  it('configures code + PKCE with refresh tokens kept in localStorage and the callback route', () => {
    createAuth0Provider(settings, env);
    expect(sdk.Auth0Client).toHaveBeenCalledWith({
      domain: 'example.eu.auth0.com',
      clientId: 'abc',
      useRefreshTokens: true,
      cacheLocation: 'localstorage',
      authorizationParams: { audience: 'urn:test:api', redirect_uri: 'https://ims.example.org/login/callback' }
    });
  });

  it('carries returnTo through the redirect', async () => {
    const provider = createAuth0Provider(settings, env);
    await expect(provider.signIn({ returnTo: '/settings' })).resolves.toBe('redirecting');
    expect(sdk.instance.loginWithRedirect).toHaveBeenCalledWith({ appState: { returnTo: '/settings' } });
    await expect(provider.completeSignIn('https://ims.example.org/login/callback?code=1&state=2')).resolves.toBe('/settings');
  });

  it('turns "no session" answers into SignInRequiredError and passes network failures on', async () => {
    const provider = createAuth0Provider(settings, env);
    sdk.instance.getTokenSilently.mockRejectedValueOnce(new sdk.GenericError('missing_refresh_token', 'Missing Refresh Token'));
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(SignInRequiredError);

    sdk.instance.getTokenSilently.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(TypeError);
  });

  it('only forgets local tokens when signing out offline', async () => {
    const provider = createAuth0Provider(settings, env);
    await expect(provider.signOut({ online: false })).resolves.toBe('done');
    expect(sdk.instance.logout).toHaveBeenCalledWith({ openUrl: false });

    await expect(provider.signOut({ online: true })).resolves.toBe('redirecting');
    expect(sdk.instance.logout).toHaveBeenLastCalledWith({ logoutParams: { returnTo: 'https://ims.example.org/login' } });
  });
});
