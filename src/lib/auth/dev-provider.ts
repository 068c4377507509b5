import type { AuthEnvironment } from './environment';
import { AuthRequestError, SignInRequiredError } from './errors';
import { requestJson } from './request';
import { isRecord, storedValue } from './stored-value';
import type { TokenProvider } from './types';

// Asked for again this long before it expires, so a request that leaves now still arrives valid.
export const DEV_REFRESH_MARGIN_MS = 60_000;

interface DevToken {
  email: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

interface DevTokenResponse {
  access_token: string;
  expires_in: number;
}

/**
 * Tokens from the sync server's dev issuer (development and tests only). The token is kept on the
 * device with its expiry, so sync can resume after a reload; an expired one is never handed out.
 */
export function createDevProvider(env: AuthEnvironment): TokenProvider {
  const stored = storedValue(env.storage, 'dev-token', isDevToken);
  let pending: Promise<string> | undefined;

  async function requestToken(email: string): Promise<string> {
    const body = await requestJson<DevTokenResponse>(env, '/api/auth/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email })
    });
    stored.write({ email, accessToken: body.access_token, expiresAt: env.now() + body.expires_in * 1000 });
    return body.access_token;
  }

  async function renew(token: DevToken): Promise<string> {
    try {
      return await requestToken(token.email);
    } catch (error) {
      if (error instanceof AuthRequestError && error.status === 404) {
        // The user no longer exists on this server (a reset database): only a new sign-in helps.
        stored.clear();
        throw new SignInRequiredError(error.message);
      }
      // Offline for the last minute of a token: it is still good, so use it rather than fail.
      if (token.expiresAt > env.now()) return token.accessToken;
      throw error;
    }
  }

  return {
    async signIn({ email }) {
      if (!email?.trim()) throw new AuthRequestError(400, 'EMAIL_REQUIRED', 'Enter an email address.');
      await requestToken(email.trim());
      return 'done';
    },
    // Dev sign-in never leaves the page, so there is nothing to finish.
    async completeSignIn() {
      return undefined;
    },
    getAccessToken() {
      const token = stored.read();
      if (!token) return Promise.reject(new SignInRequiredError());
      if (token.expiresAt - env.now() > DEV_REFRESH_MARGIN_MS) return Promise.resolve(token.accessToken);
      // One request however many callers (sync, co-editing, refresh) notice the expiry together.
      pending ??= renew(token).finally(() => (pending = undefined));
      return pending;
    },
    async signOut() {
      stored.clear();
      return 'done';
    }
  };
}

function isDevToken(value: unknown): value is DevToken {
  return (
    isRecord(value) &&
    typeof value.email === 'string' &&
    typeof value.accessToken === 'string' &&
    typeof value.expiresAt === 'number'
  );
}
