import { describe, expect, it } from 'vitest';
import { OPEN311_SERVICE_CODES, parseServiceCode } from '@sa/contracts';
import { open311Services, publicRequest, w3c, type PublicRequestRow } from './open311-views';

const aRow = (over: Partial<PublicRequestRow> = {}): PublicRequestRow => ({
  trackingNo: 'SA20261203-000007',
  kind: 'REPORT',
  category: 'EXPIRED_FOOD',
  status: 'VERIFYING',
  transferTo: null,
  receivedAt: new Date('2026-12-03T02:00:00Z'),
  streetId: 3,
  business: null,
  office: { name: '城东市场监管所' },
  deadlines: [],
  events: [],
  ...over,
});

describe('Open311 services and public requests', () => {
  it('has a 举报 and a 投诉 service for every category, and each code reads back to its kind and category', () => {
    const services = open311Services();
    expect(services.map((s) => s.service_code)).toEqual(OPEN311_SERVICE_CODES);
    expect(parseServiceCode('COMPLAINT.PRICE')).toEqual({ kind: 'COMPLAINT', category: 'PRICE' });
    expect(parseServiceCode('REPORT.NOISE')).toBeNull();
    expect(parseServiceCode('REPORT')).toBeNull();
  });

  it('writes times in Asia/Shanghai', () => {
    expect(w3c(new Date('2026-12-03T16:30:05.123Z'))).toBe('2026-12-04T00:30:05+08:00');
  });

  it('says open for every open workflow status, closed otherwise, with the Chinese label as the note', () => {
    expect(publicRequest(aRow({ status: 'REOPENED' }), null)).toMatchObject({ status: 'open', status_notes: '已重新打开' });
    expect(publicRequest(aRow({ status: 'RESOLVED' }), null)).toMatchObject({ status: 'closed', status_notes: '已办结' });
    expect(publicRequest(aRow({ status: 'TRANSFERRED', transferTo: '区发展和改革局' }), null)).toMatchObject({ status: 'closed', service_notice: '已转区发展和改革局处理' });
  });

  it('gives the street name alone when the business is not registered, and its due date as the day’s end', () => {
    const view = publicRequest(aRow({ deadlines: [{ dueDate: new Date('2026-12-24T00:00:00Z') }], events: [{ at: new Date('2026-12-05T01:00:00Z') }] }), '东湖街道');
    expect(view).toMatchObject({ address: '东湖街道', address_id: null, lat: null, long: null, expected_datetime: '2026-12-24T23:59:59+08:00', updated_datetime: '2026-12-05T09:00:00+08:00' });
  });
});
