// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for partners such as a 12345 city hotline.
import { z } from 'zod';
import { formText, idParam } from './common';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_CODES, COMPLAINT_KIND_LABELS, type ComplaintCategory, type ComplaintKind } from './complaints';

/**
 * One service per kind and category: `REPORT.EXPIRED_FOOD` is a 举报 of 过期变质食品, `COMPLAINT.EXPIRED_FOOD` a 投诉.
 * The kind decides the legal handling (a 投诉 is mediated and must name the complainant), so a partner picks it
 * explicitly rather than having it guessed from which contact fields happen to be filled.
 */
export type Open311ServiceCode = `${ComplaintKind}.${ComplaintCategory}`;
const SERVICE_KINDS: readonly ComplaintKind[] = ['REPORT', 'COMPLAINT'];
export const OPEN311_SERVICE_CODES: readonly Open311ServiceCode[] = SERVICE_KINDS.flatMap((kind) =>
  COMPLAINT_CATEGORY_CODES.map((category): Open311ServiceCode => `${kind}.${category}`),
);

export function parseServiceCode(code: string): { kind: ComplaintKind; category: ComplaintCategory } | null {
  if (!(OPEN311_SERVICE_CODES as readonly string[]).includes(code)) return null;
  const [kind, category] = code.split('.') as [ComplaintKind, ComplaintCategory];
  return { kind, category };
}

export const serviceCodeOf = (kind: ComplaintKind, category: ComplaintCategory): Open311ServiceCode => `${kind}.${category}`;

/** 过期变质食品举报, 价格问题投诉 */
export function serviceNameOf(kind: ComplaintKind, category: ComplaintCategory): string {
  return `${COMPLAINT_CATEGORIES[category].label}${COMPLAINT_KIND_LABELS[kind]}`;
}

export type Open311ServiceEntry = {
  service_code: Open311ServiceCode;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
};

/** A service request as anyone may read it: never the reporter, their words, photos or the place they gave. */
export type Open311PublicRequest = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: Open311ServiceCode;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: number | null;
  lat: number | null;
  long: number | null;
};

export type Open311CreatedRequest = { service_request_id: string; service_notice: string; account_id: null };
export type Open311Error = { code: number; description: string };

/** A form field left empty (`first_name=`) is the same as one not sent. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** A decimal degree from a form (text) or JSON (number); not 1e1, 0x10 or ''. */
const degrees = (limit: number, message: string) =>
  z
    .union([z.number(), z.string().trim().regex(/^[-+]?\d{1,3}(\.\d{1,15})?$/).transform(Number)], { error: message })
    .pipe(z.number().min(-limit, message).max(limit, message));

/** Repeated parameters (`status=open&status=closed`) and comma lists (`status=open,closed`) alike. */
const commaList = (max: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v.join(',') : v),
    z
      .string()
      .max(max, '参数过长')
      .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p !== '')),
  );

const TRACKING_NO = /^SA\d{8}-\d{6}$/;
const W3C_DATETIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** W3C datetime (2026-12-01T00:00:00+08:00, …Z); a plain date is midnight in Asia/Shanghai. */
export const w3cDateTime = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = W3C_DATETIME.exec(s);
    const at = m ? new Date(m[2] ? s : `${s}T00:00:00+08:00`) : new Date(Number.NaN);
    const dayValid = m ? new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) === m[1] : false;
    if (Number.isNaN(at.getTime()) || !dayValid) {
      ctx.addIssue({ code: 'custom', message: '时间格式应为 W3C 格式，如 2026-12-01T00:00:00+08:00' });
      return z.NEVER;
    }
    return at;
  });

export const open311RequestsQuery = z.object({
  service_request_id: blank(
    commaList(20_000).pipe(
      z
        .array(z.string().toUpperCase().regex(TRACKING_NO, '受理编号格式应为 SA20261129-000123'))
        .max(1000, '一次最多查询 1000 个受理编号'),
    ),
  ),
  service_code: blank(commaList(2_000).pipe(z.array(z.enum(OPEN311_SERVICE_CODES as [Open311ServiceCode, ...Open311ServiceCode[]], '服务代码不存在')))),
  start_date: blank(w3cDateTime),
  end_date: blank(w3cDateTime),
  status: blank(commaList(100).pipe(z.array(z.enum(['open', 'closed'], 'status 只能为 open 或 closed')))),
  jurisdiction_id: blank(formText(0, 100)),
});
export type Open311RequestsQuery = z.infer<typeof open311RequestsQuery>;

/**
 * POST requests: the spec's parameters (form-encoded or JSON); `postal_address` (投诉人通讯地址) and `business_name`
 * (被投诉经营者名称) are this server's additions, as a 投诉 requires them by law. `email`, `device_id` and `account_id`
 * are accepted and not kept; `api_key` is checked before this schema runs.
 */
export const open311CreateRequest = z
  .object({
    api_key: z.unknown().optional(),
    jurisdiction_id: blank(formText(0, 100)),
    service_code: z.string('请填写 service_code（服务代码）').trim().min(1, '请填写 service_code（服务代码）'),
    lat: blank(degrees(90, 'lat 应为 -90 到 90 之间的十进制数')),
    long: blank(degrees(180, 'long 应为 -180 到 180 之间的十进制数')),
    address_string: blank(formText(2, 200, { minMessage: 'address_string 过短' })),
    address_id: blank(idParam),
    email: blank(z.string().trim().max(254, 'email 过长')),
    device_id: blank(formText(0, 100)),
    account_id: blank(formText(0, 100)),
    first_name: blank(formText(1, 20, { maxMessage: 'first_name 不能超过 20 个字' })),
    last_name: blank(formText(1, 20, { maxMessage: 'last_name 不能超过 20 个字' })),
    phone: blank(z.string().trim().max(30, 'phone 过长')),
    description: blank(z.string().max(4000, 'description 不能超过 4000 个字符')),
    media_url: blank(z.url({ protocol: /^https?$/, error: 'media_url 应为 http 或 https 地址' }).max(500, 'media_url 过长')),
    postal_address: blank(z.string().max(200, 'postal_address 不能超过 200 个字')),
    business_name: blank(z.string().max(100, 'business_name 不能超过 100 个字')),
  })
  .superRefine((r, ctx) => {
    if (!parseServiceCode(r.service_code)) ctx.addIssue({ code: 'custom', path: ['service_code'], message: `服务代码不存在：${r.service_code.slice(0, 40)}` });
    if ((r.lat === undefined) !== (r.long === undefined)) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat 和 long 须同时提供' });
    if (r.address_id === undefined && r.address_string === undefined && r.lat === undefined) {
      ctx.addIssue({ code: 'custom', path: ['address_string'], message: '请提供 address_id（经营主体编号）、address_string（地址）或 lat 与 long（经纬度）之一' });
    }
  });
export type Open311CreateRequest = z.infer<typeof open311CreateRequest>;

/** `{id}.json` or `{id}.xml` of GET requests/{id}. */
export const open311RequestFile = z.object({
  file: z
    .string()
    .regex(/^SA\d{8}-\d{6}\.(json|xml)$/i, '服务请求编号格式应为 SA20261129-000123')
    .transform((f) => {
      const dot = f.lastIndexOf('.');
      return { id: f.slice(0, dot).toUpperCase(), format: f.slice(dot + 1).toLowerCase() as 'json' | 'xml' };
    }),
});

// The admin's keys for partners (区食安办: 开放接口密钥).
export const partnerKeyCreateInput = z.object({
  name: formText(2, 60, { minMessage: '请填写合作方名称（至少 2 个字）', maxMessage: '合作方名称不能超过 60 个字' }),
});
export type PartnerKeyCreateInput = z.infer<typeof partnerKeyCreateInput>;

export type PartnerKeyView = {
  id: number;
  name: string;
  /** the key's first characters, to tell keys apart; the key itself is shown once, when issued */
  keyPrefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
};
export type PartnerKeyIssued = PartnerKeyView & { apiKey: string };
