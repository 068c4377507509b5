import type { IncomingMessage } from 'node:http';

/**
 * The address an upgrade request comes from, as Fastify's `request.ip` reads it for any other
 * request, so the rate limiter counts both under one key: behind a trusted proxy
 * (TRUST_PROXY, which trusts every hop) the first address of X-Forwarded-For, else the socket's peer.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : '';
  return first || request.socket.remoteAddress || 'unknown';
}
