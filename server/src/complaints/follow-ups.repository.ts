import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintStatus, ContentFlag, FollowUpKind } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { attachableUploads } from '../uploads/attachable';

/** The only place that writes 跟进记录. */
@Injectable()
export class FollowUpsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** How many of these uploads the cadre may attach (see attachableUploads). */
  countAttachableUploads(ids: readonly string[], uploaderUserId: number) {
    return this.prisma.upload.count({ where: attachableUploads(ids, uploaderUserId) });
  }

  findCadre(id: number) {
    return this.prisma.cadre.findUnique({ where: { id }, select: { id: true, name: true, tier: true, title: true } });
  }

  /** The record, its photos and its audit entry (same status both sides, the note as the reason) in one transaction. */
  create(args: { complaintId: number; status: ComplaintStatus; cadreId: number; userId: number; kind: FollowUpKind; note: string; photoIds: string[]; contentFlag: ContentFlag | null; at: Date }) {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.followUp.create({
        data: { complaintId: args.complaintId, cadreId: args.cadreId, userId: args.userId, kind: args.kind, note: args.note, contentFlag: args.contentFlag, createdAt: args.at },
        select: { id: true, kind: true, note: true, createdAt: true, contentFlag: true },
      });
      if (args.photoIds.length > 0) {
        await tx.followUpPhoto.createMany({ data: args.photoIds.map((uploadId, position) => ({ followUpId: created.id, uploadId, position })) });
      }
      await tx.complaintEvent.create({
        data: {
          complaintId: args.complaintId,
          at: args.at,
          actorUserId: args.userId,
          actorRole: 'CADRE',
          action: 'followUp',
          fromStatus: args.status,
          toStatus: args.status,
          reason: args.note,
          payload: { followUpId: created.id, kind: args.kind },
        },
      });
      return { ...created, photos: args.photoIds.map((uploadId) => ({ uploadId })) };
    });
  }
}
