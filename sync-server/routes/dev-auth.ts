import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EMAIL_MAX_LENGTH, emailKey, fieldMessages, isEmailAddress } from '../../src/lib/domain';
import { HttpError } from '../http-errors';

const TokenRequest = Type.Object(
  { email: Type.String({ title: 'Email', minLength: 1, maxLength: EMAIL_MAX_LENGTH }) },
  { additionalProperties: false }
);
const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer()
});

/** The dev issuer's endpoints (development mode only): its public keys, and tokens for any address. */
const devAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const issuer = app.devIssuer;
  if (!issuer) return;

  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return issuer.jwks;
  });

  // Any address gets a token, so invitations can be tried without an identity provider. An address
  // nobody has signed in with gets the subject the demo users have (`dev|<address>`); the user is
  // created at its first authenticated request, as a real sign-in would create them.
  app.post(
    '/api/auth/dev/token',
    { schema: { body: TokenRequest, response: { 200: TokenResponse } } },
    async (request) => {
      const email = request.body.email.trim();
      if (!isEmailAddress(email)) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'Some fields are not valid.', [
          { field: 'email', message: fieldMessages.notEmail('Email') }
        ]);
      }
      const user = await app.users.findByEmail(email);
      if (user) return issuer.sign({ subject: user.authSubject, email: user.email, name: user.name });
      return issuer.sign({ subject: `dev|${emailKey(email)}`, email, name: email.slice(0, email.indexOf('@')) });
    }
  );
};

export default devAuthRoutes;
