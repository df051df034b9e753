import { Injectable } from '@nestjs/common';
import {
  COMPLAINT_STATUS_LABELS,
  type SamplingBatchesQuery,
  type SamplingBatchInput,
  type SamplingBatchList,
  type SamplingBatchView,
} from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { ComplaintsRepository, type NewComplaint } from '../complaints/complaints.repository';
import { fromDbDate, planDeadlines, toDbDate } from '../complaints/deadlines';
import { DEADLINES_ON_RECEIPT } from '../complaints/workflow';
import { NotificationsService } from '../notifications/notifications.service';
import { isUniqueViolation } from '../registry/prisma-errors';
import { routeComplaint } from '../routing/routing';
import { type BatchRow, type NewBatch, SamplingRepository, type SamplingScope } from './sampling.repository';

/** The category an unqualified batch's case is filed under: 抽检不合格 is none of the residents' categories. */
const SAMPLING_CASE_CATEGORY = 'OTHER' as const;

/** 监督抽检: recording batches; an unqualified batch opens a 举报-like case through the normal intake. */
@Injectable()
export class SamplingService {
  constructor(
    private readonly repo: SamplingRepository,
    private readonly complaints: ComplaintsRepository,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  scopeOf(user: AuthUser): SamplingScope {
    if (user.role === 'ADMIN') return { all: true };
    if (user.role === 'OFFICE_STAFF' && user.officeId !== null) return { officeId: user.officeId };
    throw new DomainException('FORBIDDEN');
  }

  async create(input: SamplingBatchInput, user: AuthUser): Promise<SamplingBatchView> {
    const scope = this.scopeOf(user);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    if (input.sampledOn > today) throw new DomainException('SAMPLING_DATE_IN_FUTURE');
    const b = await this.complaints.findBusinessForRouting(input.businessId);
    if (!b) throw new DomainException('NOT_FOUND', '所选经营主体不存在，请重新搜索');
    if ('officeId' in scope && b.street.office.id !== scope.officeId) {
      throw new DomainException('FORBIDDEN', `「${b.name}」不在本所辖区，只能登记本所辖区经营主体的抽检`);
    }
    if (await this.repo.batchNoTaken(input.batchNo)) throw new DomainException('BATCH_NO_TAKEN');

    const batch: NewBatch = {
      batchNo: input.batchNo,
      sampledOn: toDbDate(input.sampledOn),
      businessId: b.id,
      product: input.product,
      foodCategory: input.foodCategory,
      result: input.result,
      failedItem: input.result === 'UNQUALIFIED' ? (input.failedItem ?? null) : null,
      complaintId: null,
      recordedBy: user.id,
      recordedAt: now,
    };
    let id: number;
    try {
      id = input.result === 'QUALIFIED' ? await this.repo.create(batch) : await this.openCase(batch, b, user, now, today);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainException('BATCH_NO_TAKEN');
      throw e;
    }
    return view((await this.repo.findById(id))!);
  }

  /**
   * An unqualified batch is handled like a 举报 about the business: the same routing rule, the same deadlines on
   * receipt (核查 15 WD), the same submit event and notices to the office and cadre, written by the intake's own
   * transaction together with the batch. There is no reporter: the case is staff-originated (origin SAMPLING).
   */
  private async openCase(
    batch: NewBatch,
    b: NonNullable<Awaited<ReturnType<ComplaintsRepository['findBusinessForRouting']>>>,
    user: AuthUser,
    now: Date,
    today: string,
  ): Promise<number> {
    const cadre = b.assignments[0]?.cadre;
    const routing = routeComplaint({
      category: SAMPLING_CASE_CATEGORY,
      business: { id: b.id, name: b.name, street: { id: b.street.id, name: b.street.name }, office: b.street.office, cadre: cadre && cadre.active ? { id: cadre.id, name: cadre.name } : null },
      place: null,
    });
    const record: NewComplaint = {
      kind: 'REPORT',
      category: SAMPLING_CASE_CATEGORY,
      businessId: b.id,
      businessName: b.name,
      businessAddress: b.address,
      streetId: b.streetId,
      communityId: b.communityId,
      lat: b.lat,
      lng: b.lng,
      description:
        `监督抽检不合格：${fromDbDate(batch.sampledOn)} 抽检的「${batch.product}」（${batch.foodCategory}，抽样单编号 ${batch.batchNo}），` +
        `不合格项目：${batch.failedItem}。请依法核查处置。`,
      anonymous: true,
      reporterUserId: null,
      reporterName: null,
      reporterPhoneEnc: null,
      reporterPhoneMasked: null,
      reporterAddressEnc: null,
      byVolunteer: false,
      idempotencyKey: `sampling-${batch.batchNo}`,
      photoIds: [],
      contentFlag: null,
      routing,
      deadlines: await planDeadlines(this.calendar, DEADLINES_ON_RECEIPT.REPORT, today),
    };
    let batchId = 0;
    await this.complaints.createSubmission([record], now, today, {
      origin: 'SAMPLING',
      actor: { userId: user.id, role: user.role },
      // The batch and the office's and cadre's notices commit with the case or not at all.
      alsoInTransaction: async (tx, ids) => {
        batchId = await this.repo.create({ ...batch, complaintId: ids[0]! }, tx);
        await this.notifications.complaintReceivedIn(tx, ids[0]!);
      },
    });
    return batchId;
  }

  async list(q: SamplingBatchesQuery, user: AuthUser): Promise<SamplingBatchList> {
    if (q.from && q.to && q.from > q.to) throw new DomainException('VALIDATION_FAILED', '开始日期不能晚于结束日期');
    const page = await this.repo.page(
      { scope: this.scopeOf(user), result: q.result, from: q.from ? toDbDate(q.from) : undefined, to: q.to ? toDbDate(q.to) : undefined, q: q.q || undefined },
      q,
    );
    return { items: page.rows.map(view), total: page.total };
  }
}

export function view(r: BatchRow): SamplingBatchView {
  return {
    id: r.id,
    batchNo: r.batchNo,
    sampledOn: fromDbDate(r.sampledOn),
    business: { id: r.business.id, name: r.business.name },
    street: { id: r.business.street.id, name: r.business.street.name },
    product: r.product,
    foodCategory: r.foodCategory,
    result: r.result,
    failedItem: r.failedItem,
    complaint: r.complaint ? { id: r.complaint.id, trackingNo: r.complaint.trackingNo, status: r.complaint.status, statusLabel: COMPLAINT_STATUS_LABELS[r.complaint.status] } : null,
    recordedAt: r.recordedAt.toISOString(),
  };
}
