import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { unsafeProductionSettings } from './production-safety';
import { PACKAGE_JSON } from './project-files';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting the server reads, with its default. The README's configuration table mirrors it. */
const EnvironmentSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development'
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  ALLOW_LOOPBACK_HOST: Type.Boolean({ default: false }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 30_000 }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 30_000 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 10_000 }),
  DATA_DIR: Type.String({ minLength: 1, default: '.data' }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    { default: 'info' }
  ),
  DEMO_DATA: Type.Optional(Type.Boolean()),
  DEMO_INTERACTIONS: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 500 }),
  STATIC_DIR: Type.String({ minLength: 1, default: 'build' }),
  MODELS_DIR: Type.String({ minLength: 1, default: 'models' }),
  // A hub-style id (`owner/name`): it becomes a path under /models/ and on the public hub, so each
  // segment starts with a letter or digit and can never be `..`.
  EMBEDDING_MODEL: Type.String({
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$',
    maxLength: 200,
    default: 'Xenova/all-MiniLM-L6-v2'
  }),
  AUTH_MODE: Type.Optional(Type.Union([Type.Literal('dev'), Type.Literal('auth0')])),
  AUTH0_DOMAIN: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9.-]+$' })),
  AUTH0_AUDIENCE: Type.Optional(Type.String({ minLength: 1 })),
  AUTH0_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  AUTH_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  AUTH_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  CORS_ORIGINS: Type.String({ default: '' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  // Long enough that guessing it is out of the question.
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 }))
});

type Environment = Static<typeof EnvironmentSchema>;

export interface AppConfig {
  nodeEnv: Environment['NODE_ENV'];
  port: number;
  host: string;
  /** Production only: a loopback HOST is meant (a reverse proxy on the same machine is the only client). */
  allowLoopbackHost: boolean;
  databaseUrl?: string;
  /** Connections each instance's Postgres pool may open. */
  databasePoolSize: number;
  /** Postgres cancels a statement of the server's that runs longer (0: never). */
  statementTimeoutMs: number;
  /** Time allowed to receive a whole request, headers and body (0: unlimited). */
  requestTimeoutMs: number;
  /** After SIGTERM, how long open requests, streams and sockets get before the process exits anyway. */
  shutdownTimeoutMs: number;
  dataDir: string;
  logLevel: Environment['LOG_LEVEL'];
  /** Seed the demo sites, users and interactions into an empty database at start. */
  demoData: boolean;
  demoInteractions: number;
  /** The built PWA, served on the API's port. */
  staticDir: string;
  /** Sentence-embedding models in the hub's folder layout (`owner/name/…`), served at /models/. */
  modelsDir: string;
  /** The model the app embeds with for semantic search, by its hub id. */
  embeddingModel: string;
  appVersion: string;
  auth: AuthConfig;
  /** Origins allowed to call the API from another origin; the app's own origin needs no entry. */
  corsOrigins: string[];
  /** Requests a minute allowed per user (or per address, before sign-in). */
  rateLimitPerMinute: number;
  /** Behind a load balancer: take the client's address from X-Forwarded-For. */
  trustProxy: boolean;
  /** When set, GET /metrics answers only requests bearing it (`Authorization: Bearer …`). */
  metricsToken?: string;
}

export type AuthConfig =
  | { mode: 'dev' }
  | { mode: 'auth0'; issuer: string; audience: string; jwksUrl: string; domain?: string; clientId?: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and checks the configuration once, at boot. A bad value stops the start with a message
 * that names the variable, rather than failing later somewhere less obvious.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(EnvironmentSchema.properties);
  // An empty variable means "not set", as it does in most shells' `VAR= command` idiom.
  const given = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined && value !== '')
  );
  const candidate = Value.Convert(EnvironmentSchema, Value.Default(EnvironmentSchema, given));
  const problems = [...Value.Errors(EnvironmentSchema, candidate)].map(
    (error) => `${error.path.slice(1) || 'environment'}: ${error.message} (got ${JSON.stringify(error.value)})`
  );
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);

  const checked = candidate as Environment;
  const config: AppConfig = {
    nodeEnv: checked.NODE_ENV,
    port: checked.PORT,
    host: checked.HOST,
    allowLoopbackHost: checked.ALLOW_LOOPBACK_HOST,
    databaseUrl: checked.DATABASE_URL,
    databasePoolSize: checked.DATABASE_POOL_SIZE,
    statementTimeoutMs: checked.DATABASE_STATEMENT_TIMEOUT_MS,
    requestTimeoutMs: checked.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: checked.SHUTDOWN_TIMEOUT_MS,
    dataDir: checked.DATA_DIR,
    logLevel: checked.LOG_LEVEL,
    // Demo data is the embedded default's in development; a real Postgres gets it only when asked for.
    demoData: checked.DEMO_DATA ?? (checked.DATABASE_URL === undefined && checked.NODE_ENV !== 'production'),
    demoInteractions: checked.DEMO_INTERACTIONS,
    staticDir: checked.STATIC_DIR,
    modelsDir: checked.MODELS_DIR,
    embeddingModel: checked.EMBEDDING_MODEL,
    appVersion: readAppVersion(),
    auth: authConfig(checked),
    corsOrigins: checked.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    rateLimitPerMinute: checked.RATE_LIMIT_PER_MINUTE,
    trustProxy: checked.TRUST_PROXY,
    metricsToken: checked.METRICS_TOKEN
  };
  const unsafe = config.nodeEnv === 'production' ? unsafeProductionSettings(config) : [];
  if (unsafe.length > 0) throw new ConfigError(`Invalid configuration for NODE_ENV=production:\n  ${unsafe.join('\n  ')}`);
  return config;
}

/**
 * Auth0 when a tenant is named, the built-in dev issuer otherwise. AUTH_ISSUER and AUTH_JWKS_URL
 * override what the Auth0 domain implies, for another OpenID provider or a test issuer.
 */
function authConfig(env: Environment): AuthConfig {
  const mode = env.AUTH_MODE ?? (env.AUTH0_DOMAIN || env.AUTH_JWKS_URL ? 'auth0' : 'dev');
  if (mode === 'dev') return { mode };
  const domain = env.AUTH0_DOMAIN;
  const issuer = env.AUTH_ISSUER ?? (domain ? `https://${domain}/` : undefined);
  const jwksUrl = env.AUTH_JWKS_URL ?? (domain ? `https://${domain}/.well-known/jwks.json` : undefined);
  const missing = [
    !env.AUTH0_AUDIENCE && 'AUTH0_AUDIENCE',
    !issuer && 'AUTH0_DOMAIN (or AUTH_ISSUER)',
    !jwksUrl && 'AUTH0_DOMAIN (or AUTH_JWKS_URL)'
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  AUTH_MODE=auth0 needs ${missing.join(', ')}.`);
  }
  return {
    mode,
    issuer: issuer as string,
    audience: env.AUTH0_AUDIENCE as string,
    jwksUrl: jwksUrl as string,
    domain,
    clientId: env.AUTH0_CLIENT_ID
  };
}

function readAppVersion(): string {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  return String(pkg.version);
}
