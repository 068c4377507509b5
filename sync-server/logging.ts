import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from './config';

/**
 * A request that takes longer than this is logged whatever its status: a second is where a person
 * starts to notice a wait, so a slower answer deserves a look even when it succeeded.
 */
export const SLOW_REQUEST_MS = 1000;

export type RequestLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface CompletedRequest {
  statusCode: number;
  durationMs: number;
  /** A server-sent event stream, open for as long as its tab: its length says nothing about speed. */
  streaming: boolean;
}

/**
 * The level a finished request is logged at. Failures and slow answers stay visible at the default
 * level; routine ones get `routineLevel`, which is debug in development so the console stays
 * readable, and info elsewhere, where the lines are an access log.
 */
export function requestLogLevel(request: CompletedRequest, routineLevel: 'debug' | 'info'): RequestLogLevel {
  if (request.statusCode >= 500) return 'error';
  if (request.durationMs > SLOW_REQUEST_MS && !request.streaming) return 'warn';
  // A refused request (bad input, no token, not found) is worth a line, not an alarm.
  if (request.statusCode >= 400) return 'info';
  return routineLevel;
}

/** Routine requests at debug in development, at info in production and tests. */
export function routineRequestLevel(nodeEnv: AppConfig['nodeEnv']): 'debug' | 'info' {
  return nodeEnv === 'development' ? 'debug' : 'info';
}

/**
 * Fastify's logger settings: JSON lines in production and tests (for log collectors, and the tests
 * that read them), one readable line per event in development when pino-pretty is installed (it is
 * a development dependency, so a production install falls back to JSON).
 */
export async function loggerOptions(config: AppConfig): Promise<FastifyServerOptions['logger']> {
  const pretty = config.nodeEnv === 'development' ? await prettyStream() : undefined;
  return pretty ? { level: config.logLevel, stream: pretty } : { level: config.logLevel };
}

/**
 * Fastify's request lines ("incoming request", "request completed"), each at the level
 * `requestLogLevel` chooses rather than always at info.
 */
export class LeveledRequestLog extends LogController {
  constructor(private readonly routineLevel: 'debug' | 'info') {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log[this.routineLevel]({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = reply.elapsedTime;
    // reply.log, not request.log: the auth and API hooks add the user and the site to both.
    if (error) {
      reply.log.error({ res: reply, err: error, responseTime }, 'request errored');
      return;
    }
    const level = requestLogLevel(
      { statusCode: reply.statusCode, durationMs: responseTime, streaming: isEventStream(reply) },
      this.routineLevel
    );
    reply.log[level]({ res: reply, responseTime, method: request.method, url: request.url }, 'request completed');
  }
}

function isEventStream(reply: FastifyReply): boolean {
  return String(reply.getHeader('content-type') ?? '').startsWith('text/event-stream');
}

async function prettyStream() {
  let pinoPretty;
  try {
    ({ default: pinoPretty } = await import('pino-pretty'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  return pinoPretty({
    // Synchronous, so a line is never lost at exit or reordered with console output.
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime,method,url',
    messageFormat: (log, messageKey) => describeLine(log, messageKey)
  });
}

/** A request's line as `GET /api/health → 200 in 3 ms`; any other line as its message. */
export function describeLine(log: Record<string, unknown>, messageKey: string): string {
  const message = String(log[messageKey] ?? '');
  const res = log.res as { statusCode?: number } | undefined;
  if (message === 'request completed' && res) {
    return `${log.method} ${log.url} → ${res.statusCode} in ${Math.round(Number(log.responseTime))} ms`;
  }
  const req = log.req as { method?: string; url?: string } | undefined;
  if (message === 'incoming request' && req) return `${req.method} ${req.url} …`;
  return message;
}
