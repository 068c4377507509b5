import { describe, expect, it } from 'vitest';
import { loginUrl, safeReturnTo } from '$lib/auth/return-to';

describe('safeReturnTo', () => {
  it('keeps a path inside the app, with its query and hash', () => {
    expect(safeReturnTo('/interactions/123?tab=notes#history')).toBe('/interactions/123?tab=notes#history');
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['absolute URL', 'https://evil.example/'],
    ['protocol-relative', '//evil.example/path'],
    ['backslash', '/\\evil.example'],
    ['tab the URL parser drops', '/\t/evil.example'],
    ['script URL', 'javascript:alert(1)'],
    ['the login page itself', '/login?returnTo=%2F'],
    ['the callback', '/login/callback?code=abc']
  ])('falls back to / for %s', (_name, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});

describe('loginUrl', () => {
  it('remembers where the user was going', () => {
    expect(loginUrl('/interactions/new?site=1')).toBe('/login?returnTo=%2Finteractions%2Fnew%3Fsite%3D1');
  });

  it('leaves out a return to the start page', () => {
    expect(loginUrl('/')).toBe('/login');
  });
});
