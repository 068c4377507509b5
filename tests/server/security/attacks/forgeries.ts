import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../../sync-server/auth/dev-issuer';
import { hs256WithPublicKey, nowInSeconds, unsignedToken, type TestIssuer } from '../../auth/test-issuer';

/**
 * An issuer's genuine signing key, held by the test: with it a test signs tokens the server's
 * verifier must still refuse for what they claim, not for who signed them (expired, another
 * audience, an unknown critical header).
 */
export interface GenuineKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half, as the issuer's key set publishes it. */
  publicJwk: JWK;
  /** The public half as PEM, the secret an algorithm-confusion forgery keys HMAC with. */
  publicKeyPem: string;
  /** The claims a genuine token for `subject` carries. */
  claims(subject: string): JWTPayload;
}

/** The dev issuer's key, read from the data folder where `openDevIssuer` keeps it. */
export async function readDevIssuerKey(dataDir: string): Promise<GenuineKey> {
  const privateJwk = JSON.parse(await readFile(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as JWK;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return genuineKey({
    kid: privateJwk.kid!,
    privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'RS256', { extractable: true })) as CryptoKey,
    audience: { iss: DEV_ISSUER, aud: DEV_AUDIENCE }
  });
}

/**
 * A new key for an identity provider the test plays (AUTH_MODE=auth0). The test issuer of
 * tests/server/auth keeps its private key to itself, and these attacks need to sign with it.
 */
export async function createProviderKey(provider: { kid: string; iss: string; aud: string }): Promise<GenuineKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return genuineKey({ kid: provider.kid, privateKey, publicKey, audience: provider });
}

async function genuineKey(key: {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  audience: { iss: string; aud: string };
}): Promise<GenuineKey> {
  const { iss, aud } = key.audience;
  return {
    kid: key.kid,
    privateKey: key.privateKey,
    publicJwk: { ...(await exportJWK(key.publicKey)), kid: key.kid, alg: 'RS256', use: 'sig' },
    publicKeyPem: await exportSPKI(key.publicKey),
    claims: (subject) => ({ iss, aud, sub: subject, iat: nowInSeconds(), exp: nowInSeconds() + 300 })
  };
}

interface SignOptions {
  key: CryptoKey;
  header: Record<string, unknown> & { alg: string };
  claims: JWTPayload;
  /** Extensions the signer itself must accept in `crit`; the verifier is not told of them. */
  crit?: Record<string, boolean>;
}

function sign({ key, header, claims, crit }: SignOptions): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', ...header }).sign(key, crit ? { crit } : undefined);
}

/** The keys a forgery may use: the issuer's, and the attacker's own, whose key set it serves on 127.0.0.1. */
export interface ForgeryKeys {
  genuine: GenuineKey;
  attacker: GenuineKey;
  attackerJwksUrl: string;
}

/** One way to get a token past the verifier, and the 401 code it must get instead. */
export interface Forgery {
  name: string;
  code: string;
  token(keys: ForgeryKeys, subject: string): Promise<string>;
}

/** A token signed with the issuer's genuine key, as issued or with a header or claims of the attack's. */
export function genuineToken(
  genuine: GenuineKey,
  subject: string,
  change: { header?: Record<string, unknown>; claims?: JWTPayload; crit?: Record<string, boolean> } = {}
): Promise<string> {
  return sign({
    key: genuine.privateKey,
    header: { alg: 'RS256', kid: genuine.kid, ...change.header },
    claims: { ...genuine.claims(subject), ...change.claims },
    crit: change.crit
  });
}

const EXTENSION = 'urn:attacker:must-understand';

/**
 * Every forged or invalid token of the attack suite. The two classics come from the test issuer's
 * helpers, given the dev issuer's key in the shape they take.
 */
export const FORGERIES: readonly Forgery[] = [
  { name: 'alg "none"', code: 'AUTH_ALGORITHM', token: async ({ genuine }, subject) => unsignedToken(genuine.claims(subject)) },
  {
    name: 'HS256 keyed with the issuer’s public key',
    code: 'AUTH_ALGORITHM',
    token: ({ genuine }, subject) =>
      hs256WithPublicKey({ kid: genuine.kid, publicKeyPem: genuine.publicKeyPem } as TestIssuer, genuine.claims(subject))
  },
  {
    // No kid: the verifier picks the issuer's only key, which the signature does not match.
    name: 'an embedded jwk header carrying the attacker’s key',
    code: 'AUTH_BAD_SIGNATURE',
    token: ({ genuine, attacker }, subject) =>
      sign({ key: attacker.privateKey, header: { alg: 'RS256', jwk: attacker.publicJwk }, claims: genuine.claims(subject) })
  },
  {
    name: 'a jku header pointing at the attacker’s key set',
    code: 'AUTH_UNKNOWN_KEY',
    token: ({ genuine, attacker, attackerJwksUrl }, subject) =>
      sign({
        key: attacker.privateKey,
        header: { alg: 'RS256', kid: attacker.kid, jku: attackerJwksUrl },
        claims: genuine.claims(subject)
      })
  },
  {
    // A verifier must refuse an extension it does not understand (RFC 7515 §4.1.11); signed with the
    // genuine key, so nothing but the header can be the reason.
    name: 'an unknown critical header, signed with the genuine key',
    code: 'AUTH_UNSUPPORTED',
    token: ({ genuine }, subject) =>
      genuineToken(genuine, subject, { header: { crit: [EXTENSION], [EXTENSION]: true }, crit: { [EXTENSION]: true } })
  },
  {
    name: 'expired beyond the clock skew, signed with the genuine key',
    code: 'AUTH_EXPIRED',
    token: ({ genuine }, subject) =>
      genuineToken(genuine, subject, { claims: { iat: nowInSeconds() - 600, exp: nowInSeconds() - 90 } })
  },
  {
    name: 'for another audience, signed with the genuine key',
    code: 'AUTH_WRONG_AUDIENCE',
    token: ({ genuine }, subject) => genuineToken(genuine, subject, { claims: { aud: 'urn:someone-else:api' } })
  },
  {
    name: 'from another issuer, signed with the genuine key',
    code: 'AUTH_WRONG_ISSUER',
    token: ({ genuine }, subject) => genuineToken(genuine, subject, { claims: { iss: 'https://attacker.test/' } })
  }
];
