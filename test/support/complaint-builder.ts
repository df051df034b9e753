// A complaint with its deadlines written straight through Prisma, for tests of what happens around the
// workflow (notices, reminders, 督办): `await aComplaint().about(business).handledBy(office).deadline('VERIFY', '2026-11-20').build(prisma)`.
import type { PrismaClient } from '@sa/db';
import type { ComplaintKind, ComplaintStatus, DeadlineKind, DeadlineUnit } from '@sa/contracts';
import { DEADLINE_LIMITS } from '../../server/src/complaints/workflow';

let seq = 0;

type Place = { id: number; streetId: number; communityId: number };

class ComplaintBuilder {
  private data = {
    kind: 'REPORT' as ComplaintKind,
    category: 'EXPIRED_FOOD',
    description: '店内冷柜里的酸奶已经过期三天仍在销售，举报人张小梅电话 13812341234',
    anonymous: false,
    reporterUserId: null as number | null,
    reporterName: '张小梅' as string | null,
    reporterPhoneMasked: '138****1234' as string | null,
    status: 'SUBMITTED' as ComplaintStatus,
    businessId: null as number | null,
    businessName: null as string | null,
    streetId: null as number | null,
    communityId: null as number | null,
    officeId: null as number | null,
    cadreId: null as number | null,
    receivedAt: new Date(),
  };
  private deadlines: { kind: DeadlineKind; startDate: string; dueDate: string; workingDays: number; unit: DeadlineUnit }[] = [];

  kind(kind: ComplaintKind) {
    this.data.kind = kind;
    return this;
  }
  /** A registry business: its street and community too. */
  about(business: Place & { name?: string }) {
    this.data.businessId = business.id;
    this.data.streetId = business.streetId;
    this.data.communityId = business.communityId;
    return this;
  }
  /** A place without a registry business. */
  at(street: { id: number }, businessName = '路边无名烧烤摊') {
    this.data.streetId = street.id;
    this.data.businessName = businessName;
    return this;
  }
  handledBy(office: { id: number }) {
    this.data.officeId = office.id;
    return this;
  }
  /** The responsible 包保 cadre (null: none was found when routing). */
  cadre(cadre: { id: number } | null) {
    this.data.cadreId = cadre?.id ?? null;
    return this;
  }
  /** The logged-in reporter. */
  by(user: { id: number }) {
    this.data.reporterUserId = user.id;
    return this;
  }
  anonymous() {
    this.data.anonymous = true;
    this.data.reporterName = null;
    this.data.reporterPhoneMasked = null;
    return this;
  }
  status(status: ComplaintStatus) {
    this.data.status = status;
    return this;
  }
  receivedAt(at: Date) {
    this.data.receivedAt = at;
    return this;
  }
  /** An open deadline due at 24:00 Shanghai of `dueDate`. */
  deadline(kind: DeadlineKind, dueDate: string, startDate = dueDate) {
    this.deadlines.push({ kind, startDate, dueDate, workingDays: DEADLINE_LIMITS[kind].days, unit: DEADLINE_LIMITS[kind].unit });
    return this;
  }
  async build(prisma: PrismaClient) {
    const n = ++seq;
    const trackingNo = `SA20261013-${String(n).padStart(6, '0')}`;
    const complaint = await prisma.complaint.create({
      data: {
        ...this.data,
        trackingNo,
        idempotencyKey: `test-${n}-${Math.random().toString(36).slice(2)}`,
        deadlines: {
          create: this.deadlines.map((d) => ({
            kind: d.kind,
            startDate: new Date(`${d.startDate}T00:00:00Z`),
            dueDate: new Date(`${d.dueDate}T00:00:00Z`),
            workingDays: d.workingDays,
            unit: d.unit,
          })),
        },
        events: { create: { at: this.data.receivedAt, actorUserId: this.data.reporterUserId, actorRole: 'REPORTER', action: 'submit', toStatus: 'SUBMITTED' } },
      },
      include: { deadlines: { orderBy: { id: 'asc' } } },
    });
    return complaint;
  }
}

export const aComplaint = () => new ComplaintBuilder();
