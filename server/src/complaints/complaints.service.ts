import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  COMPLAINT_STATUS_LABELS,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintPublicView,
  type ComplaintReceipt,
  type CreateComplaintRequest,
  type GuestReopenRequest,
  type MyComplaintItem,
  type Page,
  type ReopenRequest,
  type SimilarComplaint,
} from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { DomainException } from '../common/domain-exception';
import { Clock } from '../common/clock';
import { maskPhone, PhoneCipher } from '../common/phone-crypto';
import type { AuthUser } from '../auth/auth.decorators';
import { AccessPolicy, Permission } from '../access/access.policy';
import { CalendarService } from '../calendar/calendar.service';
import { shanghaiDate } from '../calendar/working-days';
import { routeComplaint, type RoutingInput } from '../routing/routing';
import {
  type ComplaintRecord,
  ComplaintsRepository,
  type NewComplaint,
  type StoredReceipt,
  type SubmissionContext,
  TRACKING_NO_PLACEHOLDER,
} from './complaints.repository';
import { receivedNotice } from '../notifications/inbox-notices';
import { noticeSubject } from '../notifications/notifications.service';
import { isUniqueViolation } from '../registry/prisma-errors';
import { fromDbDate, isProvisional, planDeadlines } from './deadlines';
import { queryCodeFor, queryCodeMatches } from './tracking';
import { DEADLINES_ON_RECEIPT, OPEN_STATUSES, REOPEN_WINDOW_DAYS } from './workflow';
import { WorkflowService } from './workflow.service';
import { ContentSafetyService, TEXT_SCENES } from '../content-safety/content-safety.service';
import { RatingsService } from '../ratings/ratings.service';

const SIMILAR_RADIUS_METRES = 200;
const SIMILAR_WINDOW_DAYS = 30;

@Injectable()
export class ComplaintsService {
  private readonly phones: PhoneCipher;

  constructor(
    private readonly clock: Clock,
    private readonly repo: ComplaintsRepository,
    private readonly calendar: CalendarService,
    private readonly workflow: WorkflowService,
    private readonly access: AccessPolicy,
    private readonly safety: ContentSafetyService,
    // The ratings module builds on this one, so its service is looked up, not imported.
    private readonly modules: ModuleRef,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.phones = new PhoneCipher(env.secrets.phoneKey);
  }

  /**
   * 随手拍: intake of a 投诉, a 举报, or both (split into two linked records). `channel` names the Open311 partner
   * that passed it on; the rules are the same whoever sends it.
   */
  async submit(input: CreateComplaintRequest, user: AuthUser | undefined, channel?: string): Promise<ComplaintReceipt> {
    const kinds: ComplaintKind[] = input.kind === 'BOTH' ? ['COMPLAINT', 'REPORT'] : [input.kind];
    const reporterName = input.anonymous ? null : (input.reporterName ?? null);
    // One statement answers everything asked before the write (see submissionContext); a second writes it all.
    // The working-day calendar (cached; read alongside when stale) plans the deadlines and tells which are provisional.
    const [ctx, years] = await Promise.all([
      this.repo.submissionContext({
        idempotencyKey: input.idempotencyKey,
        photoIds: input.photoIds,
        userId: user?.id ?? null,
        businessId: input.businessId ?? null,
        streetId: input.businessId === undefined ? (input.streetId ?? null) : null,
        communityId: input.businessId === undefined ? (input.communityId ?? null) : null,
      }),
      this.calendar.scheduledYears(),
    ]);
    if (ctx.existing) return this.replay(ctx.existing.self, ctx.existing.linked, input, user, years);

    if (kinds.includes('COMPLAINT')) {
      // An anonymous 投诉 cannot be accepted: the complainant's name and phone are required by law.
      if (input.anonymous) throw new DomainException('ANONYMOUS_COMPLAINT_NOT_ALLOWED');
      if (!input.contactPhone) throw new DomainException('CONTACT_PHONE_REQUIRED');
      // 暂行办法 §17: the complainant's address and the respondent are required materials.
      if (!input.reporterAddress) throw new DomainException('REPORTER_ADDRESS_REQUIRED');
      if (input.businessId === undefined && !(input.businessName && input.businessAddress)) throw new DomainException('RESPONDENT_REQUIRED');
    }
    if (!input.anonymous && !reporterName) throw new DomainException('REPORTER_NAME_REQUIRED');
    if (input.photoIds.length > 0 && ctx.attachable !== new Set(input.photoIds).size) throw new DomainException('PHOTO_NOT_FOUND');

    const place = this.locate(input, ctx);
    // 内容安全 for mini-program users: risky text or a photo known risky refuses the report before anything is saved.
    const contentFlag = await this.safety.screen(
      { userId: user?.id, texts: [{ text: input.description, scene: TEXT_SCENES.description }], photoIds: input.photoIds },
      { photos: ctx.photos, openid: ctx.openid },
    );
    const routing = routeComplaint({ category: input.category, business: place.business, place: place.place });
    const receivedAt = this.clock.now();
    const receivedDay = shanghaiDate(receivedAt);
    const phone = input.anonymous ? null : (input.contactPhone ?? null);
    const address = input.anonymous ? null : (input.reporterAddress ?? null);
    const office = place.business?.office ?? place.place?.office ?? null;
    const handlingOffice = routing.officeId !== null && office?.id === routing.officeId ? office : null;

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
        reporterAddressEnc: address ? this.phones.encrypt(address) : null,
        byVolunteer: user?.role === 'VOLUNTEER',
        idempotencyKey: input.idempotencyKey,
        requestHash: this.requestHash(input, user),
        photoIds: input.photoIds,
        contentFlag,
        routing,
        // Deadlines are computed before the write, on the cached working-day calendar.
        deadlines: await planDeadlines(this.calendar, DEADLINES_ON_RECEIPT[kind], receivedDay),
        notice: receivedNotice(
          noticeSubject({
            trackingNo: TRACKING_NO_PLACEHOLDER,
            kind,
            businessName: place.businessName,
            category: input.category,
            outcome: null,
            transferTo: routing.transferTo,
            business: null,
            office: handlingOffice,
          }),
        ),
      });
    }
    let written;
    try {
      written = await this.repo.fileSubmission(records, receivedAt, receivedDay, channel ? { channel } : {});
    } catch (err) {
      // The same submission sent twice at once: the second finds the first's key taken and answers its receipt.
      if (!isUniqueViolation(err)) throw err;
      const again = await this.repo.submissionContext({ idempotencyKey: input.idempotencyKey, photoIds: [], userId: null, businessId: null, streetId: null, communityId: null });
      if (!again.existing) throw err;
      return this.replay(again.existing.self, again.existing.linked, input, user, years);
    }
    const receiptOf = (w: (typeof written)[number], r: NewComplaint): StoredReceipt => ({
      id: w.id,
      trackingNo: w.trackingNo,
      kind: r.kind,
      status: 'SUBMITTED',
      idempotencyKey: w.idx === 0 ? r.idempotencyKey : `${r.idempotencyKey}#${w.idx + 1}`,
      requestHash: r.requestHash ?? null,
      reporterUserId: r.reporterUserId,
      description: r.description,
      linkedComplaintId: null,
      office: handlingOffice,
      deadlines: r.deadlines.map((d) => ({ kind: d.kind, startDate: d.startDate, unit: d.unit, dueDate: d.dueDate, state: 'OPEN' })),
    });
    return this.receipt(receiptOf(written[0]!, records[0]!), written[1] ? receiptOf(written[1], records[1]!) : null, user, years);
  }

  private replay(
    existing: StoredReceipt,
    linked: StoredReceipt | null,
    input: CreateComplaintRequest,
    user: AuthUser | undefined,
    scheduledYears: ReadonlySet<number>,
  ): ComplaintReceipt {
    const sameReporter = (existing.reporterUserId ?? null) === (user?.id ?? null);
    // The whole request must be the one first sent (a changed category, place or photo under a used key is another
    // submission, not a retry); a complaint filed before the hash was kept is compared by its description.
    const sameRequest = existing.requestHash ? existing.requestHash === this.requestHash(input, user) : existing.description === input.description;
    if (!sameReporter || !sameRequest) throw new DomainException('IDEMPOTENCY_CONFLICT');
    return this.receipt(existing, linked, user, scheduledYears);
  }

  /**
   * The submission as validated (every field but the key, in the schema's order, and who sent it), keyed with the
   * server's secret: what is stored reveals nothing of the reporter's name or phone.
   */
  private requestHash(input: CreateComplaintRequest, user: AuthUser | undefined): string {
    const { idempotencyKey: _key, ...request } = input;
    return createHmac('sha256', this.env.secrets.queryCodeSecret).update(JSON.stringify({ by: user?.id ?? null, request })).digest('base64url');
  }

  /** A retry is answered from what is stored now: a limit recomputed on next year's schedule is no longer provisional. */
  private receipt(c: StoredReceipt, linked: StoredReceipt | null, user: AuthUser | undefined, scheduledYears: ReadonlySet<number>): ComplaintReceipt {
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
      deadlines: c.deadlines.map((d) => ({
        kind: d.kind,
        dueDate: d.dueDate,
        provisional: d.state === 'OPEN' && isProvisional(d.startDate, d.dueDate, d.unit, scheduledYears),
      })),
    };
  }

  /** Where the problem is: the registry business, or the street/community given on the form (read by submissionContext). */
  private locate(input: CreateComplaintRequest, ctx: SubmissionContext) {
    if (input.businessId !== undefined) {
      const b = ctx.business;
      if (!b) throw new DomainException('NOT_FOUND', '所选经营主体不存在，请重新搜索');
      const business: RoutingInput['business'] = {
        id: b.id,
        name: b.name,
        street: b.street,
        office: b.office,
        cadre: b.cadre && b.cadre.active ? { id: b.cadre.id, name: b.cadre.name } : null,
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
    const street = ctx.street;
    if (!street) throw new DomainException('PLACE_REQUIRED', '所选街道不存在');
    const community = input.communityId !== undefined ? ctx.community : null;
    if (input.communityId !== undefined && (!community || community.streetId !== street.id)) throw new DomainException('AREA_MISMATCH');
    return {
      business: null,
      place: {
        street: { id: street.id, name: street.name },
        office: street.office,
        community: community ? { id: community.id, name: community.name } : null,
        communityCadre: community?.cadre ?? null,
      },
      businessId: null,
      businessName: input.businessName ?? null,
      businessAddress: input.businessAddress ?? null,
      streetId: street.id,
      communityId: community?.id ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
    };
  }

  /** `caller`, when signed in, hears which are their own (「您已反映过」) and which they already support. */
  async similar(q: { entityId?: number; lat?: number; lng?: number }, caller?: AuthUser): Promise<SimilarComplaint[]> {
    const since = new Date(this.clock.now().getTime() - SIMILAR_WINDOW_DAYS * 86_400_000);
    const rows = await this.repo.findSimilar({
      ...(q.entityId !== undefined ? { businessId: q.entityId } : { lat: q.lat!, lng: q.lng! }),
      metres: SIMILAR_RADIUS_METRES,
      since,
      openStatuses: OPEN_STATUSES,
    });
    const supported = caller ? await this.repo.supportedBy(caller.id, rows.map((r) => r.id)) : new Set<number>();
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
      mine: caller !== undefined && r.reporterUserId === caller.id,
      supportedByMe: supported.has(r.id),
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
    return this.publicView(await this.tracked(trackingNo, queryCode));
  }

  /** The complaint a tracking number and query code open; anything else is one answer, so codes cannot be probed. */
  private async tracked(trackingNo: string, queryCode: string): Promise<ComplaintRecord> {
    const c = await this.repo.findByTrackingNo(trackingNo);
    if (!c || !c.idempotencyKey || !queryCodeMatches(this.env.secrets.queryCodeSecret, c.trackingNo, c.idempotencyKey, queryCode)) {
      throw new DomainException('TRACKING_NOT_FOUND');
    }
    return c;
  }

  /** A photo of the tracked complaint, for the guest's tracking page; the id of a photo of another complaint is refused. */
  async trackedPhoto(trackingNo: string, queryCode: string, uploadId: string): Promise<string> {
    const c = await this.tracked(trackingNo, queryCode);
    if (!c.photos.some((p) => p.uploadId === uploadId && p.upload.checkState !== 'RISKY')) throw new DomainException('NOT_FOUND', '照片不存在');
    return uploadId;
  }

  /** 重新打开 by a guest: the query code stands for the login. */
  async reopenAsGuest(input: GuestReopenRequest): Promise<ComplaintPublicView> {
    const c = await this.tracked(input.trackingNo, input.queryCode);
    return this.publicView(await this.workflow.reopenAsGuest(c, input.reason, input.photoIds));
  }

  async reopen(id: number, user: AuthUser, input: ReopenRequest): Promise<ComplaintPublicView> {
    return this.publicView(await this.workflow.act(id, user, { action: 'reopen', reason: input.reason }, input.photoIds));
  }

  async mine(user: AuthUser, limit: number, offset: number): Promise<Page<MyComplaintItem>> {
    const [rows, total] = await this.repo.listForReporter(user.id, limit, offset);
    const own = rows.filter((c) => c.reporterUserId === user.id);
    const views = new Map((await this.publicViews(own)).map((v) => [v.id, v]));
    const items = rows.map((c): MyComplaintItem => {
      const view = views.get(c.id);
      if (view) return { ...view, relation: 'OWN' };
      return {
        relation: 'SUPPORTED',
        id: c.id,
        trackingNo: c.trackingNo,
        kind: c.kind,
        category: c.category as ComplaintCategory,
        status: c.status,
        statusLabel: COMPLAINT_STATUS_LABELS[c.status],
        businessName: c.business?.name ?? c.businessName,
        receivedAt: c.receivedAt.toISOString(),
        supportCount: c.supportCount,
        supportedAt: (c.supports[0]?.createdAt ?? c.receivedAt).toISOString(),
      };
    });
    return { items, total };
  }

  async reporterView(id: number, user: AuthUser): Promise<ComplaintPublicView> {
    await this.access.require(user, Permission.ComplaintReadOwn, id);
    const c = await this.repo.findById(id);
    if (!c) throw new DomainException('NOT_FOUND');
    return this.publicView(c);
  }

  async publicView(c: ComplaintRecord): Promise<ComplaintPublicView> {
    return (await this.publicViews([c]))[0]!;
  }

  /** What a reporter may see: their own report, status, deadlines, the replies; never staff notes or the cadre. */
  async publicViews(cs: ComplaintRecord[]): Promise<ComplaintPublicView[]> {
    const ids = (pick: (c: ComplaintRecord) => number | null) => [...new Set(cs.map(pick).filter((v): v is number => v !== null))];
    const [years, areas, ratings] = await Promise.all([
      this.calendar.scheduledYears(),
      this.repo.areaNames(ids((c) => c.streetId), ids((c) => c.communityId)),
      this.modules.get(RatingsService, { strict: false }).reporterStates(cs),
    ]);
    const now = this.clock.now().getTime();
    return cs.map((c, i) => ({
      ...reporterView(c, { scheduledYears: years, streetName: areas.streets.get(c.streetId ?? -1) ?? null, communityName: areas.communities.get(c.communityId ?? -1) ?? null, now }),
      rating: ratings[i] ?? null,
    }));
  }
}

/** Steps of the trail a reporter sees; everything else (contact look-ups, follow-ups, re-routing, approvals) is internal. */
export const REPORTER_TIMELINE_ACTIONS: ReadonlySet<string> = new Set([
  'submit', 'accept', 'reject', 'transfer', 'startVerification', 'fileCase', 'noCase', 'notifyReporter', 'decideCase',
  'startMediation', 'mediated', 'mediationFailed', 'notifyTermination', 'resolve', 'reopen', 'reprocess', 'close',
]);

const replyOf = (payload: unknown): string | null =>
  payload && typeof payload === 'object' && 'reply' in payload ? String((payload as { reply: unknown }).reply) : null;

/** The reporter's view of one complaint: a pure mapping, so what is shown is decided in one place. */
export function reporterView(
  c: ComplaintRecord,
  ctx: { scheduledYears: ReadonlySet<number>; streetName: string | null; communityName: string | null; now: number },
): ComplaintPublicView {
  const shown = c.events.filter((e) => REPORTER_TIMELINE_ACTIONS.has(e.action));
  const lastReply = shown.map((e) => replyOf(e.payload)).filter((r): r is string => r !== null).at(-1) ?? null;
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
    description: c.description,
    // A photo WeChat judged risky is kept as evidence for the handling office only.
    photoIds: c.photos.filter((p) => p.upload.checkState !== 'RISKY').map((p) => p.uploadId),
    place: {
      businessName: c.business?.name ?? c.businessName,
      address: c.business?.address ?? c.businessAddress,
      streetName: ctx.streetName,
      communityName: ctx.communityName,
    },
    receivedAt: c.receivedAt.toISOString(),
    office: c.office ? { name: c.office.name, phone: c.office.phone } : null,
    // The disclosure is the bureau's duty to the public (it appears on the 公示 page), not a step of the reporter's case.
    deadlines: c.deadlines.filter((d) => d.kind !== 'DISCLOSE' && d.kind !== 'RECTIFY').map((d) => {
      const dueDate = fromDbDate(d.dueDate);
      return { kind: d.kind, dueDate, state: d.state, provisional: d.state === 'OPEN' && isProvisional(fromDbDate(d.startDate), dueDate, d.unit, ctx.scheduledYears) };
    }),
    timeline: shown.map((e) => ({
      at: e.at.toISOString(),
      status: e.toStatus,
      statusLabel: COMPLAINT_STATUS_LABELS[e.toStatus],
      // Staff replies, and the reporter's own words when they reopened it; never internal reasons.
      note: replyOf(e.payload) ?? (e.action === 'reopen' ? e.reason : null),
    })),
    reply: lastReply,
    canReopen: c.status === 'RESOLVED' && resolvedAt !== undefined && ctx.now - resolvedAt <= REOPEN_WINDOW_DAYS * 86_400_000,
    supportCount: c.supportCount,
    // 好差评: filled by the service from the ratings module
    rating: null,
  };
}
