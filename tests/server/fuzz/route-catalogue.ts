import { channel } from 'node:diagnostics_channel';
import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';

/** One route of the real app as it was declared: what the fuzzer derives its requests from. */
export interface CataloguedRoute {
  method: HTTPMethods;
  /** The path pattern, e.g. `/api/sync/:siteId/push`. */
  url: string;
  params?: JsonSchema;
  querystring?: JsonSchema;
  body?: JsonSchema;
}

/** The parts of JSON Schema the app's TypeBox schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxItems?: number;
  anyOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/**
 * Runs `build` (which creates the app) while listening on Fastify's documented
 * `fastify.initialization` channel, so an `onRoute` hook sits on the new instance before any of the
 * app's plugins add a route: every route is seen with the schema it was registered with, including
 * those of plugins (static files) that tests never name.
 */
export async function withRouteCatalogue<T extends { app: FastifyInstance }>(
  build: () => Promise<T>
): Promise<T & { routes: CataloguedRoute[] }> {
  const initialization = channel('fastify.initialization');
  const routes: CataloguedRoute[] = [];
  const onInitialization = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      routes.push(...catalogued(route));
    });
  };
  initialization.subscribe(onInitialization);
  try {
    return { ...(await build()), routes };
  } finally {
    initialization.unsubscribe(onInitialization);
  }
}

function catalogued(route: RouteOptions): CataloguedRoute[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const schema = (route.schema ?? {}) as Record<string, JsonSchema | undefined>;
  return methods.map((method) => ({
    method,
    url: route.url,
    params: schema.params,
    querystring: schema.querystring,
    body: schema.body
  }));
}
