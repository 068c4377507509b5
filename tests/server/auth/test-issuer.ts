import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const TEST_ISSUER = 'https://issuer.test/';
export const TEST_AUDIENCE = 'urn:test:api';

/** A stand-in for Auth0: an RSA key made in the test, and tokens it signs. */
export interface TestIssuer {
  kid: string;
  /** The public half, as the JWKS server publishes it. */
  jwks: { keys: JWK[] };
  publicKeyPem: string;
  /** An RS256 token valid for five minutes; `claims` override any default (iss, aud, sub, exp…). */
  signToken(claims?: JWTPayload): Promise<string>;
}

export async function createTestIssuer(kid = 'test-key-1'): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid,
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] },
    publicKeyPem: await exportSPKI(publicKey),
    signToken: (claims = {}) => sign(privateKey, { alg: 'RS256', kid }, claims)
  };
}

/** A token with `alg: none` and no signature, the oldest forgery there is. */
export function unsignedToken(claims: JWTPayload = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...defaultClaims(), ...claims })}.`;
}

/** HS256 keyed with the issuer's public key: passes a verifier that lets the token pick its algorithm. */
export function hs256WithPublicKey(issuer: TestIssuer, claims: JWTPayload = {}): Promise<string> {
  return sign(new TextEncoder().encode(issuer.publicKeyPem), { alg: 'HS256', kid: issuer.kid }, claims);
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function defaultClaims(): JWTPayload {
  const now = nowInSeconds();
  return { iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: 'auth0|test-user', iat: now, exp: now + 300 };
}

function sign(key: CryptoKey | Uint8Array, header: { alg: string; kid: string }, claims: JWTPayload): Promise<string> {
  return new SignJWT({ ...defaultClaims(), ...claims }).setProtectedHeader({ ...header, typ: 'JWT' }).sign(key);
}

export interface JwksServer {
  url: string;
  /** Requests for the key set served so far. */
  readonly hits: number;
  close(): Promise<void>;
}

/** Publishes `jwks` at http://127.0.0.1:<port>/jwks.json, counting fetches. */
export async function startJwksServer(jwks: { keys: JWK[] }): Promise<JwksServer> {
  let hits = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    hits += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    get hits() {
      return hits;
    },
    close() {
      // The app's fetch keeps its connection alive; without this, close would wait for it to idle out.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    }
  };
}

/** The environment for AUTH_MODE=auth0 against the test issuer. */
export function auth0Env(jwksUrl: string): NodeJS.ProcessEnv {
  return { AUTH_MODE: 'auth0', AUTH_ISSUER: TEST_ISSUER, AUTH0_AUDIENCE: TEST_AUDIENCE, AUTH_JWKS_URL: jwksUrl };
}
