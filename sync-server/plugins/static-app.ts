import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { readAppShell } from '../app-shell';
import { MODELS_PREFIX, ORT_PREFIX } from './model-files';

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers a page request with index.html; undefined for anything that is not a page. */
    appShellFor?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;
  }
}

/**
 * Serves the built PWA on the API's port. Unknown page paths get index.html, so a deep link such as
 * /interactions/123 opens the app, which routes in the browser.
 */
export default fp(
  async (app) => {
    const shell = readAppShell(app.config.staticDir);
    if (!shell) {
      app.log.warn({ staticDir: app.config.staticDir }, 'no built app found; serving the API only (run `npm run build`)');
      return;
    }

    await app.register(fastifyStatic, {
      root: shell.root,
      wildcard: false,
      cacheControl: false,
      setHeaders(res, path) {
        // Hashed build output never changes; everything else must be revalidated so an update shows.
        res.setHeader(
          'Cache-Control',
          path.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
        );
      }
    });

    app.decorate('appShellFor', (request: FastifyRequest, reply: FastifyReply) => {
      const isPage =
        request.method === 'GET' &&
        // A missing model or runtime file answers 404, never the page: the app falls back on a 404.
        !['/api/', MODELS_PREFIX, ORT_PREFIX].some((prefix) => request.url.startsWith(prefix)) &&
        request.headers.accept?.includes('text/html') === true;
      return isPage ? reply.header('Cache-Control', 'no-cache').sendFile('index.html') : undefined;
    });
  },
  { name: 'static-app', dependencies: ['config'] }
);
