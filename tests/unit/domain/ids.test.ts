import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from '$lib/domain';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const fillWith = (byte: number) => (bytes: Uint8Array) => bytes.fill(byte);

/** The 48-bit millisecond timestamp a UUIDv7 starts with. */
function timeOf(id: string): number {
  return parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

describe('uuidv7', () => {
  it('has the version 7 and RFC 9562 variant layout', () => {
    expect(uuidv7()).toMatch(UUID_V7);
  });

  it.each([0x00, 0xff])('keeps the version and variant bits when every random byte is %i', (b) => {
    expect(uuidv7({ timeMs: 0, fillRandom: fillWith(b) })).toMatch(UUID_V7);
  });

  it('starts with the given time in milliseconds', () => {
    const id = uuidv7({ timeMs: 0x0123456789ab, fillRandom: fillWith(0) });
    expect(id).toBe('01234567-89ab-7000-8000-000000000000');
  });

  it('uses the current time when none is given', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(Date.now());
  });

  it('sorts by time whatever the random part', () => {
    const earlier = uuidv7({ timeMs: 1_767_225_600_000, fillRandom: fillWith(0xff) });
    const later = uuidv7({ timeMs: 1_767_225_600_001, fillRandom: fillWith(0x00) });
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it('is deterministic for a given time and random source', () => {
    const source = { timeMs: 1_767_225_600_000, fillRandom: fillWith(0x5a) };
    expect(uuidv7(source)).toBe(uuidv7(source));
  });

  it('differs between calls in the same millisecond with the platform random source', () => {
    expect(uuidv7({ timeMs: 1_767_225_600_000 })).not.toBe(uuidv7({ timeMs: 1_767_225_600_000 }));
  });
});

describe('isUuid', () => {
  it.each([
    ['a generated UUIDv7', uuidv7()],
    ['an upper-case UUIDv4', '3F2504E0-4F89-41D3-9A0C-0305E82C3301']
  ])('accepts %s', (_, value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['free text', 'not-a-uuid'],
    ['a UUID without hyphens', '3f2504e04f8941d39a0c0305e82c3301'],
    ['a UUID one digit short', '3f2504e0-4f89-41d3-9a0c-0305e82c330'],
    ['a UUID with a non-hex digit', '3f2504e0-4f89-41d3-9a0c-0305e82c330g']
  ])('rejects %s', (_, value) => {
    expect(isUuid(value)).toBe(false);
  });
});
