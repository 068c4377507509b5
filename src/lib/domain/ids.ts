export interface UuidV7Source {
  /** Milliseconds since the epoch; the current time when omitted. */
  timeMs?: number;
  /** Fills the random part; the platform's cryptographic generator when omitted. */
  fillRandom?: (bytes: Uint8Array) => void;
}

/**
 * A UUIDv7 (RFC 9562): a 48-bit millisecond timestamp followed by random bits. Made on the client
 * because records are created offline; the time prefix keeps index inserts roughly in order.
 */
export function uuidv7(source: UuidV7Source = {}): string {
  const bytes = new Uint8Array(16);
  (source.fillRandom ?? ((b) => crypto.getRandomValues(b)))(bytes);
  const time = source.timeMs ?? Date.now();
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(time / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
