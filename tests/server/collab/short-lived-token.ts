import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SignJWT, importJWK, type JWK } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../sync-server/auth/dev-issuer';
import { demoUser, type DemoEmail } from '../helpers/api-fixture';

/**
 * A dev-issuer token for a demo user with the `exp` a test chooses (the token endpoint always gives
 * an hour), signed with the key the app's dev issuer keeps in its data folder.
 */
export async function tokenExpiringAt(app: FastifyInstance, email: DemoEmail, expSeconds: number): Promise<string> {
  const jwk = JSON.parse(await readFile(join(app.config.dataDir, 'dev-issuer', 'signing-key.json'), 'utf8')) as JWK;
  const user = demoUser(email);
  return new SignJWT({ email: user.email, name: user.name })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(user.authSubject)
    .setIssuedAt()
    .setExpirationTime(expSeconds)
    .sign(await importJWK(jwk, 'RS256'));
}
