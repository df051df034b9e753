import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aBusiness, aUser, type World } from '../support/builders';
import { aComplaintWorld, aReportBody } from '../support/complaint-world';
import { startTestApp, type TestApp } from '../support/test-app';

const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

/** Parses strictly (jsdom's XML parser refuses anything not well-formed) and fails on a parser error document. */
function parseXml(text: string): Document {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(text, 'application/xml');
  const failed = doc.getElementsByTagName('parsererror')[0];
  if (failed) throw new Error(`not well-formed XML: ${failed.textContent}\n${text}`);
  return doc;
}

const childText = (el: Element, name: string) => el.getElementsByTagName(name)[0]?.textContent ?? null;

describe('Open311 GeoReport v2', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string; address: string };
  let tokens: { resident: string; staff: string; admin: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ world, business } = await aComplaintWorld(app));
    await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    await aUser().role('ADMIN').username('admin').named('区食安办管理员').build(app.prisma);
    tokens = { resident: await app.login('resident'), staff: await app.login('staff'), admin: await app.login('admin') };
  });

  async function issueKey(name = '12345热线'): Promise<{ id: number; apiKey: string }> {
    const res = await app.post('/api/v1/admin/open311/keys', { name }, tokens.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  /** POST as the spec does: application/x-www-form-urlencoded. */
  async function postForm(path: string, fields: Record<string, string>) {
    const res = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  }

  const aTip = (apiKey: string, over: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'REPORT.EXPIRED_FOOD',
    address_id: String(business.id),
    description: '市民来电反映该店冷柜内酸奶已过期三天仍在销售',
    first_name: '小梅',
    last_name: '张',
    phone: '13812341234',
    email: 'zhang@example.com',
    ...over,
  });

  const queryCodeIn = (notice: string) => /查询码 (\w+)/.exec(notice)?.[1];

  it('lists every category as a 举报 and a 投诉 service, in JSON and in well-formed XML', async () => {
    const json = await app.get('/open311/v2/services.json');
    expect(json.status).toBe(200);
    expect(json.body).toHaveLength(18);
    expect(json.body[0]).toEqual({
      service_code: 'REPORT.UNLICENSED',
      service_name: '无证经营举报',
      description: expect.stringContaining('可匿名'),
      metadata: false,
      type: 'realtime',
      keywords: '无证经营,举报,食品安全',
      group: '举报',
    });
    const complaint = json.body.find((s: { service_code: string }) => s.service_code === 'COMPLAINT.EXPIRED_FOOD');
    expect(complaint).toMatchObject({ service_name: '过期变质食品投诉', group: '投诉', description: expect.stringContaining('postal_address') });
    const price = json.body.find((s: { service_code: string }) => s.service_code === 'REPORT.PRICE');
    expect(price.description).toContain('发展和改革局');

    const xml = await fetch(`${app.baseUrl}/open311/v2/services.xml`);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const doc = parseXml(await xml.text());
    expect(doc.documentElement.tagName).toBe('services');
    const services = [...doc.getElementsByTagName('service')];
    expect(services).toHaveLength(18);
    expect(childText(services[0]!, 'service_code')).toBe('REPORT.UNLICENSED');
    expect(childText(services[0]!, 'metadata')).toBe('false');
    expect(childText(services[0]!, 'group')).toBe('举报');
  });

  it('issues a key that is shown once and kept only as a hash; staff cannot issue one', async () => {
    const issued = await issueKey();
    expect(issued).toMatchObject({ name: '12345热线', createdBy: '区食安办管理员', revokedAt: null, lastUsedAt: null });
    expect(issued.apiKey).toMatch(/^sa311_[\w-]{32}$/);
    const stored = await app.prisma.partnerApiKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(JSON.stringify(stored)).not.toContain(issued.apiKey);
    expect(issued.apiKey.startsWith(stored.keyPrefix)).toBe(true);

    const list = await app.get('/api/v1/admin/open311/keys', tokens.admin);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(issued.apiKey);
    expect(list.body[0]).not.toHaveProperty('keyHash');

    expect((await app.post('/api/v1/admin/open311/keys', { name: '其他' }, tokens.staff)).status).toBe(403);
    expect((await app.get('/api/v1/admin/open311/keys', tokens.staff)).status).toBe(403);
    expect((await app.post('/api/v1/admin/open311/keys', { name: '' }, tokens.admin)).status).toBe(400);
  });

  it('turns a form-encoded request into a complaint the workbench and the tracking page see, with the partner in the trail', async () => {
    const { apiKey } = await issueKey();
    const res = await postForm('/open311/v2/requests.json', aTip(apiKey));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^SA\d{8}-\d{6}$/), service_notice: expect.stringContaining(world.office.name), account_id: null }]);
    const [{ service_request_id: trackingNo, service_notice: notice }] = res.body;
    expect(notice).toContain('核查期限至');

    const stored = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingNo }, include: { events: true } });
    expect(stored).toMatchObject({ kind: 'REPORT', category: 'EXPIRED_FOOD', businessId: business.id, channel: '12345热线', anonymous: false, reporterName: '张小梅', officeId: world.office.id });
    expect(stored.reporterPhoneEnc).not.toContain('13812341234');
    expect(stored.events[0]).toMatchObject({ action: 'submit', actorRole: 'PARTNER', reason: '经12345热线转来（Open311 接口）', payload: expect.objectContaining({ channel: '12345热线' }) });

    const queue = await app.get('/api/v1/workbench/complaints', tokens.staff);
    expect(queue.body.items.map((c: { trackingNo: string }) => c.trackingNo)).toContain(trackingNo);
    const detail = await app.get(`/api/v1/workbench/complaints/${stored.id}`, tokens.staff);
    expect(detail.body.reporter).toMatchObject({ anonymous: false, name: '张小梅', phone: '138****1234' });

    const tracked = await app.get(`/api/v1/complaints/track?trackingNo=${trackingNo}&queryCode=${queryCodeIn(notice)}`);
    expect(tracked.status, JSON.stringify(tracked.body)).toBe(200);
    expect(tracked.body).toMatchObject({ trackingNo, status: 'SUBMITTED', kind: 'REPORT' });

    const key = await app.prisma.partnerApiKey.findFirstOrThrow();
    expect(key.lastUsedAt).not.toBeNull();

    // A hotline resending the same request (a timeout, a retry) gets the same complaint, not a second one.
    const again = await postForm('/open311/v2/requests.json', aTip(apiKey));
    expect(again.body[0].service_request_id).toBe(trackingNo);
    expect(await app.prisma.complaint.count()).toBe(1);
  });

  it('answers in XML on requests.xml, accepts JSON bodies and files an anonymous 举报 without a name', async () => {
    const { apiKey } = await issueKey();
    const xml = await postForm('/open311/v2/requests.xml', aTip(apiKey, { first_name: '', last_name: '', phone: '' }));
    expect(xml.status, xml.text).toBe(201);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const doc = parseXml(xml.text);
    expect(doc.documentElement.tagName).toBe('service_requests');
    const trackingNo = childText(doc.getElementsByTagName('request')[0]!, 'service_request_id')!;
    expect(childText(doc.getElementsByTagName('request')[0]!, 'account_id')).toBe('');
    expect(await app.prisma.complaint.findUniqueOrThrow({ where: { trackingNo } })).toMatchObject({ anonymous: true, reporterName: null, reporterPhoneEnc: null });

    const json = await app.post('/open311/v2/requests.json', { ...aTip(apiKey), address_id: business.id, description: '后厨地面污水横流，苍蝇很多，餐具未消毒' , service_code: 'REPORT.POOR_HYGIENE' });
    expect(json.status, JSON.stringify(json.body)).toBe(201);
    expect(json.body[0].service_request_id).toMatch(/^SA\d{8}-\d{6}$/);
  });

  it('files a 投诉 only with the complainant named, reachable and with a postal address (400 in the spec shape otherwise)', async () => {
    const { apiKey } = await issueKey();
    const missing = await postForm('/open311/v2/requests.json', aTip(apiKey, { service_code: 'COMPLAINT.EXPIRED_FOOD' }));
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual([{ code: 400, description: expect.stringContaining('postal_address') }]);
    const anonymous = await postForm('/open311/v2/requests.json', aTip(apiKey, { service_code: 'COMPLAINT.EXPIRED_FOOD', first_name: '', last_name: '' }));
    expect(anonymous.body[0].description).toContain('投诉须实名');

    const filed = await postForm('/open311/v2/requests.json', aTip(apiKey, { service_code: 'COMPLAINT.EXPIRED_FOOD', postal_address: '东湖路 20 号 3 栋 201 室' }));
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body[0].service_notice).toContain('受理期限至');
    const stored = await app.prisma.complaint.findUniqueOrThrow({ where: { trackingNo: filed.body[0].service_request_id } });
    expect(stored).toMatchObject({ kind: 'COMPLAINT', anonymous: false });
    expect(stored.reporterAddressEnc).not.toBeNull();
  });

  it('refuses a missing, unknown or revoked api_key with 403 in the spec error shape, JSON and XML', async () => {
    const { id, apiKey } = await issueKey();
    const { api_key: _key, ...noKey } = aTip(apiKey);
    const none = await postForm('/open311/v2/requests.json', noKey);
    expect(none.status).toBe(403);
    expect(none.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect((await postForm('/open311/v2/requests.json', aTip('sa311_not-a-key-at-all-0000000000000'))).status).toBe(403);
    // The key is checked before the request: an unknown caller does not learn what a valid request looks like.
    expect((await postForm('/open311/v2/requests.json', { api_key: 'x', service_code: 'NOPE' })).status).toBe(403);

    const revoked = await app.post(`/api/v1/admin/open311/keys/${id}/revoke`, undefined, tokens.admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revokedBy: '区食安办管理员', revokedAt: expect.any(String) });
    expect((await app.post(`/api/v1/admin/open311/keys/${id}/revoke`, undefined, tokens.admin)).status).toBe(409);
    const afterRevoke = await postForm('/open311/v2/requests.json', aTip(apiKey));
    expect(afterRevoke.status).toBe(403);
    expect(afterRevoke.body[0].code).toBe(403);

    const xml = await postForm('/open311/v2/requests.xml', aTip(apiKey));
    expect(xml.status).toBe(403);
    const doc = parseXml(xml.text);
    expect(doc.documentElement.tagName).toBe('errors');
    const error = doc.getElementsByTagName('error')[0]!;
    expect(childText(error, 'code')).toBe('403');
    expect(childText(error, 'description')).toContain('api_key');
    expect(await app.prisma.complaint.count()).toBe(0);
  });


  it('answers a body that is not JSON, an unknown path and a malformed id in the spec error shape, in Chinese', async () => {
    const bad = await fetch(`${app.baseUrl}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"api_key": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([{ code: 400, description: '请求内容不是有效的 JSON' }]);

    const unknown = await fetch(`${app.baseUrl}/open311/v2/discovery.json`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ code: 404, description: '接口不存在' }]);
    const unknownXml = await fetch(`${app.baseUrl}/open311/v2/discovery.xml`);
    expect(unknownXml.status).toBe(404);
    expect(childText(parseXml(await unknownXml.text()).getElementsByTagName('error')[0]!, 'code')).toBe('404');

    const malformed = await fetch(`${app.baseUrl}/open311/v2/requests/abc.json`);
    expect(malformed.status).toBe(400);
    const [error] = (await malformed.json()) as { code: number; description: string }[];
    expect(error!.description).toMatch(/^提交的内容不符合要求：服务请求编号格式应为 SA\d{8}-\d{6}$/);
    // The rest of the API keeps its own shape.
    expect(await (await fetch(`${app.baseUrl}/api/v1/nothing-here`)).json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
    const badApi = await fetch(`${app.baseUrl}/api/v1/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind": ' });
    expect(badApi.status).toBe(400);
    expect(await badApi.json()).toEqual({ code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
  });
  it('routes by a street named in address_string or by the nearest business to lat/long, and says when it cannot', async () => {
    const { apiKey } = await issueKey();
    const byStreet = await postForm('/open311/v2/requests.json', aTip(apiKey, { address_id: '', address_string: `${world.otherStreet.name}西河路 5 号路边摊` }));
    expect(byStreet.status, byStreet.text).toBe(201);
    expect(await app.prisma.complaint.findUniqueOrThrow({ where: { trackingNo: byStreet.body[0].service_request_id } })).toMatchObject({
      businessId: null,
      streetId: world.otherStreet.id,
      officeId: world.otherOffice.id,
    });

    const byPoint = await postForm('/open311/v2/requests.json', aTip(apiKey, { address_id: '', lat: '32.0603', long: '118.7970', description: '路口流动摊贩售卖的卤菜有异味' }));
    expect(byPoint.status, byPoint.text).toBe(201);
    expect(await app.prisma.complaint.findUniqueOrThrow({ where: { trackingNo: byPoint.body[0].service_request_id } })).toMatchObject({ streetId: world.street.id, lat: 32.0603 });

    const nowhere = await postForm('/open311/v2/requests.json', aTip(apiKey, { address_id: '', address_string: '不知道在哪里' }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body[0].description).toContain('address_string');
    const noPlace = await postForm('/open311/v2/requests.json', aTip(apiKey, { address_id: '' }));
    expect(noPlace.body[0].description).toContain('address_id');
    const oneCoordinate = await postForm('/open311/v2/requests.json', aTip(apiKey, { lat: '32.06' }));
    expect(oneCoordinate.body[0].description).toContain('lat 和 long 须同时提供');
    const unknownService = await postForm('/open311/v2/requests.json', aTip(apiKey, { service_code: 'REPORT.NOISE' }));
    expect(unknownService.status).toBe(400);
    expect(unknownService.body[0].description).toContain('服务代码不存在');
    const short = await postForm('/open311/v2/requests.json', aTip(apiKey, { description: '太脏' }));
    expect(short.body[0].description).toContain('description');
  });

  it('filters requests.json by id, service code, status and dates, the last 90 days by default', async () => {
    const file = async (over: Record<string, unknown>) => {
      const res = await app.post('/api/v1/complaints', aReportBody(business, over), tokens.resident);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.trackingNo as string;
    };
    app.clock.travelTo(shanghai('2026-06-01T10:00:00'));
    const old = await file({ category: 'POOR_HYGIENE' });
    app.clock.travelTo(shanghai('2026-11-02T10:00:00'));
    const hygiene = await file({ category: 'POOR_HYGIENE' });
    app.clock.travelTo(shanghai('2026-11-20T10:00:00'));
    const expired = await file({});
    const resolved = await file({ category: 'DIRTY_TABLEWARE' });
    await app.prisma.complaint.update({ where: { trackingNo: resolved }, data: { status: 'RESOLVED', outcome: 'FIXED', resolvedAt: new Date() } });
    app.clock.travelTo(shanghai('2026-12-01T10:00:00'));

    const ids = async (query: string) => {
      const res = await app.get(`/open311/v2/requests.json${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.map((r: { service_request_id: string }) => r.service_request_id);
    };
    expect(await ids('')).toEqual([resolved, expired, hygiene]);
    expect(await ids('?service_code=REPORT.POOR_HYGIENE')).toEqual([hygiene]);
    expect(await ids('?service_code=REPORT.POOR_HYGIENE,REPORT.EXPIRED_FOOD')).toEqual([expired, hygiene]);
    expect(await ids('?service_code=REPORT.POOR_HYGIENE&service_code=REPORT.DIRTY_TABLEWARE')).toEqual([resolved, hygiene]);
    expect(await ids('?status=closed')).toEqual([resolved]);
    expect(await ids('?status=open')).toEqual([expired, hygiene]);
    expect(await ids('?status=open,closed')).toEqual([resolved, expired, hygiene]);
    expect(await ids('?start_date=2026-11-10T00:00:00%2B08:00&end_date=2026-12-01T00:00:00Z')).toEqual([resolved, expired]);
    expect(await ids('?start_date=2026-05-01T00:00:00Z&end_date=2026-07-01T00:00:00Z')).toEqual([old]);
    expect(await ids('?end_date=2026-11-05')).toEqual([hygiene]);
    // service_request_id overrides every other filter, even the default window.
    expect(await ids(`?service_request_id=${old},${hygiene}&status=closed`)).toEqual([hygiene, old]);
    expect(await ids('?service_request_id=SA20990101-000001')).toEqual([]);

    const span = await app.get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z');
    expect(span.status).toBe(400);
    expect(span.body).toEqual([{ code: 400, description: expect.stringContaining('90 天') }]);
    for (const bad of ['?status=pending', '?start_date=yesterday', '?service_request_id=123', '?service_code=NOPE', '?start_date=2026-02-30']) {
      const res = await app.get(`/open311/v2/requests.json${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body[0].code, bad).toBe(400);
    }
    const xml = await fetch(`${app.baseUrl}/open311/v2/requests.xml?status=closed`);
    const doc = parseXml(await xml.text());
    expect(doc.documentElement.tagName).toBe('service_requests');
    expect([...doc.getElementsByTagName('request')].map((r) => childText(r, 'status'))).toEqual(['closed']);
  });

  it('shows a real-name resident’s 举报 with its public fields only: no name, phone, address or words of the reporter', async () => {
    app.clock.travelTo(shanghai('2026-11-20T10:00:00'));
    const filed = await app.post('/api/v1/complaints', aReportBody(business, { description: '我是张小梅，住隔壁，电话 13812341234，店里卖过期酸奶' }), tokens.resident);
    expect(filed.status).toBe(201);
    const { trackingNo } = filed.body;
    const res = await app.get(`/open311/v2/requests/${trackingNo}.json`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        service_request_id: trackingNo,
        status: 'open',
        status_notes: '已提交',
        service_name: '过期变质食品举报',
        service_code: 'REPORT.EXPIRED_FOOD',
        agency_responsible: world.office.name,
        service_notice: null,
        requested_datetime: '2026-11-20T10:00:00+08:00',
        updated_datetime: '2026-11-20T10:00:00+08:00',
        // 15 working days from 11-20 (a Friday)
        expected_datetime: '2026-12-11T23:59:59+08:00',
        address: '东湖路 18 号（李记小吃店）',
        address_id: business.id,
        lat: 32.0601,
        long: 118.7969,
      },
    ]);
    const text = JSON.stringify(res.body);
    for (const secret of ['张小梅', '13812341234', '1234', '东湖路 20 号', '过期酸奶', '隔壁']) expect(text).not.toContain(secret);
    expect(res.body[0]).not.toHaveProperty('description');
    expect(res.body[0]).not.toHaveProperty('media_url');

    const missing = await app.get('/open311/v2/requests/SA20990101-000001.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining('SA20990101-000001') }]);
    expect((await app.get('/open311/v2/requests/nope.json')).status).toBe(400);
  });

  it('publishes only the street for a place off the registry, never the typed place or the reporter’s coordinates', async () => {
    const filed = await app.post(
      '/api/v1/complaints',
      aReportBody(business, { businessId: undefined, businessName: '无名烧烤摊', businessAddress: '我家楼下 3 单元门口', streetId: world.street.id, lat: 32.07, lng: 118.8 }),
      tokens.resident,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const [request] = (await app.get(`/open311/v2/requests/${filed.body.trackingNo}.json`)).body;
    expect(request).toMatchObject({ address: world.street.name, address_id: null, lat: null, long: null });
    expect(JSON.stringify(request)).not.toContain('我家楼下');
    expect(JSON.stringify(request)).not.toContain('无名烧烤摊');
  });

  it('escapes a business name and address with <&> in well-formed XML', async () => {
    const odd = await aBusiness().named('A&B <小吃> "店"').in(world.community).at('东湖路 <9> & 11 号', 32.06, 118.79).build(app.prisma);
    const filed = await app.post('/api/v1/complaints', aReportBody(odd), tokens.resident);
    const res = await fetch(`${app.baseUrl}/open311/v2/requests/${filed.body.trackingNo}.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('东湖路 &lt;9&gt; &amp; 11 号（A&amp;B &lt;小吃&gt; &quot;店&quot;）');
    const doc = parseXml(text);
    const request = doc.getElementsByTagName('request')[0]!;
    expect(childText(request, 'address')).toBe('东湖路 <9> & 11 号（A&B <小吃> "店"）');
    expect(childText(request, 'lat')).toBe('32.06');
    expect(childText(request, 'service_notice')).toBe('');
  });
});
