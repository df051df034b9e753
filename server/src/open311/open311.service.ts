import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  COMPLAINT_KIND_LABELS,
  DEADLINE_KIND_LABELS,
  createComplaintRequest,
  parseServiceCode,
  type Open311CreateRequest,
  type Open311CreatedRequest,
  type Open311PublicRequest,
  type Open311RequestsQuery,
  type Open311ServiceEntry,
} from '@sa/contracts';
import { shanghaiDate } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { toValidationError } from '../common/validate';
import { ENV, type Env } from '../config/env';
import { ComplaintsService } from '../complaints/complaints.service';
import { OPEN_STATUSES } from '../complaints/workflow';
import { open311Services, publicRequest } from './open311-views';
import { Open311Repository, type PublicRequestFilter } from './open311.repository';
import type { Partner } from './partner-keys.service';

const DAY_MS = 86_400_000;
/** The spec's default window and the longest one a query may span. */
const WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;
/** A point is placed in the street of the nearest registered business at most this far away. */
const NEAREST_BUSINESS_METRES = 300;

/** The intake's field names as the partner knows them, for error messages. */
const OPEN311_FIELDS: Record<string, string> = {
  category: 'service_code',
  businessId: 'address_id',
  businessName: 'business_name',
  businessAddress: 'address_string',
  lat: 'lat',
  lng: 'long',
  description: 'description',
  reporterName: 'last_name、first_name',
  contactPhone: 'phone',
  reporterAddress: 'postal_address',
};

const invalid = (message: string) => new DomainException('VALIDATION_FAILED', message);

/** Open311 GeoReport v2: our categories as services, public request status, and intake from partners. */
@Injectable()
export class Open311Service {
  constructor(
    private readonly repo: Open311Repository,
    private readonly complaints: ComplaintsService,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  services(): Open311ServiceEntry[] {
    return open311Services();
  }

  async requests(q: Open311RequestsQuery): Promise<Open311PublicRequest[]> {
    return this.publicRequests(q.service_request_id?.length ? { trackingNos: q.service_request_id } : this.window(q));
  }

  /** The spec answers a single request as a list of one. */
  async request(trackingNo: string): Promise<Open311PublicRequest[]> {
    const found = await this.publicRequests({ trackingNos: [trackingNo] });
    if (found.length === 0) throw new DomainException('NOT_FOUND', `服务请求不存在：${trackingNo}`);
    return found;
  }

  /**
   * A partner's request becomes a complaint through the same intake as the portal's (routing, deadlines, audit),
   * with the partner named as its channel. Resent unchanged on the same day, it returns the same complaint.
   */
  async create(input: Open311CreateRequest, partner: Partner): Promise<Open311CreatedRequest[]> {
    const { kind, category } = parseServiceCode(input.service_code)!;
    const reporterName = [input.last_name, input.first_name].filter((p) => p !== undefined).join('') || undefined;
    if (kind === 'COMPLAINT') requireComplainant(input, reporterName);
    const place = await this.place(input);
    const parsed = createComplaintRequest.safeParse({
      kind,
      category,
      ...place,
      businessName: input.business_name,
      businessAddress: input.address_id === undefined ? input.address_string : undefined,
      lat: input.lat,
      lng: input.long,
      description: input.description ?? '',
      photoIds: [],
      anonymous: reporterName === undefined,
      reporterName,
      contactPhone: input.phone,
      reporterAddress: input.postal_address,
      idempotencyKey: this.idempotencyKey(input, partner),
    });
    if (!parsed.success) throw toValidationError(asOpen311Fields(parsed.error));
    // Photos are not fetched from a partner's server; the link goes to the handling office with the description.
    const intake = input.media_url ? { ...parsed.data, description: `${parsed.data.description}\n附件链接（${partner.name}提供）：${input.media_url}` } : parsed.data;
    const receipt = await this.complaints.submit(intake, undefined, partner.name);
    const first = receipt.deadlines[0];
    const notice = [
      `已收到并登记为${COMPLAINT_KIND_LABELS[receipt.kind]}，受理编号 ${receipt.trackingNo}，查询码 ${receipt.queryCode}（凭两者可在「食安共治」进度查询中查看办理进度）`,
      receipt.office ? `承办单位：${receipt.office.name}` : null,
      first ? `${DEADLINE_KIND_LABELS[first.kind]}至 ${first.dueDate}` : null,
    ];
    return [{ service_request_id: receipt.trackingNo, service_notice: `${notice.filter((n) => n !== null).join('；')}。`, account_id: null }];
  }

  private async publicRequests(filter: PublicRequestFilter): Promise<Open311PublicRequest[]> {
    const rows = await this.repo.publicRequests(filter, MAX_RESULTS);
    const streets = await this.repo.streetNames([...new Set(rows.filter((r) => !r.business && r.streetId !== null).map((r) => r.streetId!))]);
    return rows.map((r) => publicRequest(r, r.streetId === null ? null : (streets.get(r.streetId) ?? null)));
  }

  /** start_date/end_date: the last 90 days by default, never more than 90 days at once. */
  private window(q: Open311RequestsQuery): PublicRequestFilter {
    const to = q.end_date ?? (q.start_date ? new Date(q.start_date.getTime() + WINDOW_DAYS * DAY_MS) : this.clock.now());
    const from = q.start_date ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
    if (from > to) throw invalid('start_date 不能晚于 end_date');
    if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw invalid(`start_date 与 end_date 相隔不能超过 ${WINDOW_DAYS} 天`);
    const statuses = new Set(q.status ?? []);
    return {
      from,
      to,
      services: q.service_code?.length ? q.service_code.map((code) => parseServiceCode(code)!) : undefined,
      statuses: statuses.size === 1 ? (statuses.has('open') ? { in: OPEN_STATUSES } : { notIn: OPEN_STATUSES }) : undefined,
    };
  }

  /**
   * Where the problem is, for routing: the registered business (address_id); else the street (or community) named in
   * address_string; else the street of the nearest registered business to lat/long.
   */
  private async place(input: Open311CreateRequest): Promise<{ businessId?: number; streetId?: number; communityId?: number }> {
    if (input.address_id !== undefined) {
      if (!(await this.repo.businessExists(input.address_id))) throw invalid(`address_id 对应的经营主体不存在：${input.address_id}`);
      return { businessId: input.address_id };
    }
    if (input.address_string !== undefined) {
      const [streets, communities] = await this.repo.areas();
      const longest = <T extends { name: string }>(rows: T[]) => rows.filter((r) => input.address_string!.includes(r.name)).sort((a, b) => b.name.length - a.name.length)[0];
      const street = longest(streets);
      const community = longest(street ? communities.filter((c) => c.streetId === street.id) : communities);
      if (street || community) return { streetId: street?.id ?? community!.streetId, communityId: community?.id };
    }
    if (input.lat !== undefined && input.long !== undefined) {
      const area = await this.repo.nearestBusinessArea(input.lat, input.long, NEAREST_BUSINESS_METRES);
      if (area) return area;
    }
    throw invalid('无法确定问题发生在哪个街道：请在 address_string 中写明街道或社区名称，或提供 address_id（经营主体编号）');
  }

  /**
   * The intake's idempotency key: the partner, the Shanghai day and the request keyed with the server's secret, so a
   * resent request is the same complaint and nobody can forge another's key.
   */
  private idempotencyKey(input: Open311CreateRequest, partner: Partner): string {
    const { api_key: _key, ...request } = input;
    const digest = createHmac('sha256', this.env.secrets.queryCodeSecret)
      .update(JSON.stringify({ partner: partner.keyId, day: shanghaiDate(this.clock.now()), request }))
      .digest('base64url');
    return `o311-${digest}`;
  }
}

/** 投诉 must name the complainant (暂行办法 §17); said in the partner's own field names. */
function requireComplainant(input: Open311CreateRequest, reporterName: string | undefined): void {
  const other = `或改用举报服务代码 REPORT.${input.service_code.split('.')[1]}`;
  if (reporterName === undefined) throw invalid(`投诉须实名：请提供投诉人姓名（last_name、first_name），${other}`);
  if (input.phone === undefined) throw invalid(`投诉须提供投诉人联系电话（phone），${other}`);
  if (input.postal_address === undefined) throw invalid(`投诉须提供投诉人通讯地址（postal_address），${other}`);
  if (input.address_id === undefined && (input.business_name === undefined || input.address_string === undefined)) {
    throw invalid('投诉须指明被投诉经营者：请提供 address_id（经营主体编号），或 business_name 与 address_string');
  }
}

function asOpen311Fields(error: z.ZodError): z.ZodError {
  return new z.ZodError(error.issues.map((i) => ({ ...i, path: [OPEN311_FIELDS[String(i.path[0])] ?? String(i.path[0]), ...i.path.slice(1)] })));
}
