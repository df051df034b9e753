import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATUS_LABELS,
  OPEN311_SERVICE_CODES,
  parseServiceCode,
  serviceCodeOf,
  serviceNameOf,
  type ComplaintCategory,
  type ComplaintKind,
  type ComplaintStatus,
  type Open311PublicRequest,
  type Open311ServiceEntry,
} from '@sa/contracts';
import { OPEN_STATUSES } from '../complaints/workflow';
import { fromDbDate } from '../complaints/deadlines';

const KIND_DESCRIPTIONS: Record<ComplaintKind, string> = {
  REPORT: '举报涉嫌食品安全违法行为，可匿名；属地市场监管所自收到之日起 15 个工作日内核查并决定是否立案，实名举报人将被告知结果。',
  COMPLAINT:
    '消费纠纷投诉，由属地市场监管所调解；须提供投诉人姓名（first_name、last_name）、联系电话（phone）、通讯地址（postal_address）及被投诉经营者（address_id，或 business_name 与 address_string），监管所 7 个工作日内决定是否受理。',
};

/** Our categories as services, 举报 first (what a hotline passes on most): one per kind and category. */
export function open311Services(): Open311ServiceEntry[] {
  return OPEN311_SERVICE_CODES.map((code) => {
    const { kind, category } = parseServiceCode(code)!;
    const c: { label: string; remit: boolean; transferTo?: string } = COMPLAINT_CATEGORIES[category];
    const transfer = c.remit ? '' : `该类问题不属于市场监管部门职责，将转${c.transferTo}处理。`;
    return {
      service_code: code,
      service_name: serviceNameOf(kind, category),
      description: `${c.label}：${KIND_DESCRIPTIONS[kind]}${transfer}`,
      metadata: false,
      type: 'realtime',
      keywords: [c.label, COMPLAINT_KIND_LABELS[kind], '食品安全'].join(','),
      group: COMPLAINT_KIND_LABELS[kind],
    };
  });
}

export const isKnownCategory = (category: string): category is ComplaintCategory => (COMPLAINT_CATEGORY_CODES as readonly string[]).includes(category);

/** 2026-12-03T14:05:09+08:00: the spec's W3C datetime, in the bureau's own time zone. */
export function w3c(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** What the public request is made from: nothing about the reporter is even read (see Open311Repository). */
export type PublicRequestRow = {
  trackingNo: string;
  kind: ComplaintKind;
  category: string;
  status: ComplaintStatus;
  transferTo: string | null;
  receivedAt: Date;
  streetId: number | null;
  business: { id: number; name: string; address: string; lat: number | null; lng: number | null } | null;
  office: { name: string } | null;
  /** the nearest open statutory limit of the case (not the disclosure or a rating's rectification) */
  deadlines: { dueDate: Date }[];
  /** the latest step the reporter's own timeline shows */
  events: { at: Date }[];
};

/**
 * A request as anyone may read it. Left out on purpose: the description and photos (a reporter's own words or
 * pictures can identify them), the reporter, and the place they typed or the coordinates they sent; the address is
 * the registered business's address and name (with its coordinates), or else only the street's name.
 */
export function publicRequest(row: PublicRequestRow, streetName: string | null): Open311PublicRequest {
  const category = isKnownCategory(row.category) ? row.category : 'OTHER';
  const due = row.deadlines[0]?.dueDate;
  return {
    service_request_id: row.trackingNo,
    status: OPEN_STATUSES.includes(row.status) ? 'open' : 'closed',
    status_notes: COMPLAINT_STATUS_LABELS[row.status],
    service_name: serviceNameOf(row.kind, category),
    service_code: serviceCodeOf(row.kind, category),
    agency_responsible: row.office?.name ?? null,
    service_notice: row.status === 'TRANSFERRED' && row.transferTo ? `已转${row.transferTo}处理` : null,
    requested_datetime: w3c(row.receivedAt),
    updated_datetime: w3c(row.events[0]?.at ?? row.receivedAt),
    // A limit ends at 24:00 Asia/Shanghai of its due date.
    expected_datetime: due ? `${fromDbDate(due)}T23:59:59+08:00` : null,
    // A registered business's name and address are public (its page on the portal); a geocoder reads the address first.
    address: row.business ? `${row.business.address}（${row.business.name}）` : streetName,
    address_id: row.business?.id ?? null,
    lat: row.business?.lat ?? null,
    long: row.business?.lng ?? null,
  };
}
