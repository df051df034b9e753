import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import { PRISMA, type Prisma } from '../database/database';

/**
 * Who may look at a photo. Once attached to a complaint it is evidence: only the reporter, the handling
 * office, the responsible cadre and the admin see it. Before that (the form's preview) the unguessable id is enough.
 */
@Injectable()
export class PhotoAccessService {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async canSee(uploadId: string, user: AuthUser | undefined): Promise<boolean> {
    const attached = await this.prisma.complaintPhoto.findMany({
      where: { uploadId },
      select: { complaint: { select: { officeId: true, cadreId: true, reporterUserId: true } } },
    });
    if (attached.length === 0) return true;
    if (!user) return false;
    return attached.some(({ complaint: c }) =>
      user.role === 'ADMIN' ||
      c.reporterUserId === user.id ||
      (user.role === 'OFFICE_STAFF' && user.officeId !== null && c.officeId === user.officeId) ||
      (user.role === 'CADRE' && user.cadreId !== null && c.cadreId === user.cadreId),
    );
  }
}
