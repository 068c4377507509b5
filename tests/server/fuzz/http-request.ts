import fc from 'fast-check';
import type { Caller } from './callers';
import { contentType, hostilePathSegment, hostileQueryValue, percentEncode, deeplyNestedJson } from './hostile-values';
import type { CataloguedRoute } from './route-catalogue';
import { mutatedValue, validValue, type Vocabulary } from './schema-values';

/** One generated request, as sent: the raw URL (so broken percent-encodings stay broken) and body. */
export interface FuzzRequest {
  /** The route it was made for, `METHOD /pattern`, to group results. */
  route: string;
  method: string;
  url: string;
  caller: Caller;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface RequestContext {
  vocabulary: Vocabulary;
  callers: readonly Caller[];
  /** Real paths for wildcard routes (`/models/*`), to mutate. */
  wildcardPaths: Readonly<Record<string, readonly string[]>>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Requests for one route, derived from its schemas and then mutated. */
export function requestFor(route: CataloguedRoute, context: RequestContext): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: pathFor(route, context),
      query: queryFor(route, context),
      body: bodyFor(route, context),
      caller: fc.constantFrom(...context.callers),
      type: contentType,
      requestId: fc.option(fc.constantFrom('plain-id', 'x'.repeat(200), 'line\nbreak', '\u0000'), { freq: 8 })
    })
    .map(({ path, query, body, caller, type, requestId }) => {
      const headers: Record<string, string> = {};
      if (caller.authorization !== undefined) headers.authorization = caller.authorization;
      if (body !== undefined && type !== undefined) headers['content-type'] = type;
      if (requestId !== null) headers['x-request-id'] = requestId;
      return {
        route: `${route.method} ${route.url}`,
        method: route.method,
        url: query ? `${path}?${query}` : path,
        caller,
        headers,
        payload: body
      };
    });
}

/**
 * How often a route is drawn: by how much input it declares, so the routes with bodies and queries
 * to get wrong get most of the cases and the probes (and HEAD twins of GET routes) a few.
 */
export function routeWeight(route: CataloguedRoute): number {
  if (route.method === 'HEAD') return 1;
  return 1 + (route.params ? 1 : 0) + (route.querystring ? 2 : 0) + (route.body ? 3 : 0);
}

function pathFor(route: CataloguedRoute, context: RequestContext): fc.Arbitrary<string> {
  const parts = route.url.split('/').map((part): fc.Arbitrary<string> => {
    if (part.startsWith(':')) {
      const name = part.slice(1);
      const schema = route.params?.properties?.[name] ?? { type: 'string' };
      const valid = validValue(schema, name, context.vocabulary).map((value) => percentEncode(String(value)));
      return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostilePathSegment });
    }
    if (part === '*') return wildcardTail(context.wildcardPaths[route.url] ?? []);
    return fc.constant(part);
  });
  // A route of `*` alone (CORS preflight) matches any path; a path still starts with a slash.
  return fc.tuple(...parts).map((segments) => (route.url === '*' ? `/${segments.join('/')}` : segments.join('/')));
}

function wildcardTail(known: readonly string[]): fc.Arbitrary<string> {
  const hostile = fc.constantFrom(
    '../../../../etc/passwd',
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2e%2e/%2e%2e/package.json',
    '....//....//etc/passwd',
    'a/../../..',
    '%00',
    '%E0%A4%A',
    '',
    '.',
    'x'.repeat(5_000)
  );
  return known.length > 0 ? fc.oneof(fc.constantFrom(...known), hostile) : hostile;
}

function queryFor(route: CataloguedRoute, context: RequestContext): fc.Arbitrary<string> {
  const schema = route.querystring;
  const keys = Object.keys(schema?.properties ?? {});
  const fromSchema = schema
    ? mutatedValue(schema, '', context.vocabulary).map((value) => (isPlainObject(value) ? encodeQuery(value) : ''))
    : fc.constant('');
  const rawPair = fc
    .tuple(fc.constantFrom(...keys, 'unknown', '', '__proto__'), hostileQueryValue)
    .map(([key, value]) => `${key}=${value}`);
  return fc.oneof(
    { weight: 4, arbitrary: fromSchema },
    { weight: 2, arbitrary: fc.tuple(fromSchema, rawPair).map(([query, pair]) => (query ? `${query}&${pair}` : pair)) },
    { weight: 1, arbitrary: fc.array(rawPair, { minLength: 1, maxLength: 4 }).map((pairs) => pairs.join('&')) }
  );
}

function bodyFor(route: CataloguedRoute, context: RequestContext): fc.Arbitrary<string | Buffer | undefined> {
  if (!WRITE_METHODS.has(route.method)) return fc.option(rawBody, { freq: 10, nil: undefined });
  const fromSchema = (route.body ? mutatedValue(route.body, '', context.vocabulary) : fc.jsonValue({ maxDepth: 2 })).map(
    (value) => JSON.stringify(value) ?? 'undefined'
  );
  return fc.oneof({ weight: 5, arbitrary: fromSchema }, { weight: 1, arbitrary: rawBody }, { weight: 1, arbitrary: fc.constant(undefined) });
}

/** Bodies no serializer would write: numbers JSON cannot hold, bytes that are not UTF-8, broken JSON. */
const rawBody: fc.Arbitrary<string | Buffer> = fc.constantFrom(
  '',
  '{',
  'null',
  '[]',
  '1e999',
  '{"title":1e999,"limit":1e999}',
  '{"role":"admin","role":"viewer"}',
  '\uFEFF{"role":"user"}',
  '{"__proto__":{"admin":true}}',
  Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  '{"email":"ada@example.org\\u0000"}',
  deeplyNestedJson(10_000, true),
  deeplyNestedJson(100_000, false)
);

function encodeQuery(value: Record<string, unknown>): string {
  return Object.entries(value)
    .flatMap(([key, item]) => (Array.isArray(item) ? item : [item]).map((entry) => `${percentEncode(key)}=${percentEncode(queryText(entry))}`))
    .join('&');
}

function queryText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
