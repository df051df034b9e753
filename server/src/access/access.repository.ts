import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';
import type { ComplaintSubject, PhotoAttachments } from './access-rules';

const subjectSelect = { officeId: true, cadreId: true, reporterUserId: true } as const;

/** What the access rule reads: who a complaint belongs to, and everything a photo is attached to. */
@Injectable()
export class AccessRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  complaintSubject(id: number): Promise<ComplaintSubject | null> {
    return this.prisma.complaint.findUnique({ where: { id }, select: subjectSelect });
  }

  /** An unknown id is attached to nothing (the download then answers 404 for the missing file). */
  async photoAttachments(uploadId: string): Promise<PhotoAttachments> {
    const [upload, complaints, followUps, letters, articles] = await Promise.all([
      this.prisma.upload.findUnique({ where: { id: uploadId }, select: { checkState: true } }),
      this.prisma.complaintPhoto.findMany({ where: { uploadId }, select: { complaint: { select: subjectSelect } } }),
      this.prisma.followUpPhoto.findMany({ where: { uploadId }, select: { followUp: { select: { cadreId: true, complaint: { select: subjectSelect } } } } }),
      this.prisma.commitmentLetter.findMany({
        where: { photoUploadId: uploadId },
        select: { cadreId: true, business: { select: { street: { select: { officeId: true } } } } },
      }),
      this.prisma.articleImage.findMany({ where: { uploadId }, select: { article: { select: { status: true } } } }),
    ]);
    return {
      risky: upload?.checkState === 'RISKY',
      complaints: complaints.map((p) => p.complaint),
      followUps: followUps.map((p) => p.followUp),
      letters: letters.map((l) => ({ cadreId: l.cadreId, officeId: l.business.street.officeId })),
      articles: articles.map((a) => a.article),
    };
  }
}
