import type { Readable } from 'node:stream';

/** Where photo bytes live: local disk in the embedded mode, S3-compatible object storage in production. */
export type PhotoStorage = {
  /** Resolves once the object is durably stored; rejects otherwise. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** null when nothing is stored under the key. */
  open(key: string): Promise<{ stream: Readable; bytes: number | undefined } | null>;
  /** Best effort: an object whose database row could not be written. */
  remove(key: string): Promise<void>;
};

export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');

/** Keys are made by the server; anything else is a bug, never a path to follow. */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9/_.-]*$/.test(key) || key.includes('..') || key.includes('//')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}

/** `photos/ab/<uuid>.jpg`: the first two characters spread objects over 256 folders on disk. */
export function photoKey(id: string): string {
  return `photos/${id.slice(0, 2)}/${id}.jpg`;
}
