import { describe, expect, it } from 'vitest';
import { describeLine, requestLogLevel, routineRequestLevel, SLOW_REQUEST_MS } from '../../sync-server/logging';

const quick = { durationMs: 12, streaming: false };

describe('requestLogLevel', () => {
  it('logs a routine success at the routine level: debug in development, info elsewhere', () => {
    expect(requestLogLevel({ ...quick, statusCode: 200 }, routineRequestLevel('development'))).toBe('debug');
    expect(requestLogLevel({ ...quick, statusCode: 304 }, routineRequestLevel('production'))).toBe('info');
    expect(requestLogLevel({ ...quick, statusCode: 204 }, routineRequestLevel('test'))).toBe('info');
  });

  it('logs a server error as an error, however quick', () => {
    expect(requestLogLevel({ ...quick, statusCode: 500 }, 'debug')).toBe('error');
    expect(requestLogLevel({ ...quick, statusCode: 503 }, 'debug')).toBe('error');
  });

  it('keeps a refused request visible at info, even in development', () => {
    for (const statusCode of [400, 401, 404, 429]) {
      expect(requestLogLevel({ ...quick, statusCode }, 'debug')).toBe('info');
    }
  });

  it('warns about a request slower than a second, whatever its status', () => {
    expect(requestLogLevel({ statusCode: 200, durationMs: SLOW_REQUEST_MS + 1, streaming: false }, 'debug')).toBe('warn');
    expect(requestLogLevel({ statusCode: 404, durationMs: 4_000, streaming: false }, 'debug')).toBe('warn');
    expect(requestLogLevel({ statusCode: 200, durationMs: SLOW_REQUEST_MS, streaming: false }, 'debug')).toBe('debug');
  });

  it('never calls an event stream slow: it is open for as long as its tab', () => {
    expect(requestLogLevel({ statusCode: 200, durationMs: 600_000, streaming: true }, 'debug')).toBe('debug');
  });

  it('calls a slow server error an error', () => {
    expect(requestLogLevel({ statusCode: 502, durationMs: 30_000, streaming: false }, 'debug')).toBe('error');
  });
});

describe('describeLine (the development log format)', () => {
  it('writes a finished request as method, path, status and duration', () => {
    const line = { msg: 'request completed', method: 'GET', url: '/api/health', res: { statusCode: 200 }, responseTime: 3.4 };
    expect(describeLine(line, 'msg')).toBe('GET /api/health → 200 in 3 ms');
  });

  it('writes an incoming request as method and path', () => {
    expect(describeLine({ msg: 'incoming request', req: { method: 'POST', url: '/api/sync/x/push' } }, 'msg')).toBe(
      'POST /api/sync/x/push …'
    );
  });

  it('leaves any other line’s message as it is', () => {
    expect(describeLine({ msg: 'ready: open http://localhost:3000' }, 'msg')).toBe('ready: open http://localhost:3000');
  });
});
