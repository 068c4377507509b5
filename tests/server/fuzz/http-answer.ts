import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { FuzzRequest } from './http-request';

/** What came back: status, headers and the body as text (none for a stream that was let go). */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders;
  body: string;
}

// Far above any answer the server gives on this machine (tens of ms), far below a test timeout:
// a request still open after this has hung.
const ANSWER_TIMEOUT_MS = 10_000;

/** Sends through Fastify's inject, which takes what a socket would refuse (NUL in headers, any URL). */
export function inject(app: FastifyInstance, request: FuzzRequest): Promise<Answer> {
  const answer = app
    .inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload })
    .then((response) => ({ status: response.statusCode, headers: response.headers, body: response.body }));
  return within(answer, request);
}

/**
 * Opens a request on a real connection and lets go as soon as the status line and headers arrive:
 * the event stream answers 200 and then never ends, so only its opening can be judged.
 */
export function openAndLetGo(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  const answer = new Promise<Answer>((resolve, reject) => {
    const outgoing = http.request(`${baseUrl}${request.url}`, { method: request.method, headers: request.headers, agent: false });
    outgoing.once('error', reject);
    outgoing.once('response', (response) => {
      if (response.statusCode === 200) {
        resolve({ status: 200, headers: response.headers, body: '' });
        outgoing.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.end();
  });
  return within(answer, request);
}

/**
 * The request as a real connection can carry it: without header values no HTTP connection may hold
 * (NUL, line breaks), which inject covers on every other route, and without a body, which Node
 * writes unframed on a GET so that the server would read it as a second request.
 */
export function asSentOnASocket(request: FuzzRequest): FuzzRequest {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name, value]) => name !== 'content-type' && canCarry(name, value))
  );
  return { ...request, headers, payload: undefined };
}

function canCarry(name: string, value: string): boolean {
  try {
    http.validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

function within(answer: Promise<Answer>, request: FuzzRequest): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(request)), ANSWER_TIMEOUT_MS);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

export class NoAnswer extends Error {
  override name = 'NoAnswer';
  constructor(request: FuzzRequest) {
    super(`no answer within ${ANSWER_TIMEOUT_MS} ms to ${request.method} ${request.url.slice(0, 200)}`);
  }
}

/**
 * What is wrong with an answer, or undefined when it is acceptable: any 2xx, 3xx or 4xx, and for
 * errors the one envelope `{ error: { code, message, requestId } }` naming the request's id.
 */
export function faultIn(request: FuzzRequest, answer: Answer): string | undefined {
  const code = errorCode(answer);
  if (answer.status >= 500) return `${answer.status} ${code ?? 'without envelope'}`;
  if (answer.status < 200) return `status ${answer.status}`;
  if (answer.status < 400 || request.method === 'HEAD') return undefined;
  if (!code) return `${answer.status} without the error envelope`;
  const envelope = JSON.parse(answer.body) as { error: { message?: unknown; requestId?: unknown } };
  if (typeof envelope.error.message !== 'string') return `${answer.status} ${code} without a message`;
  if (envelope.error.requestId !== answer.headers['x-request-id']) return `${answer.status} ${code} with another request id`;
  return undefined;
}

function errorCode(answer: Answer): string | undefined {
  try {
    const code = (JSON.parse(answer.body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** A request as one line a person can replay: method, URL, caller, content type and body. */
export function describeRequest(request: FuzzRequest): string {
  const { payload } = request;
  const body =
    payload === undefined ? '' : Buffer.isBuffer(payload) ? ` body bytes ${payload.toString('hex')}` : ` body ${JSON.stringify(abbreviate(payload))}`;
  const type = request.headers['content-type'] === undefined ? '' : ` content-type ${JSON.stringify(request.headers['content-type'])}`;
  return `${request.method} ${abbreviate(request.url)} as ${request.caller.name}${type}${body}`;
}

// Runs of one character (a 2,000-character path segment, 10,000 brackets) written as a count, and
// the rest cut short, so a reproduction stays one readable line.
function abbreviate(text: string): string {
  return text.replace(/(.)\1{19,}/gsu, (run, char: string) => `${char}{×${[...run].length}}`).slice(0, 400);
}
