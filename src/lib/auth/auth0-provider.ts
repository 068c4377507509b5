import { Auth0Client, GenericError } from '@auth0/auth0-spa-js';
import type { AuthEnvironment } from './environment';
import { SignInRequiredError } from './errors';
import type { AuthSettings, TokenProvider } from './types';

type Auth0Settings = Extract<AuthSettings, { mode: 'auth0' }>;

interface AppState {
  returnTo?: string;
}

// Auth0's answers that mean "this device has no usable session": anything else (a timeout, no
// network) is passed on as it is, so the caller treats it as offline rather than signed out.
const SIGN_IN_AGAIN = new Set([
  'login_required',
  'consent_required',
  'interaction_required',
  'missing_refresh_token',
  'invalid_grant'
]);

/**
 * Auth0 through its SPA SDK: authorization code with PKCE and rotating refresh tokens. This module is
 * imported only in auth0 mode, so dev builds never download the SDK. tests/e2e/openid-sign-in.spec.ts
 * runs it against a real OpenID provider set up as a tenant would be (docs/auth.md).
 */
export function createAuth0Provider(settings: Auth0Settings, env: AuthEnvironment): TokenProvider {
  // The constructor, unlike createAuth0Client, does not call Auth0 at once: an offline start must
  // not wait on it. The cache in localStorage is what keeps the session across offline reloads.
  const client = new Auth0Client({
    domain: settings.domain,
    clientId: settings.clientId,
    useRefreshTokens: true,
    cacheLocation: 'localstorage',
    authorizationParams: {
      audience: settings.audience,
      redirect_uri: `${env.origin()}/login/callback`
    }
  });

  return {
    async signIn({ returnTo }) {
      await client.loginWithRedirect<AppState>({ appState: { returnTo } });
      return 'redirecting';
    },
    async completeSignIn(callbackUrl) {
      const result = await client.handleRedirectCallback<AppState>(callbackUrl);
      return result.appState?.returnTo;
    },
    async getAccessToken() {
      try {
        // The SDK answers from its cache and uses the refresh token when less than 60 s remain.
        const token = await client.getTokenSilently();
        if (token) return token;
      } catch (error) {
        if (!(error instanceof GenericError && SIGN_IN_AGAIN.has(error.error))) throw error;
      }
      throw new SignInRequiredError();
    },
    async signOut({ online }) {
      if (!online) {
        // Offline: forget the tokens here; Auth0's own session ends when it expires.
        await client.logout({ openUrl: false });
        return 'done';
      }
      // `returnTo` must be listed in the Auth0 application's Allowed Logout URLs.
      await client.logout({ logoutParams: { returnTo: `${env.origin()}/login` } });
      return 'redirecting';
    }
  };
}
