import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseUnavailableError } from '../db/database-unavailable';
import { HttpError, type ErrorBody } from '../http-errors';
import { RequestValidationError } from '../validator-compiler';

/** The one place failures become responses, all in the `{ error: { code, message, requestId } }` shape. */
export default fp(
  async (app) => {
    app.setErrorHandler(handleError);

    // Unknown page paths belong to the browser's router when the built app is served.
    app.setNotFoundHandler((request, reply) => app.appShellFor?.(request, reply) ?? sendNotFound(request, reply));
  },
  { name: 'error-handler' }
);

/** Also the server's `frameworkErrors`, so the router's own refusals answer in the same envelope. */
export function handleError(
  error: FastifyError | HttpError | DatabaseUnavailableError | RequestValidationError,
  request: FastifyRequest,
  reply: FastifyReply
) {
  if (error instanceof HttpError) {
    return send(reply, request, error.statusCode, {
      code: error.code,
      message: error.message,
      fields: error.fields
    });
  }
  if (error instanceof DatabaseUnavailableError) {
    request.log.warn({ err: error.cause }, 'the database is unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return send(reply, request, 503, {
      code: 'DATABASE_UNAVAILABLE',
      message: 'The server cannot reach its database right now. Try again shortly; repeating the same request is safe.'
    });
  }
  if (error instanceof RequestValidationError) {
    return send(reply, request, 400, { code: 'VALIDATION_FAILED', message: 'Some fields are not valid.', fields: error.fields });
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return send(reply, request, status, {
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on the server. Try again; if it keeps happening, report the request id.'
    });
  }
  // Fastify's own client errors (bad JSON, body too large, unsupported media type), in this API's words.
  const known = FRAMEWORK_ERRORS[error.code ?? ''];
  return send(reply, request, status, {
    code: known?.code ?? 'BAD_REQUEST',
    message: known?.message ?? error.message
  });
}

// A restart or fail-over of Postgres takes seconds; the app's replication retries on its own anyway.
const DATABASE_RETRY_AFTER_SECONDS = 5;

const FRAMEWORK_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: 'The request body is larger than 1 MB.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'The request body is empty; send a JSON object.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the request body as application/json.'
  }
};

function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 404, {
    code: 'NOT_FOUND',
    message: `There is no ${request.method} ${request.url.split('?')[0]}.`
  });
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  error: Omit<ErrorBody['error'], 'requestId'>
) {
  const body: ErrorBody = { error: { ...error, requestId: request.id } };
  // Also here: the router's own refusals (a URL that does not decode) come before any onRequest hook.
  return reply.status(status).header('x-request-id', request.id).send(body);
}
