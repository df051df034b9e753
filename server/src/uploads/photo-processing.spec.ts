import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainException } from '../common/domain-exception';
import { gpsFromExif, MAX_SIDE, reencodePhoto, sniffImageType } from './photo-processing';
import { aPhoto } from './testing/photo-builder';

async function refusal(promise: Promise<unknown>): Promise<DomainException> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainException);
  return err as DomainException;
}

async function exifOf(photo: Buffer): Promise<Buffer> {
  const { exif } = await sharp(photo).metadata();
  if (!exif) throw new Error('test photo has no EXIF');
  return exif;
}

/** A valid PNG header claiming width × height, with almost no pixel data: a decompression bomb's shape. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

describe('photo type by content', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', async () => {
    expect(sniffImageType(await aPhoto().jpeg().build())).toBe('image/jpeg');
    expect(sniffImageType(await aPhoto().png().build())).toBe('image/png');
    expect(sniffImageType(await aPhoto().webp().build())).toBe('image/webp');
  });

  it('does not recognise GIF, PDF, text, or nothing', async () => {
    expect(sniffImageType(await aPhoto().gif().build())).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7\n1 0 obj\n'))).toBeNull();
    expect(sniffImageType(Buffer.from('这不是照片'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
  });
});

describe('GPS suggestion from EXIF', () => {
  it('reads north-east coordinates as positive decimal degrees', async () => {
    const exif = await exifOf(await aPhoto().takenAt(31.230416, 121.473701).build());
    const location = gpsFromExif(exif);
    expect(location?.lat).toBeCloseTo(31.230416, 5);
    expect(location?.lng).toBeCloseTo(121.473701, 5);
  });

  it('makes south and west negative', async () => {
    const location = gpsFromExif(await exifOf(await aPhoto().takenAt(-33.8688, -70.6693).build()));
    expect(location?.lat).toBeCloseTo(-33.8688, 5);
    expect(location?.lng).toBeCloseTo(-70.6693, 5);
  });

  it('gives no suggestion without GPS, for 0/0 (no fix), or for EXIF that cannot be read', async () => {
    expect(gpsFromExif(await exifOf(await aPhoto().onDevice('HUAWEI', 'P60 Pro').build()))).toBeNull();
    expect(gpsFromExif(await exifOf(await aPhoto().takenAt(0, 0).build()))).toBeNull();
    expect(gpsFromExif(Buffer.from('Exif\0\0garbage'))).toBeNull();
  });
});

describe('re-encoding a photo', () => {
  it('strips every EXIF field (GPS, device, timestamp) but returns the GPS position as a suggestion', async () => {
    const original = await aPhoto().jpeg().takenAt(31.230416, 121.473701).onDevice('HUAWEI', 'P60 Pro').takenOn('2025:05:01 10:30:00').build();
    const traces = ['Exif\0', 'HUAWEI', 'P60 Pro', '2025:05:01'];
    for (const trace of traces) expect(original.includes(trace)).toBe(true);

    const photo = await reencodePhoto(original);

    const meta = await sharp(photo.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    for (const trace of traces) expect(photo.data.includes(trace)).toBe(false);
    expect(photo.location?.lat).toBeCloseTo(31.230416, 5);
    expect(photo.location?.lng).toBeCloseTo(121.473701, 5);
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 320, height: 240 });
  });

  it('turns the picture upright by its EXIF orientation before dropping the tag', async () => {
    const photo = await reencodePhoto(await aPhoto().size(300, 100).rotatedTag(6).build());
    expect([photo.width, photo.height]).toEqual([100, 300]);
    const meta = await sharp(photo.data).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([100, 300, undefined]);
  });

  it('caps the longest side and keeps the aspect ratio; small photos are not enlarged', async () => {
    const big = await reencodePhoto(await aPhoto().size(3200, 1600).build());
    expect([big.width, big.height]).toEqual([MAX_SIDE, MAX_SIDE / 2]);
    const small = await reencodePhoto(await aPhoto().size(200, 150).build());
    expect([small.width, small.height]).toEqual([200, 150]);
  });

  it('accepts PNG and WebP and stores them as JPEG, transparency flattened onto white', async () => {
    for (const original of [await aPhoto().png().transparent().build(), await aPhoto().webp().build()]) {
      const photo = await reencodePhoto(original);
      const meta = await sharp(photo.data).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.hasAlpha).toBe(false);
      expect(photo.location).toBeNull();
    }
  });

  it('refuses what is not a JPEG, PNG or WebP, whatever it claims to be', async () => {
    for (const notPhoto of [Buffer.from('举报内容.txt 改名为 x.jpg'), Buffer.from('%PDF-1.7\n'), await aPhoto().gif().build()]) {
      expect((await refusal(reencodePhoto(notPhoto))).code).toBe('UPLOAD_NOT_IMAGE');
    }
  });

  it('refuses a truncated or corrupt image with UPLOAD_CORRUPT', async () => {
    const jpeg = await aPhoto().jpeg().build();
    const png = await aPhoto().png().build();
    const webp = await aPhoto().webp().build();
    const damaged = [
      jpeg.subarray(0, Math.floor(jpeg.length / 2)),
      png.subarray(0, Math.floor(png.length / 2)),
      webp.subarray(0, Math.floor(webp.length / 2)),
      Buffer.concat([jpeg.subarray(0, 3), Buffer.alloc(2000, 0x42)]),
    ];
    for (const image of damaged) {
      const err = await refusal(reencodePhoto(image));
      expect(err.code).toBe('UPLOAD_CORRUPT');
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const err = await refusal(reencodePhoto(pngClaiming(20_000, 20_000)));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toContain('分辨率');
  });

  it('takes a 12-megapixel phone photo and refuses one of more than 16 megapixels (four of those decoded at once passed 250 MB)', async () => {
    const phone = await reencodePhoto(await aPhoto().size(4000, 3000).jpeg().build());
    expect([phone.width, phone.height]).toEqual([MAX_SIDE, 1920]);
    const err = await refusal(reencodePhoto(pngClaiming(5000, 4000)));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe('照片分辨率过高（超过 1600 万像素），请缩小后再上传');
  });
});
