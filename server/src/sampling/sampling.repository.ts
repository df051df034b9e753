import { Inject, Injectable } from '@nestjs/common';
import type { SamplingResult } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';

/** Office staff see the batches of their office's streets; the admin all. */
export type SamplingScope = { officeId: number } | { all: true };

export const batchSelect = {
  id: true,
  batchNo: true,
  sampledOn: true,
  product: true,
  foodCategory: true,
  result: true,
  failedItem: true,
  recordedAt: true,
  business: { select: { id: true, name: true, street: { select: { id: true, name: true } } } },
  complaint: { select: { id: true, trackingNo: true, status: true } },
} as const satisfies P.SamplingBatchSelect;
export type BatchRow = P.SamplingBatchGetPayload<{ select: typeof batchSelect }>;

export type BatchFilter = { scope: SamplingScope; result?: SamplingResult; from?: Date; to?: Date; q?: string };

export type NewBatch = {
  batchNo: string;
  sampledOn: Date;
  businessId: number;
  product: string;
  foodCategory: string;
  result: SamplingResult;
  failedItem: string | null;
  complaintId: number | null;
  recordedBy: number;
  recordedAt: Date;
};

const contains = (q: string) => ({ contains: q, mode: 'insensitive' as const });

/** The only place that reads and writes 抽检 batches. */
@Injectable()
export class SamplingRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  batchNoTaken(batchNo: string) {
    return this.prisma.samplingBatch.findUnique({ where: { batchNo }, select: { id: true } }).then((b) => b !== null);
  }

  /** A qualified batch on its own; an unqualified one is written by the case intake's transaction (`db` = its tx). */
  async create(b: NewBatch, db: P.TransactionClient | Prisma = this.prisma): Promise<number> {
    const row = await db.samplingBatch.create({ data: b, select: { id: true } });
    return row.id;
  }

  findById(id: number) {
    return this.prisma.samplingBatch.findUnique({ where: { id }, select: batchSelect });
  }

  async page(f: BatchFilter, paging: { limit: number; offset: number }): Promise<{ rows: BatchRow[]; total: number }> {
    const where: P.SamplingBatchWhereInput = {
      ...('officeId' in f.scope ? { business: { street: { officeId: f.scope.officeId } } } : {}),
      ...(f.result ? { result: f.result } : {}),
      ...(f.from || f.to ? { sampledOn: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
      ...(f.q
        ? { OR: [{ batchNo: contains(f.q) }, { product: contains(f.q) }, { failedItem: contains(f.q) }, { business: { name: contains(f.q) } }] }
        : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.samplingBatch.findMany({ where, select: batchSelect, orderBy: [{ sampledOn: 'desc' }, { id: 'desc' }], take: paging.limit, skip: paging.offset }),
      this.prisma.samplingBatch.count({ where }),
    ]);
    return { rows, total };
  }
}
