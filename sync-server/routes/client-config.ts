import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthConfig } from '../config';
import { HttpError } from '../http-errors';

const DevAuth = Type.Object({ mode: Type.Literal('dev') });
const Auth0Auth = Type.Object({
  mode: Type.Literal('auth0'),
  domain: Type.String(),
  clientId: Type.String(),
  audience: Type.String()
});
const ClientConfig = Type.Object({
  auth: Type.Union([DevAuth, Auth0Auth]),
  // Which model the app embeds with; its files are at /models/<id>/ (or on the public hub).
  search: Type.Object({ embeddingModel: Type.String() })
});
type ClientConfig = Static<typeof ClientConfig>;

/**
 * What the browser app needs to know before anyone signs in, so one build runs against any
 * deployment. Everything here is public by nature: an SPA's Auth0 client id is not a secret.
 */
const clientConfigRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = clientAuth(app.config.auth);
  const config = auth && { auth, search: { embeddingModel: app.config.embeddingModel } };

  app.get('/api/config', { schema: { response: { 200: ClientConfig } } }, async (_request, reply) => {
    // Revalidated on every start, so a change of tenant reaches installed apps at their next load.
    reply.header('Cache-Control', 'no-cache');
    if (!config) {
      throw new HttpError(
        503,
        'AUTH_CLIENT_NOT_CONFIGURED',
        'Sign-in is not set up on this server: AUTH0_CLIENT_ID is missing.'
      );
    }
    return config;
  });
};

export default clientConfigRoutes;

// The server itself only needs the issuer to verify tokens, so AUTH0_CLIENT_ID may be absent; then
// the app cannot start a sign-in and the route says so instead of sending half a configuration.
function clientAuth(auth: AuthConfig): ClientConfig['auth'] | undefined {
  if (auth.mode === 'dev') return { mode: 'dev' };
  if (!auth.clientId) return undefined;
  return {
    mode: 'auth0',
    // A custom domain or another provider may be named only by AUTH_ISSUER; its host is the domain.
    domain: auth.domain ?? new URL(auth.issuer).host,
    clientId: auth.clientId,
    audience: auth.audience
  };
}
