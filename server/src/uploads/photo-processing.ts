import exifReader from 'exif-reader';
import sharp from 'sharp';
import type { PhotoLocation, UploadAcceptedMime } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';

/** Longest side kept: enough to read a licence or a date stamp, small enough for a phone on 4G. */
export const MAX_SIDE = 2560;
/**
 * Decoding more pixels than this is refused before it is attempted (a 10 MB PNG can hold a decompression bomb).
 * 16 megapixels: a phone's 12 MP photo (4000 × 3000) passes. test/bench/photo-memory.mjs prints what four photos
 * sent at once add to the process: at 16 MP, two decoded at a time (below), JPEG 140 MB, PNG 175 MB, WebP 248 MB;
 * at the former limit of 100 MP, four at once, PNG about 500 MB.
 */
export const MAX_INPUT_PIXELS = 16_000_000;
const JPEG_QUALITY = 82;

export type ProcessedPhoto = {
  data: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** From the original's EXIF GPS, before stripping; nothing else of the EXIF is kept. */
  location: PhotoLocation | null;
};

const SHARP_FORMAT: Record<UploadAcceptedMime, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/** The type from the first bytes, whatever the file is called or claims to be. */
export function sniffImageType(data: Buffer): UploadAcceptedMime | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Decimal degrees from EXIF GPS (degrees, minutes, seconds and a hemisphere letter); null when absent or implausible. */
export function gpsFromExif(exif: Buffer): PhotoLocation | null {
  let gps;
  try {
    gps = exifReader(exif).GPSInfo;
  } catch {
    return null; // unreadable EXIF costs only the suggestion, never the photo
  }
  if (!gps) return null;
  const lat = toDegrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'S', 90);
  const lng = toDegrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'W', 180);
  if (lat === null || lng === null) return null;
  // Phones without a fix write 0/0 ("null island"); no food business stands there.
  if (lat === 0 && lng === 0) return null;
  return { lat, lng };
}

function toDegrees(value: unknown, ref: unknown, negative: 'S' | 'W', limit: number): number | null {
  const parts = Array.isArray(value) ? value : typeof value === 'number' ? [value] : null;
  if (!parts || parts.length === 0 || parts.length > 3 || !parts.every((p) => typeof p === 'number' && Number.isFinite(p) && p >= 0)) return null;
  const [d = 0, m = 0, s = 0] = parts as number[];
  const degrees = d + m / 60 + s / 3600;
  if (degrees > limit) return null;
  const signed = typeof ref === 'string' && ref.trim().toUpperCase() === negative ? -degrees : degrees;
  // Six decimals is about 0.1 m: more than any phone's fix, and no more than the photo said.
  return Math.round(signed * 1e6) / 1e6;
}

/**
 * Checks the photo by content and re-encodes it: upright by its EXIF orientation, at most MAX_SIDE,
 * as JPEG with no metadata at all (GPS, device make and model, timestamps, XMP, ICC are dropped).
 *
 * JPEG for every input: one format that WeChat on old phones, office PCs and the evidence exports all show,
 * and far smaller than PNG for photographs. Transparent PNG/WebP (screenshots) are flattened onto white.
 */
export function reencodePhoto(input: Buffer): Promise<ProcessedPhoto> {
  return decodeSlots.run(() => reencodeNow(input));
}

/**
 * At most this many photos are decoded at a time in the process; others wait their turn. Two keep both cores busy;
 * more would not finish sooner, only hold more decoded pixels at once (four 16 MP WebP decoded at once added
 * 290–330 MB, two at a time 248 MB; one at a time was no better, the allocator keeps what it was given).
 */
export const DECODE_CONCURRENCY = 2;

class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line (active stays counted), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const decodeSlots = new Slots(DECODE_CONCURRENCY);

async function reencodeNow(input: Buffer): Promise<ProcessedPhoto> {
  const sniffed = sniffImageType(input);
  if (!sniffed) throw new DomainException('UPLOAD_NOT_IMAGE');

  const options = { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 } as const;
  let metadata: sharp.Metadata;
  try {
    // Only the header is read here, so no pixel limit yet: the check below gives the clearer refusal.
    metadata = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw new DomainException('UPLOAD_CORRUPT');
  }
  // A PNG header in front of something else is not a PNG.
  if (metadata.format !== SHARP_FORMAT[sniffed]) throw new DomainException('UPLOAD_CORRUPT');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_INPUT_PIXELS) {
    throw new DomainException('PAYLOAD_TOO_LARGE', '照片分辨率过高（超过 1600 万像素），请缩小后再上传');
  }
  const location = metadata.exif ? gpsFromExif(metadata.exif) : null;

  try {
    const { data, info } = await sharp(input, options)
      .autoOrient()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { data, mime: 'image/jpeg', width: info.width, height: info.height, location };
  } catch {
    // Headers can be intact while the pixel data is cut off or damaged; only decoding finds out.
    throw new DomainException('UPLOAD_CORRUPT');
  }
}
