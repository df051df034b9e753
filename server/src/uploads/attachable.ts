import type { Prisma as P } from '@sa/db';

/**
 * The uploads a person may attach to a new report, reopening or follow-up: those they uploaded themselves, or
 * uploaded without a session (a guest's, whose id is the only proof of having sent it; a resident may sign in
 * half-way through the form), and in either case not attached to anything yet. Someone else's photo id, seen on a case they may read, attaches nothing (it would have
 * opened that photo to them through their own case).
 */
export function attachableUploads(ids: readonly string[], uploaderUserId: number | null | undefined): P.UploadWhereInput {
  return {
    id: { in: [...ids] },
    ...(uploaderUserId == null ? { uploaderUserId: null } : { OR: [{ uploaderUserId }, { uploaderUserId: null }] }),
    photos: { none: {} },
    followUpPhotos: { none: {} },
    articleImages: { none: {} },
  };
}
