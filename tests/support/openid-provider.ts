import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID Connect provider (the certified `oidc-provider`) on loopback, set up the way an
 * Auth0 tenant is for this app: the Auth0 SDK's endpoint paths, an SPA client signing in with
 * authorization code + PKCE and rotating refresh tokens, and RS256 JWT access tokens for the API's
 * audience carrying `email` and `name`. Its own login and consent pages accept any password.
 */
export interface OpenIdProviderOptions {
  /** The API identifier that access tokens name in `aud` (AUTH0_AUDIENCE). */
  audience: string;
  /** The app whose SPA client signs in here: its `/login/callback` and `/login` are registered. */
  appOrigin?: string;
  /** Serve over HTTPS with this certificate: the Auth0 SDK calls its domain with https only. */
  tls?: { key: string; cert: string };
  /** Lifetime of access tokens; short lets a test see the SDK renew one. */
  accessTokenSeconds?: number;
}

export interface OpenIdProvider {
  /** The issuer, as tokens name it in `iss` (AUTH_ISSUER): the origin with a trailing slash, as Auth0's. */
  issuer: string;
  /** Where the signing keys are published (AUTH_JWKS_URL). */
  jwksUrl: string;
  /** The SPA application's client id (AUTH0_CLIENT_ID). */
  spaClientId: string;
  /** Registers the app for the SPA client, once its address is known (it needs the issuer to start). */
  registerApp(origin: string): void;
  /** The key id tokens are signed with now. */
  signingKeyId(): string;
  /** An access token for a machine client (client credentials grant), for any audience the provider serves. */
  serviceToken(audience: string): Promise<string>;
  /**
   * Signs with a new key from now on, as a tenant's key rotation does. The previous key stays
   * published so tokens already issued remain valid. Sessions and grants start afresh.
   */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

export const SPA_CLIENT_ID = 'ims-spa';
/** Where the SPA client's sign-in comes back to, in the app registered with `registerApp`. */
export const spaCallbackUrl = (appOrigin: string) => `${appOrigin}/login/callback`;
const SERVICE_CLIENT = { client_id: 'ims-test-service', client_secret: 'test-service-secret' };
/** A second API the provider also serves: its tokens are real, signed, and meant for someone else. */
export const OTHER_AUDIENCE = 'https://other-api.example/';

/** The people the login page knows, by the login typed: what an identity provider would say about them. */
const PEOPLE: Record<string, { name: string }> = {
  'grace@example.org': { name: 'Grace Hopper' },
  'alan@example.org': { name: 'Alan Turing' }
};

export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<OpenIdProvider> {
  let current: Provider | undefined;
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    void current?.callback()(request, response);
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/`;

  const keys: JWK[] = [await newSigningKey()];
  let appOrigin = options.appOrigin;
  const build = () => {
    current = createProvider({ ...options, appOrigin, issuer, keys });
  };
  build();

  return {
    issuer,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    spaClientId: SPA_CLIENT_ID,
    registerApp(origin) {
      appOrigin = origin;
      build();
    },
    signingKeyId: () => keys[0].kid as string,
    async serviceToken(audience) {
      const { status, body } = await postForm({
        url: `${origin}/oauth/token`,
        form: { grant_type: 'client_credentials', resource: audience, scope: 'api' },
        credentials: `${SERVICE_CLIENT.client_id}:${SERVICE_CLIENT.client_secret}`,
        trusted: options.tls?.cert
      });
      const token = (JSON.parse(body) as { access_token?: string }).access_token;
      if (status !== 200 || !token) throw new Error(`no service token: ${status} ${body}`);
      return token;
    },
    async rotateKeys() {
      keys.unshift(await newSigningKey());
      build();
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }
  };
}

/** A form POST that trusts the provider's own certificate, which global fetch cannot be told to. */
function postForm(options: { url: string; form: Record<string, string>; credentials: string; trusted?: string }): Promise<{ status: number; body: string }> {
  const payload = new URLSearchParams(options.form).toString();
  const send = options.url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      options.url,
      {
        method: 'POST',
        ca: options.trusted,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(options.credentials).toString('base64')}`
        }
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      }
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `key-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, alg: 'RS256', use: 'sig' };
}

function createProvider(options: OpenIdProviderOptions & { issuer: string; keys: JWK[] }): Provider {
  const audiences = new Set([options.audience, OTHER_AUDIENCE]);
  const spaClient: ClientMetadata | undefined = options.appOrigin === undefined ? undefined : {
    client_id: SPA_CLIENT_ID,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [spaCallbackUrl(options.appOrigin)],
    post_logout_redirect_uris: [`${options.appOrigin}/login`]
  };
  const configuration: Configuration = {
    clients: [
      ...(spaClient ? [spaClient] : []),
      { ...SERVICE_CLIENT, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] } satisfies ClientMetadata
    ],
    jwks: { keys: options.keys },
    cookies: { keys: ['a cookie signing secret for tests only'] },
    // Auth0's paths, which its SDK calls without reading the discovery document.
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      end_session: '/v2/logout',
      jwks: '/.well-known/jwks.json',
      userinfo: '/userinfo',
      revocation: '/oauth/revoke'
    },
    // The SDK names the API with Auth0's `audience` parameter rather than RFC 8707's `resource`.
    extraParams: ['audience'],
    scopes: ['openid', 'profile', 'email', 'offline_access', 'api'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    ttl: { AccessToken: options.accessTokenSeconds ?? 600, ClientCredentials: options.accessTokenSeconds ?? 600, IdToken: 3600, RefreshToken: 86_400, Session: 86_400, Grant: 86_400, Interaction: 600 },
    // Auth0 issues a refresh token to an SPA that asks for offline_access without a consent prompt;
    // oidc-provider's default would drop offline_access unless prompt=consent is sent.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Only the app's own origin may call the token endpoint from a browser.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: true, name: PEOPLE[sub]?.name ?? sub })
    }),
    // The access token carries who it speaks for, as an Auth0 Action adds them: the server reads these.
    extraTokenClaims: async (_ctx, token) => {
      const accountId = (token as { accountId?: string }).accountId;
      if (!accountId) return undefined;
      return { email: accountId, email_verified: true, name: PEOPLE[accountId]?.name ?? accountId };
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx: KoaContextWithOIDC) => (ctx.oidc.params?.audience as string | undefined) ?? undefined,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (!audiences.has(resource)) throw new errors.InvalidTarget(`unknown audience ${resource}`);
          return {
            scope: 'openid profile email offline_access api',
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenSeconds ?? 600,
            jwt: { sign: { alg: 'RS256' } }
          };
        }
      }
    }
  };
  const provider = new Provider(options.issuer, configuration);
  // The SDK's logout sends Auth0's `returnTo`; the standard name is `post_logout_redirect_uri`.
  provider.use(async (ctx, next) => {
    if (ctx.path === '/v2/logout' && ctx.query.returnTo && !ctx.query.post_logout_redirect_uri) {
      const { returnTo, ...rest } = ctx.query;
      ctx.query = { ...rest, post_logout_redirect_uri: returnTo };
    }
    await next();
  });
  return provider;
}
