import { Inject, Injectable } from '@nestjs/common';
import type { ContentFlag, MediaCheckState } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { photoFlag, weakerThan } from './content-flags';

/** The only place that reads and writes content-check state: photos' checks and the flags they put on records. */
@Injectable()
export class ContentSafetyRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async openidOf(userId: number): Promise<string | null> {
    const u = await this.prisma.user.findUnique({ where: { id: userId }, select: { openid: true } });
    return u?.openid ?? null;
  }

  async photoStates(ids: readonly string[]): Promise<{ id: string; checkState: MediaCheckState | null }[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.upload.findMany({ where: { id: { in: [...ids] } }, select: { id: true, checkState: true } });
    return rows.map((r) => ({ id: r.id, checkState: r.checkState as MediaCheckState | null }));
  }

  /** Only a photo not yet checked: a photo attached twice is checked once. */
  async markPending(id: string, traceId: string): Promise<void> {
    await this.prisma.upload.updateMany({ where: { id, checkState: null }, data: { checkState: 'PENDING', checkTraceId: traceId } });
  }

  async markUnchecked(id: string, at: Date): Promise<void> {
    await this.prisma.upload.updateMany({ where: { id, checkState: null }, data: { checkState: 'UNCHECKED', checkedAt: at } });
  }

  /**
   * WeChat's verdict for a trace id: recorded once (only a PENDING photo moves), and the complaints and follow-ups
   * showing the photo get its flag unless they already carry a stronger one. False: unknown or already recorded.
   */
  applyVerdict(traceId: string, state: MediaCheckState, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const moved = await tx.upload.updateMany({ where: { checkTraceId: traceId, checkState: 'PENDING' }, data: { checkState: state, checkedAt: at } });
      if (moved.count === 0) return false;
      const flag: ContentFlag | null = photoFlag(state);
      if (!flag) return true;
      const upload = await tx.upload.findUniqueOrThrow({ where: { checkTraceId: traceId }, select: { id: true } });
      const weaker = weakerThan(flag);
      const replaceable = { OR: [{ contentFlag: null }, { contentFlag: { in: weaker.filter((f): f is ContentFlag => f !== null) } }] };
      await tx.complaint.updateMany({ where: { photos: { some: { uploadId: upload.id } }, ...replaceable }, data: { contentFlag: flag } });
      await tx.followUp.updateMany({ where: { photos: { some: { uploadId: upload.id } }, ...replaceable }, data: { contentFlag: flag } });
      return true;
    });
  }
}
