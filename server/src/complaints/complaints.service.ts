import { Inject, Injectable } from '@nestjs/common';
import {
  COMPLAINT_STATUS_LABELS,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintPublicView,
  type ComplaintReceipt,
  type CreateComplaintRequest,
  type SimilarComplaint,
} from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { DomainException } from '../common/domain-exception';
import { Clock } from '../common/clock';
import { maskPhone, PhoneCipher } from '../common/phone-crypto';
import type { AuthUser } from '../auth/auth.decorators';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { routeComplaint, type RoutingInput } from '../routing/routing';
import { NotificationsService } from '../notifications/notifications.service';
import { type ComplaintReceiptRecord, type ComplaintRecord, ComplaintsRepository, type NewComplaint } from './complaints.repository';
import { fromDbDate, planDeadlines } from './deadlines';
import { queryCodeFor, queryCodeMatches } from './tracking';
import { DEADLINES_ON_RECEIPT, OPEN_STATUSES, REOPEN_WINDOW_DAYS } from './workflow';

const SIMILAR_RADIUS_METRES = 200;
const SIMILAR_WINDOW_DAYS = 30;

@Injectable()
export class ComplaintsService {
  private readonly phones: PhoneCipher;

  constructor(
    private readonly clock: Clock,
    private readonly repo: ComplaintsRepository,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.phones = new PhoneCipher(env.secrets.phoneKey);
  }

  /** 随手拍: intake of a 投诉, a 举报, or both (split into two linked records). */
  async submit(input: CreateComplaintRequest, user: AuthUser | undefined): Promise<ComplaintReceipt> {
    const used = await this.repo.findIdByIdempotencyKey(input.idempotencyKey);
    if (used) return this.replay((await this.repo.findForReceipt(used.id))!, input, user);

    const kinds: ComplaintKind[] = input.kind === 'BOTH' ? ['COMPLAINT', 'REPORT'] : [input.kind];
    const reporterName = input.anonymous ? null : (input.reporterName ?? null);
    if (kinds.includes('COMPLAINT')) {
      // An anonymous 投诉 cannot be accepted: the complainant's name and phone are required by law.
      if (input.anonymous) throw new DomainException('ANONYMOUS_COMPLAINT_NOT_ALLOWED');
      if (!input.contactPhone) throw new DomainException('CONTACT_PHONE_REQUIRED');
    }
    if (!input.anonymous && !reporterName) throw new DomainException('REPORTER_NAME_REQUIRED');
    if (input.photoIds.length > 0 && (await this.repo.countUploads(input.photoIds)) !== new Set(input.photoIds).size) {
      throw new DomainException('PHOTO_NOT_FOUND');
    }

    const place = await this.locate(input);
    const routing = routeComplaint({ category: input.category, business: place.business, place: place.place });
    const receivedAt = this.clock.now();
    const receivedDay = shanghaiDate(receivedAt);
    const phone = input.anonymous ? null : (input.contactPhone ?? null);

    const records: NewComplaint[] = [];
    for (const kind of kinds) {
      records.push({
        kind,
        category: input.category,
        businessId: place.businessId,
        businessName: place.businessName,
        businessAddress: place.businessAddress,
        streetId: place.streetId,
        communityId: place.communityId,
        lat: place.lat,
        lng: place.lng,
        description: input.description,
        anonymous: input.anonymous,
        reporterUserId: user?.id ?? null,
        reporterName,
        reporterPhoneEnc: phone ? this.phones.encrypt(phone) : null,
        reporterPhoneMasked: phone ? maskPhone(phone) : null,
        idempotencyKey: input.idempotencyKey,
        photoIds: input.photoIds,
        routing,
        // Deadlines are computed before the transaction: the embedded database is one session.
        deadlines: await planDeadlines(this.calendar, DEADLINES_ON_RECEIPT[kind], receivedDay),
      });
    }
    const ids = await this.repo.createSubmission(records, receivedAt, receivedDay);
    const created = await Promise.all(ids.map((id) => this.repo.findForReceipt(id)));
    for (const c of created) if (c) await this.notifications.complaintReceived(c);
    return this.receipt(created[0]!, created[1] ?? null, user);
  }

  private async replay(existing: ComplaintReceiptRecord, input: CreateComplaintRequest, user: AuthUser | undefined): Promise<ComplaintReceipt> {
    const sameReporter = (existing.reporterUserId ?? null) === (user?.id ?? null);
    if (!sameReporter || existing.description !== input.description) throw new DomainException('IDEMPOTENCY_CONFLICT');
    const linked = existing.linkedComplaintId ? await this.repo.findForReceipt(existing.linkedComplaintId) : null;
    return this.receipt(existing, linked, user);
  }

  private receipt(c: ComplaintReceiptRecord, linked: ComplaintReceiptRecord | null, user: AuthUser | undefined): ComplaintReceipt {
    return {
      id: c.id,
      trackingNo: c.trackingNo,
      kind: c.kind,
      status: c.status,
      queryCode: user ? null : queryCodeFor(this.env.secrets.queryCodeSecret, c.trackingNo, c.idempotencyKey!),
      linked: linked
        ? { id: linked.id, trackingNo: linked.trackingNo, kind: linked.kind, queryCode: user ? null : queryCodeFor(this.env.secrets.queryCodeSecret, linked.trackingNo, linked.idempotencyKey!) }
        : null,
      office: c.office ? { id: c.office.id, name: c.office.name } : null,
      deadlines: c.deadlines.map((d) => ({ kind: d.kind, dueDate: fromDbDate(d.dueDate) })),
    };
  }

  /** Where the problem is: the registry business, or the street/community given on the form. */
  private async locate(input: CreateComplaintRequest) {
    if (input.businessId !== undefined) {
      const b = await this.repo.findBusinessForRouting(input.businessId);
      if (!b) throw new DomainException('NOT_FOUND', '所选经营主体不存在，请重新搜索');
      const cadre = b.assignments[0]?.cadre;
      const business: RoutingInput['business'] = {
        id: b.id,
        name: b.name,
        street: { id: b.street.id, name: b.street.name },
        office: b.street.office,
        cadre: cadre && cadre.active ? { id: cadre.id, name: cadre.name } : null,
      };
      return {
        business,
        place: null,
        businessId: b.id,
        businessName: b.name,
        businessAddress: b.address,
        streetId: b.streetId,
        communityId: b.communityId,
        lat: input.lat ?? b.lat,
        lng: input.lng ?? b.lng,
      };
    }
    if (input.streetId === undefined) throw new DomainException('PLACE_REQUIRED');
    const street = await this.repo.findStreetForRouting(input.streetId);
    if (!street) throw new DomainException('PLACE_REQUIRED', '所选街道不存在');
    const community = input.communityId !== undefined ? await this.repo.findCommunityForRouting(input.communityId) : null;
    if (input.communityId !== undefined && (!community || community.streetId !== street.id)) throw new DomainException('AREA_MISMATCH');
    const communityCadre = community?.cadres[0] ?? null;
    return {
      business: null,
      place: { street: { id: street.id, name: street.name }, office: street.office, community: community ? { id: community.id, name: community.name } : null, communityCadre },
      businessId: null,
      businessName: input.businessName ?? null,
      businessAddress: input.businessAddress ?? null,
      streetId: street.id,
      communityId: community?.id ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
    };
  }

  async similar(q: { entityId?: number; lat?: number; lng?: number }): Promise<SimilarComplaint[]> {
    const since = new Date(this.clock.now().getTime() - SIMILAR_WINDOW_DAYS * 86_400_000);
    const rows = await this.repo.findSimilar({
      ...(q.entityId !== undefined ? { businessId: q.entityId } : { lat: q.lat!, lng: q.lng! }),
      metres: SIMILAR_RADIUS_METRES,
      since,
      openStatuses: OPEN_STATUSES,
    });
    return rows.map((r) => ({
      id: r.id,
      trackingNo: r.trackingNo,
      kind: r.kind,
      category: r.category as ComplaintCategory,
      status: r.status,
      businessName: r.business?.name ?? r.businessName,
      receivedAt: r.receivedAt.toISOString(),
      supportCount: r.supportCount,
      distanceMetres: r.distanceMetres,
    }));
  }

  /** 附议: adds the user's support to an open report instead of a duplicate. */
  async meToo(id: number, user: AuthUser): Promise<{ supportCount: number }> {
    const c = await this.repo.findById(id);
    if (!c) throw new DomainException('NOT_FOUND');
    if (!OPEN_STATUSES.includes(c.status)) throw new DomainException('COMPLAINT_NOT_OPEN');
    if (c.reporterUserId === user.id) throw new DomainException('ALREADY_SUPPORTED', '这是您自己提交的问题');
    const count = await this.repo.addSupport(id, user.id);
    if (count === null) throw new DomainException('ALREADY_SUPPORTED');
    return { supportCount: count };
  }

  async track(trackingNo: string, queryCode: string): Promise<ComplaintPublicView> {
    const c = await this.repo.findByTrackingNo(trackingNo);
    if (!c || !c.idempotencyKey || !queryCodeMatches(this.env.secrets.queryCodeSecret, c.trackingNo, c.idempotencyKey, queryCode)) {
      throw new DomainException('TRACKING_NOT_FOUND');
    }
    return this.publicView(c);
  }

  async mine(user: AuthUser, limit: number, offset: number) {
    const [rows, total] = await this.repo.listForReporter(user.id, limit, offset);
    return { items: rows.map((c) => this.publicView(c)), total };
  }

  async reporterView(id: number, user: AuthUser): Promise<ComplaintPublicView> {
    const c = await this.repo.findById(id);
    if (!c || c.reporterUserId !== user.id) throw new DomainException('NOT_FOUND');
    return this.publicView(c);
  }

  /** What a reporter may see: status, deadlines, the reply; never staff notes or the cadre. */
  publicView(c: ComplaintRecord): ComplaintPublicView {
    const replies = c.events.filter((e) => e.payload && typeof e.payload === 'object' && 'reply' in (e.payload as object));
    const lastReply = replies.at(-1);
    const resolvedAt = c.resolvedAt?.getTime();
    return {
      id: c.id,
      trackingNo: c.trackingNo,
      kind: c.kind,
      category: c.category as ComplaintCategory,
      status: c.status,
      statusLabel: COMPLAINT_STATUS_LABELS[c.status],
      outcome: c.outcome,
      businessName: c.business?.name ?? c.businessName,
      receivedAt: c.receivedAt.toISOString(),
      office: c.office ? { name: c.office.name, phone: c.office.phone } : null,
      deadlines: c.deadlines.map((d) => ({ kind: d.kind, dueDate: fromDbDate(d.dueDate), state: d.state })),
      timeline: c.events.map((e) => ({
        at: e.at.toISOString(),
        status: e.toStatus,
        statusLabel: COMPLAINT_STATUS_LABELS[e.toStatus],
        // Staff replies, and the reporter's own words when they reopened it; never internal reasons.
        note:
          e.payload && typeof e.payload === 'object' && 'reply' in (e.payload as object)
            ? String((e.payload as { reply: unknown }).reply)
            : e.action === 'reopen'
              ? e.reason
              : null,
      })),
      reply: lastReply ? String((lastReply.payload as { reply: unknown }).reply) : null,
      canReopen: c.status === 'RESOLVED' && resolvedAt !== undefined && this.clock.now().getTime() - resolvedAt <= REOPEN_WINDOW_DAYS * 86_400_000,
      supportCount: c.supportCount,
    };
  }
}
