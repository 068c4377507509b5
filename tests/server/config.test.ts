import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../sync-server/config';

describe('loadConfig', () => {
  it('runs on the embedded defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '.data',
      logLevel: 'info',
      demoData: true,
      demoInteractions: 500,
      staticDir: 'build'
    });
  });

  it('reads numbers and booleans from their text form', () => {
    expect(loadConfig({ PORT: '8080', DEMO_DATA: 'false', DEMO_INTERACTIONS: '20' })).toMatchObject({
      port: 8080,
      demoData: false,
      demoInteractions: 20
    });
  });

  it('leaves demo data off for a real Postgres unless asked for', () => {
    const url = 'postgres://app@db.internal:5432/ims';
    expect(loadConfig({ DATABASE_URL: url }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('names each bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL|PORT[\s\S]*LOG_LEVEL[\s\S]*DATABASE_URL/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
