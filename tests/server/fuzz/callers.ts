import { createPrivateKey, sign, type JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../sync-server/auth/dev-issuer';
import type { ApiFixture } from '../helpers/api-fixture';

/** Who a fuzzed request claims to be, and the Authorization header (if any) that says so. */
export interface Caller {
  name: string;
  authorization?: string;
}

/**
 * Every demo role (admin, user and viewer of Leeds; Eve, a member of Nairobi only), no token,
 * tokens that do not verify, and tokens the dev issuer's own key signed with hostile claims or
 * headers: those pass the signature check and test what the server does with their content.
 */
export async function fuzzCallers(api: ApiFixture): Promise<Caller[]> {
  const bearer = async (email: string) => `Bearer ${await api.token(email)}`;
  const signToken = await devIssuerSigner(api);
  const signed = (name: string, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Caller => ({
    name,
    authorization: `Bearer ${signToken(claims, header)}`
  });
  const now = Math.floor(Date.now() / 1000);
  return [
    { name: 'admin of Leeds (Ada)', authorization: await bearer('ada@example.org') },
    { name: 'user of Leeds (Ben)', authorization: await bearer('ben@example.org') },
    { name: 'viewer of Leeds (Cleo)', authorization: await bearer('cleo@example.org') },
    { name: 'member of Nairobi only (Eve)', authorization: await bearer('eve@example.org') },
    { name: 'no token' },
    { name: 'garbage token', authorization: 'Bearer not.a.token' },
    { name: 'basic scheme', authorization: 'Basic YWRhOnNlY3JldA==' },
    { name: 'empty bearer', authorization: 'Bearer ' },
    { name: 'NUL in header', authorization: 'Bearer a\u0000b' },
    signed('expired token', { sub: 'dev|ben@example.org', exp: now - 3_600, iat: now - 7_200 }),
    signed('unknown subject', { sub: 'dev|nobody@example.org', email: 'nobody@example.org', name: 'Nobody' }),
    signed('long claims', { sub: 'dev|long@example.org', email: `${'e'.repeat(5_000)}@example.org`, name: 'n'.repeat(100_000) }),
    signed('NUL in claims', { sub: 'dev|nul\u0000@example.org', email: 'nul\u0000@example.org', name: 'Nul\u0000Name' }),
    signed('non-text claims', { sub: 'dev|types@example.org', email: 42, name: { first: 'Ada' } }),
    signed('unknown crit header', { sub: 'dev|ben@example.org' }, { crit: ['urn:fuzz:unknown'], 'urn:fuzz:unknown': true })
  ];
}

type Signer = (claims: Record<string, unknown>, header: Record<string, unknown>) => string;

// The dev issuer keeps its key in the app's data folder. Signing with it here, by hand rather than
// with a JWT library (which refuses to write an unknown `crit`), lets a token carry what the
// issuer's own endpoint never would and still pass the signature check.
async function devIssuerSigner(api: ApiFixture): Promise<Signer> {
  const path = join(api.app.config.dataDir, 'dev-issuer', 'signing-key.json');
  const jwk = JSON.parse(await readFile(path, 'utf8')) as JsonWebKey & { kid: string };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return (claims, header) => {
    const now = Math.floor(Date.now() / 1000);
    const signingInput = `${part({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt', ...header })}.${part({
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      iat: now,
      exp: now + 3_600,
      ...claims
    })}`;
    return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
  };
}
