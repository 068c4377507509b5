import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import app, { type AppOptions } from './app';
import { answerClientError } from './client-errors';
import { LeveledRequestLog, loggerOptions, routineRequestLevel } from './logging';
import { handleError } from './plugins/error-handler';
import { requestValidatorCompiler } from './validator-compiler';

// An incoming id is kept only when it is short and plain, so it cannot forge or flood log lines.
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BODY_LIMIT_BYTES = 1024 * 1024;


export interface CreateServerOptions extends AppOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Builds the Fastify instance with the app registered; the caller listens (or injects, in tests). */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const server = Fastify({
    logger: options.logger ?? (await loggerOptions(options.config)),
    logController: new LeveledRequestLog(routineRequestLevel(options.config.nodeEnv)),
    bodyLimit: BODY_LIMIT_BYTES,
    // Opening PGlite and migrating can take well over Fastify's default 10 s on a busy machine.
    pluginTimeout: 120_000,
    // Bounds how long a client may take to send its request, so slow senders cannot hold sockets
    // open at will. Handlers are bounded by the database's statement timeout instead; the idle
    // connection timeout stays off, since event streams and live-editing sockets are long-lived.
    requestTimeout: options.config.requestTimeoutMs,
    trustProxy: options.config.trustProxy,
    requestIdHeader: false,
    genReqId(request) {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // The router's own refusals (a path parameter over maxParamLength, a malformed URL) would
    // otherwise answer in Fastify's shape, outside the one error envelope.
    frameworkErrors: handleError,
    clientErrorHandler: answerClientError
  }).withTypeProvider<TypeBoxTypeProvider>();

  server.setValidatorCompiler(requestValidatorCompiler());

  server.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Once shutdown starts, each response still in flight tells its client to hang up afterwards;
  // otherwise a keep-alive connection would hold the close open until the grace period runs out.
  let closing = false;
  server.addHook('preClose', async () => {
    closing = true;
  });
  server.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // Not encapsulated: the app's decorators and error handler belong to the server itself.
  await server.register(fp(app), options);
  return server;
}
