import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey
} from 'jose';

export const DEV_ISSUER = 'urn:ims:dev-issuer';
export const DEV_AUDIENCE = 'urn:ims:api';
const TOKEN_LIFETIME_SECONDS = 60 * 60;

export interface DevIssuer {
  /** The public keys, as served at /.well-known/jwks.json. */
  jwks: JSONWebKeySet;
  /** Resolves verification keys from `jwks`, for the same verifier production uses. */
  keys: JWTVerifyGetKey;
  /** Every address the dev issuer signs for is taken as verified, as a real provider would after its check. */
  sign(claims: { subject: string; email: string; name: string }): Promise<DevToken>;
}

export interface DevToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * A local stand-in for Auth0 in development and tests. Its RS256 key is generated once and kept in
 * the data folder, so tokens survive a restart just as real ones would.
 */
export async function openDevIssuer(dataDir: string): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(join(dataDir, 'dev-issuer', 'signing-key.json'));
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, use: 'sig', alg: 'RS256' }] };
  const privateKey = await importJWK(privateJwk, 'RS256');

  return {
    jwks,
    keys: createLocalJWKSet(jwks),
    async sign({ subject, email, name }) {
      const token = await new SignJWT({ email, email_verified: true, name })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'at+jwt' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
        .sign(privateKey);
      return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS };
    }
  };
}

async function loadOrCreateKey(path: string): Promise<JWK> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID() };
  await mkdir(join(path, '..'), { recursive: true });
  try {
    // Readable by this user only: it can mint tokens for anyone in development. 'wx' fails when
    // another process starting at the same moment wrote its key first; then both use that one.
    await writeFile(path, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  }
}
