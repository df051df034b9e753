import { createHmac, timingSafeEqual } from 'node:crypto';

/** SA20261129-000123: the Shanghai date of receipt and that day's sequence. */
export function formatTrackingNo(shanghaiDate: string, sequence: number): string {
  return `SA${shanghaiDate.replaceAll('-', '')}-${String(sequence).padStart(6, '0')}`;
}

// No 0/O, 1/I/L: the code is read off a phone screen and typed back by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * The query code is derived, not stored: HMAC of the tracking number and the submission's idempotency key,
 * so a retried submission gets the same code back and a leaked table reveals none.
 */
export function queryCodeFor(secret: string, trackingNo: string, idempotencyKey: string): string {
  const mac = createHmac('sha256', secret).update(`${trackingNo}\n${idempotencyKey}`).digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[mac[i]! % ALPHABET.length];
  return code;
}

export function queryCodeMatches(secret: string, trackingNo: string, idempotencyKey: string, given: string): boolean {
  const expected = Buffer.from(queryCodeFor(secret, trackingNo, idempotencyKey));
  const actual = Buffer.from(given.toUpperCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
