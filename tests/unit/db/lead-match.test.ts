import { describe, expect, it } from 'vitest';
import { leadMatcher, leadPattern } from '$lib/db/lead-match';

describe('the lead filter', () => {
  it('matches any part of the name, ignoring case and surrounding spaces', () => {
    const matches = leadMatcher('  lace ');
    expect(matches('Ada Lovelace')).toBe(true);
    expect(matches('ADA LOVELACE')).toBe(true);
    expect(matches('Grace Hopper')).toBe(false);
    expect(leadMatcher('grace h')('Grace Hopper')).toBe(true);
    expect(leadMatcher('zoë')('Zoë Ndlovu')).toBe(true);
    expect(leadMatcher('ZOË')('zoë ndlovu')).toBe(true);
  });

  it('treats the text literally, never as a pattern', () => {
    expect(leadMatcher('.*')('Ada Lovelace')).toBe(false);
    expect(leadMatcher('O’Brien (acting)')('Dr O’Brien (acting)')).toBe(true);
    expect(leadMatcher('a+b')('aab')).toBe(false);
    expect(leadPattern('a+b')).toBe('a\\+b');
  });

  it('lets every lead through when nothing is typed', () => {
    expect(leadMatcher('')('anyone')).toBe(true);
    expect(leadMatcher('   ')('')).toBe(true);
    expect(leadPattern('  ')).toBe('');
  });
});
