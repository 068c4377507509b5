import { describe, expect, it } from 'vitest';
import { EMAIL_MAX_LENGTH, emailKey, isEmailAddress } from '../../../src/lib/domain';

describe('isEmailAddress', () => {
  it.each(['ada@example.org', 'Ada.Lindqvist+ims@mail.example.co.uk'])('accepts %s', (value) => {
    expect(isEmailAddress(value)).toBe(true);
  });

  it.each(['ada', 'ada@', '@example.org', 'ada@example', 'ada lindqvist@example.org', ''])('refuses %j', (value) => {
    expect(isEmailAddress(value)).toBe(false);
  });

  it('refuses an address longer than the column', () => {
    expect(isEmailAddress(`${'a'.repeat(EMAIL_MAX_LENGTH)}@example.org`)).toBe(false);
  });
});

describe('emailKey', () => {
  it('compares addresses ignoring case and surrounding space', () => {
    expect(emailKey('  ADA@Example.org ')).toBe(emailKey('ada@example.org'));
  });
});
