import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import { PRISMA, type Prisma } from '../database/database';

/**
 * Who may look at a photo. Once attached it is evidence or a record:
 * - a complaint's photo: its reporter, the handling office, the responsible cadre and the admin;
 * - a follow-up's photo: the handling office, the complaint's cadre (and the cadre who took it) and the admin,
 *   never the reporter or the public;
 * - a signed commitment letter's photo: the cadre who signed it, the office covering the business's street and the admin.
 * - an article's image (宣传) once every article showing it is withdrawn: the workbench's editors (admin, office
 *   staff) only; while a published article or a draft shows it, the unguessable id is enough (as at
 *   /api/v1/public/images), so the editor's plain <img> shows it.
 * Before that (a form's preview) the unguessable id is enough.
 * A photo WeChat's content check judged risky: only the handling office of its complaints and the admin.
 */
@Injectable()
export class PhotoAccessService {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async canSee(uploadId: string, user: AuthUser | undefined): Promise<boolean> {
    const upload = await this.prisma.upload.findUnique({ where: { id: uploadId }, select: { checkState: true } });
    if (upload?.checkState === 'RISKY') return this.canSeeRisky(uploadId, user);
    const [complaints, followUps, letters, articles] = await Promise.all([
      this.prisma.complaintPhoto.findMany({
        where: { uploadId },
        select: { complaint: { select: { officeId: true, cadreId: true, reporterUserId: true } } },
      }),
      this.prisma.followUpPhoto.findMany({
        where: { uploadId },
        select: { followUp: { select: { cadreId: true, complaint: { select: { officeId: true, cadreId: true } } } } },
      }),
      this.prisma.commitmentLetter.findMany({
        where: { photoUploadId: uploadId },
        select: { cadreId: true, business: { select: { street: { select: { officeId: true } } } } },
      }),
      this.prisma.articleImage.findMany({ where: { uploadId }, select: { article: { select: { status: true } } } }),
    ]);
    const withdrawnOnly = articles.length > 0 && articles.every((a) => a.article.status === 'WITHDRAWN');
    if (complaints.length === 0 && followUps.length === 0 && letters.length === 0 && !withdrawnOnly) return true;
    if (!user) return false;
    if (user.role === 'ADMIN') return true;
    const office = (officeId: number | null) => user.role === 'OFFICE_STAFF' && user.officeId !== null && officeId === user.officeId;
    const cadre = (cadreId: number | null) => user.role === 'CADRE' && user.cadreId !== null && cadreId === user.cadreId;
    return (
      (withdrawnOnly && user.role === 'OFFICE_STAFF') ||
      complaints.some(({ complaint: c }) => c.reporterUserId === user.id || office(c.officeId) || cadre(c.cadreId)) ||
      followUps.some(({ followUp: f }) => office(f.complaint.officeId) || cadre(f.complaint.cadreId) || cadre(f.cadreId)) ||
      letters.some((l) => cadre(l.cadreId) || office(l.business.street.officeId))
    );
  }

  private async canSeeRisky(uploadId: string, user: AuthUser | undefined): Promise<boolean> {
    if (!user) return false;
    if (user.role === 'ADMIN') return true;
    if (user.role !== 'OFFICE_STAFF' || user.officeId === null) return false;
    const officeId = user.officeId;
    const handled = await this.prisma.complaint.count({
      where: { officeId, OR: [{ photos: { some: { uploadId } } }, { followUps: { some: { photos: { some: { uploadId } } } } }] },
    });
    return handled > 0;
  }
}
