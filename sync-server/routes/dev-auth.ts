import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpError } from '../http-errors';
import { findUserByEmail } from '../repositories/users-repository';

const TokenRequest = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 320 }) },
  { additionalProperties: false }
);
const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer()
});

/** The dev issuer's endpoints: its public keys, and tokens for the users already in the database. */
const devAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const issuer = app.devIssuer;
  if (!issuer) return;

  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return issuer.jwks;
  });

  app.post(
    '/api/auth/dev/token',
    { schema: { body: TokenRequest, response: { 200: TokenResponse } } },
    async (request) => {
      const user = await findUserByEmail(app.db, request.body.email);
      if (!user) {
        throw new HttpError(404, 'UNKNOWN_USER', `There is no user ${request.body.email}; pick one of the demo users.`);
      }
      return issuer.sign({ subject: user.authSubject, email: user.email, name: user.name });
    }
  );
};

export default devAuthRoutes;
