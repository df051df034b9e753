import { z } from 'zod';

// The plain constants live in a zod-free module, so the portal's first page can use them without loading zod.
export { UPLOAD_FIELD, UPLOAD_MAX_BYTES } from './portal-constants';
/** Checked by content, not by file name or declared type. */
export const UPLOAD_ACCEPTED_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadAcceptedMime = (typeof UPLOAD_ACCEPTED_MIMES)[number];

/**
 * Where the photo was taken, read from its EXIF GPS before the EXIF is stripped: only a suggestion for the
 * complaint's location. WGS-84 as the phone records it; maps in China (GCJ-02) need it converted.
 */
export const photoLocation = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type PhotoLocation = z.infer<typeof photoLocation>;

/** The stored photo: always re-encoded (EXIF stripped), so `mime` is what is served, not what was sent. */
export const uploadResponse = z.object({
  id: z.string().uuid(),
  mime: z.literal('image/jpeg'),
  bytes: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  location: photoLocation.nullable(),
});
export type UploadResponse = z.infer<typeof uploadResponse>;

export const uploadIdParams = z.object({ id: z.string().uuid('照片编号格式不正确') });
export type UploadIdParams = z.infer<typeof uploadIdParams>;
