import fc from 'fast-check';

/**
 * Values a broken or hostile client sends, grouped by what they attack. Used both on their own and
 * in place of one part of an otherwise valid request.
 */

/** Text that breaks storage, encodings or length assumptions. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'before\u0000after',
    '\uD800',
    'lone \uDFFF low',
    '\uDBFF\uDFFF',
    '\u202Eevil',
    '\uFEFF',
    '%00',
    '%',
    '%E0%A4%A',
    "'; DROP TABLE interactions; --",
    '\\',
    '{"a":1}',
    'null',
    'undefined',
    '__proto__',
    'constructor'
  ),
  fc.constantFrom(1_000, 10_000, 200_000).map((length) => 'x'.repeat(length)),
  fc.constantFrom(101, 201, 501, 1001).map((length) => 'é'.repeat(length)),
  fc.string({ unit: 'binary', maxLength: 40 })
);

/** Instants outside the years 1000–9999 in UTC, or not instants at all, or at the edges. */
export const hostileInstant: fc.Arbitrary<string> = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0099-12-31T23:59:59Z',
  '0999-12-31T23:59:59Z',
  '1000-01-01T00:00:00+01:00',
  '1000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-01:00',
  '10000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-01-01T00:00:00-25:00',
  '2026-01-01T00:00:00+23:59',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-06-30T23:59:60Z',
  '2026-01-01',
  '2026-01-01T00:00:00',
  '2026-01-01T00:00:00.1234567890123Z',
  '2026-01-01t00:00:00z',
  '1970-01-01T00:00:00Z'
);

/** Numbers as a query string or a careless client spells them. */
export const hostileNumberText: fc.Arbitrary<string> = fc.constantFrom(
  'Infinity',
  '-Infinity',
  '1e999',
  '-1e999',
  'NaN',
  '-0',
  '0',
  '-1',
  '1.5',
  '0x10',
  '1e2',
  '9007199254740993',
  '99999999999999999999999',
  ' 1',
  '+1',
  'true',
  '[]'
);

/** JSON values of every kind and shape, for places that expect something else. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileInstant,
  fc.constantFrom(-0, -1, 0, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE),
  fc.constantFrom(true, false, null),
  // Parsed, so `__proto__` is an own property as a client's JSON makes it, not the literal's prototype.
  fc.constantFrom([], {}, [null], { '': '' }, JSON.parse('{"__proto__":{"polluted":true}}')),
  deepNesting(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 })
);

/**
 * Arrays or objects nested far deeper than any real payload. Deeper still is sent as raw text
 * (`deeplyNestedJson`): JSON.stringify would overflow the stack building it.
 */
export function deepNesting(): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(64, 1_000), fc.boolean()).map(([depth, asArray]) => {
    let value: unknown = 'bottom';
    for (let level = 0; level < depth; level++) value = asArray ? [value] : { a: value };
    return value;
  });
}

/** Path segments that are not what the route expects, including percent-encodings that do not decode. */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '%',
    '%2',
    '%E0%A4%A',
    '%C0%AF',
    '%FF%FE',
    '%00',
    '%D8%00',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    'null',
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '517e0000-0000-4000-8000-00000000000G',
    '517e0000-0000-4000-8000-0000000000010',
    '517e00000000400080000000000000001',
    '{517e0000-0000-4000-8000-000000000001}'
  ),
  fc.constantFrom(37, 101, 2_000, 20_000).map((length) => 'a'.repeat(length)),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map(percentEncode)
);

/** Raw query-string parameters, written as they go on the wire. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  hostileNumberText,
  hostileInstant.map(percentEncode),
  hostileText.map((text) => percentEncode(text.slice(0, 5_000))),
  fc.constantFrom('%', '%E0%A4%A', '%00', '%FF', '%uD800', '%%', '+', '&', '=', '%0A%0D')
);

/** Content types a request body may be announced with. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=fuzz',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/merge-patch+json',
      'application/json, text/plain',
      'APPLICATION/JSON',
      'application/octet-stream',
      ''
    )
  }
);

/**
 * Percent-encodes text byte by byte as UTF-8. Unlike encodeURIComponent it never throws: a lone
 * surrogate goes out as the replacement character's bytes, as a browser would send it.
 */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** JSON text nested `depth` levels deep, written directly. */
export function deeplyNestedJson(depth: number, asArray: boolean): string {
  return asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
