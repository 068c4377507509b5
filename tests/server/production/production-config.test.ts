import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../sync-server/config';

/** A production environment that passes every check; each test breaks one thing. */
const SAFE_PRODUCTION: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  DATABASE_URL: 'postgres://ims@db.internal:5432/ims',
  AUTH0_DOMAIN: 'tenant.eu.auth0.com',
  AUTH0_AUDIENCE: 'urn:ims:api'
};

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig with NODE_ENV=production', () => {
  it('accepts a safe production environment', () => {
    expect(loadConfig(SAFE_PRODUCTION)).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0', demoData: false });
  });

  it('refuses the dev issuer, naming AUTH_MODE', () => {
    const { AUTH0_DOMAIN: _domain, AUTH0_AUDIENCE: _audience, ...withoutIssuer } = SAFE_PRODUCTION;
    expect(refusal(withoutIssuer)).toMatch(/AUTH_MODE: the dev issuer/);
    expect(refusal({ ...SAFE_PRODUCTION, AUTH_MODE: 'dev' })).toMatch(/AUTH_MODE: the dev issuer/);
  });

  it('refuses a missing audience, naming AUTH0_AUDIENCE', () => {
    expect(refusal({ ...SAFE_PRODUCTION, AUTH0_AUDIENCE: '' })).toMatch(/needs AUTH0_AUDIENCE/);
  });

  it('refuses a wildcard CORS origin, naming CORS_ORIGINS', () => {
    expect(refusal({ ...SAFE_PRODUCTION, CORS_ORIGINS: 'https://ims.example.org, *' })).toMatch(/CORS_ORIGINS: "\*"/);
  });

  it('refuses demo data, naming DEMO_DATA', () => {
    expect(refusal({ ...SAFE_PRODUCTION, DEMO_DATA: 'true' })).toMatch(/DEMO_DATA/);
  });

  it('seeds no demo data into embedded PGlite by default', () => {
    const { DATABASE_URL: _url, ...embedded } = SAFE_PRODUCTION;
    expect(loadConfig(embedded).demoData).toBe(false);
  });

  it.each(['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1', 'localhost'])('refuses HOST=%s, saying it would serve only this machine', (host) => {
    const message = refusal({ ...SAFE_PRODUCTION, HOST: host });
    expect(message).toContain(`HOST: ${host} is a loopback address, so the process would serve only this machine`);
    expect(message).toContain('ALLOW_LOOPBACK_HOST=true');
  });

  it('refuses the default HOST, which is loopback', () => {
    const { HOST: _host, ...defaultHost } = SAFE_PRODUCTION;
    expect(refusal(defaultHost)).toMatch(/HOST: 127\.0\.0\.1/);
  });

  it('accepts a loopback HOST with ALLOW_LOOPBACK_HOST=true, for a proxy on the same machine', () => {
    expect(loadConfig({ ...SAFE_PRODUCTION, HOST: '127.0.0.1', ALLOW_LOOPBACK_HOST: 'true' }).host).toBe('127.0.0.1');
  });

  it('names every unsafe setting in one message', () => {
    const message = refusal({ ...SAFE_PRODUCTION, HOST: '127.0.0.1', DEMO_DATA: 'true', CORS_ORIGINS: '*' });
    expect(message).toMatch(/CORS_ORIGINS[\s\S]*DEMO_DATA[\s\S]*HOST/);
  });

  it('allows in development what it refuses in production', () => {
    expect(loadConfig({ CORS_ORIGINS: '*', DEMO_DATA: 'true' })).toMatchObject({ corsOrigins: ['*'], demoData: true });
  });
});

describe('loadConfig: pool, timeouts and the metrics token', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      databasePoolSize: 10,
      statementTimeoutMs: 30_000,
      requestTimeoutMs: 30_000,
      shutdownTimeoutMs: 10_000,
      metricsToken: undefined
    });
  });

  it('reads each from its variable', () => {
    const config = loadConfig({
      DATABASE_POOL_SIZE: '4',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      REQUEST_TIMEOUT_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '25000',
      METRICS_TOKEN: 'a-long-enough-scrape-token'
    });
    expect(config).toMatchObject({
      databasePoolSize: 4,
      statementTimeoutMs: 0,
      requestTimeoutMs: 5000,
      shutdownTimeoutMs: 25_000,
      metricsToken: 'a-long-enough-scrape-token'
    });
  });

  it.each([
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-1'],
    ['REQUEST_TIMEOUT_MS', 'soon'],
    ['SHUTDOWN_TIMEOUT_MS', '0'],
    ['METRICS_TOKEN', 'short']
  ])('refuses %s=%s, naming it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`${variable}: `));
  });
});
