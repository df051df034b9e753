import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aCadre, aUser, aWorld, type World } from '../support/builders';
import { aComplaintWorld, aReportBody } from '../support/complaint-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { aPhoto } from '../../server/src/uploads/testing/photo-builder';

const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

describe('complaints through the HTTP API', () => {
  let app: TestApp;
  let world: World;
  let business: { id: number; name: string };
  let cadre: { id: number; name: string };
  let tokens: { resident: string; staff: string; otherStaff: string; cadre: string; otherCadre: string; admin: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    ({ world, business, cadre } = await aComplaintWorld(app));
    const otherCadre = await aCadre().named('王建军').tier('COMMUNITY').of(world.otherCommunity).build(app.prisma);
    await aUser().username('resident').named('张小梅').build(app.prisma);
    await aUser().username('resident2').named('刘洋').build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('other-staff').office(world.otherOffice).build(app.prisma);
    await aUser().username('cadre').cadre(cadre).build(app.prisma);
    await aUser().username('other-cadre').cadre(otherCadre).build(app.prisma);
    await aUser().role('ADMIN').username('admin').build(app.prisma);
    tokens = {
      resident: await app.login('resident'),
      staff: await app.login('staff'),
      otherStaff: await app.login('other-staff'),
      cadre: await app.login('cadre'),
      otherCadre: await app.login('other-cadre'),
      admin: await app.login('admin'),
    };
  });

  const report = (over: Record<string, unknown> = {}) => aReportBody(business, over);

  const decision = {
    type: 'PENALTY',
    decisionNo: `东市监罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
    partyKind: 'ORGANISATION',
    partyName: '李记小吃店',
    partyCreditCode: '92320102MA1XYW1234',
    violationType: '销售超过保质期的食品',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    penaltyContent: '没收违法所得并处罚款五千元',
    penaltyKinds: ['FINE', 'CONFISCATE_GAINS'],
    fineAmount: 5000,
    confiscationAmount: 120.5,
    decisionDate: '2026-11-20',
  };

  const act = (id: number, body: Record<string, unknown>, token = tokens.staff) =>
    app.post(`/api/v1/workbench/complaints/${id}/actions`, body, token);

  it('a 举报 about a known D-grade business goes to its office and community cadre and runs to resolution', async () => {
    const submitted = await app.post('/api/v1/complaints', report(), tokens.resident);
    expect(submitted.status).toBe(201);
    expect(submitted.body.trackingNo).toMatch(/^SA\d{8}-\d{6}$/);
    expect(submitted.body.office).toEqual({ id: world.office.id, name: world.office.name });
    expect(submitted.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['VERIFY']);
    const id = submitted.body.id;

    const stored = await app.prisma.complaint.findUniqueOrThrow({ where: { id }, include: { routings: true } });
    expect(stored.cadreId).toBe(cadre.id);
    expect(stored.routings[0]).toMatchObject({ rule: 'KNOWN_BUSINESS' });
    expect(stored.routings[0]!.reason).toContain('陈秀兰');
    expect(stored.reporterPhoneEnc).not.toContain('13812341234');

    const queue = await app.get('/api/v1/workbench/complaints', tokens.staff);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toContain(id);
    const detail = await app.get(`/api/v1/workbench/complaints/${id}`, tokens.staff);
    expect(detail.body.reporter).toMatchObject({ anonymous: false, name: '张小梅', phone: '138****1234' });

    for (const step of [
      { action: 'accept' },
      { action: 'startVerification' },
      { action: 'fileCase' },
      { action: 'decideCase', decision },
      { action: 'resolve', outcome: 'FIXED', reply: '经核查属实，已责令该店下架过期酸奶并立案处理。' },
    ]) {
      const res = await act(id, step);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const done = await app.get(`/api/v1/complaints/${id}`, tokens.resident);
    expect(done.body).toMatchObject({ status: 'RESOLVED', outcome: 'FIXED', reply: '经核查属实，已责令该店下架过期酸奶并立案处理。' });
    expect(done.body.timeline.map((t: { status: string }) => t.status)).toEqual(['SUBMITTED', 'ACCEPTED', 'VERIFYING', 'CASE_FILED', 'CASE_DECIDED', 'RESOLVED']);
    const deadlines = await app.prisma.deadline.findMany({ where: { complaintId: id }, orderBy: { id: 'asc' } });
    // The penalty's public disclosure (20 WD from the decision) outlives the case: it is met only when published.
    expect(deadlines.map((d) => [d.kind, d.state])).toEqual([['VERIFY', 'MET'], ['CASE_DECISION', 'MET'], ['NOTIFY_REPORTER', 'MET'], ['DISCLOSE', 'OPEN']]);
    // The reporter's view leaves it out: it is the bureau's duty to the public, not a step of their case.
    expect(done.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['VERIFY', 'CASE_DECISION', 'NOTIFY_REPORTER']);

    const inbox = await app.get('/api/v1/me/notifications', tokens.resident);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('gives a 投诉 received just before the 2026 National Day holiday its 7-working-day acceptance deadline', async () => {
    app.clock.travelTo(shanghai('2026-09-28T10:00:00'));
    const res = await app.post('/api/v1/complaints', report({ kind: 'COMPLAINT', category: 'POOR_HYGIENE' }), tokens.resident);
    expect(res.status).toBe(201);
    // 9/29, 9/30, (10/1–10/7 holiday), 10/8, 10/9, 10/10 (Saturday make-up day), 10/12, 10/13
    expect(res.body.deadlines).toEqual([{ kind: 'ACCEPT', dueDate: '2026-10-13', provisional: false }]);
  });

  it('transfers an out-of-remit report to the named department with a written notice', async () => {
    const res = await app.post('/api/v1/complaints', report({ category: 'PRICE', description: '同一份盒饭标价 15 元结账收 25 元' }), tokens.resident);
    const stored = await app.prisma.complaint.findUniqueOrThrow({ where: { id: res.body.id }, include: { routings: true } });
    expect(stored.routings[0]!.rule).toBe('OUT_OF_REMIT');
    expect(stored.transferTo).toContain('发展和改革局');
    const moved = await act(res.body.id, { action: 'transfer', transferTo: stored.transferTo, reply: '您反映的价格问题已转区发展和改革局处理。' });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('TRANSFERRED');
    const view = await app.get(`/api/v1/complaints/${res.body.id}`, tokens.resident);
    expect(view.body.reply).toContain('发展和改革局');
  });

  it('lets the reporter reopen within 15 days of resolution, not after', async () => {
    const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
    for (const step of [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '现场未发现过期食品' }, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查未发现过期食品。' }]) {
      expect((await act(body.id, step)).status).toBe(200);
    }
    const reopened = await app.post(`/api/v1/complaints/${body.id}/reopen`, { reason: '今天又看到在卖过期酸奶' }, tokens.resident);
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('REOPENED');
    expect(reopened.body.timeline.at(-1)).toMatchObject({ status: 'REOPENED', note: '今天又看到在卖过期酸奶' });
    expect((await act(body.id, { action: 'reprocess' })).body.status).toBe('VERIFYING');
    await act(body.id, { action: 'noCase', reason: '复查仍未发现' });
    await act(body.id, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '复查仍未发现过期食品。' });

    app.clock.travelTo(new Date(Date.now() + 16 * 86_400_000));
    const late = await app.post(`/api/v1/complaints/${body.id}/reopen`, { reason: '还是有问题' }, tokens.resident);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REOPEN_WINDOW_CLOSED');

    // The sweep then archives it, once.
    expect((await app.post('/api/v1/admin/sweep', {}, tokens.admin)).body.closed).toBe(1);
    expect((await app.post('/api/v1/admin/sweep', {}, tokens.admin)).body.closed).toBe(0);
    const closed = await app.get(`/api/v1/complaints/${body.id}`, tokens.resident);
    expect(closed.body.status).toBe('CLOSED');
    expect(closed.body.timeline.at(-1)).toMatchObject({ status: 'CLOSED' });
  });

  it('refuses a step outside the table and an extension by staff', async () => {
    const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
    expect((await act(body.id, { action: 'fileCase' })).body.code).toBe('INVALID_TRANSITION');
    await act(body.id, { action: 'accept' });
    await act(body.id, { action: 'startVerification' });
    expect((await act(body.id, { action: 'extendVerification', reason: '需检测' })).status).toBe(403);
    const extended = await act(body.id, { action: 'extendVerification', reason: '需送检' }, tokens.admin);
    expect(extended.status).toBe(200);
    expect((await act(body.id, { action: 'extendVerification', reason: '再延' }, tokens.admin)).body.code).toBe('EXTENSION_ALREADY_USED');
    expect((await act(body.id, { action: 'resolve' })).status).toBe(409);
  });

  describe('intake', () => {
    it('returns the same complaint for a retried submission and creates nothing new', async () => {
      const payload = report();
      const first = await app.post('/api/v1/complaints', payload, tokens.resident);
      const second = await app.post('/api/v1/complaints', payload, tokens.resident);
      expect(second.status).toBe(201);
      expect(second.body.trackingNo).toBe(first.body.trackingNo);
      expect(await app.prisma.complaint.count()).toBe(1);
    });

    it('gives a reporter who is not logged in a query code for each half of a 投诉+举报 submission', async () => {
      const res = await app.post('/api/v1/complaints', report({ kind: 'BOTH' }));
      expect(res.body.queryCode).toMatch(/^[2-9A-Z]{8}$/);
      expect(res.body.linked.queryCode).toMatch(/^[2-9A-Z]{8}$/);
      const tracked = await app.get(`/api/v1/complaints/track?trackingNo=${res.body.linked.trackingNo}&queryCode=${res.body.linked.queryCode}`);
      expect(tracked.body).toMatchObject({ kind: 'REPORT', status: 'SUBMITTED' });
    });

    it('splits a 投诉+举报 submission into two linked records', async () => {
      const res = await app.post('/api/v1/complaints', report({ kind: 'BOTH' }), tokens.resident);
      expect(res.body.linked).toMatchObject({ kind: 'REPORT' });
      expect(res.body.kind).toBe('COMPLAINT');
      const both = await app.prisma.complaint.findMany({ orderBy: { id: 'asc' } });
      expect(both).toHaveLength(2);
      expect(both[0]!.linkedComplaintId).toBe(both[1]!.id);
      expect(both[1]!.linkedComplaintId).toBe(both[0]!.id);
    });

    it('gives an anonymous portal reporter a query code that lets anyone with it check the status', async () => {
      const res = await app.post('/api/v1/complaints', report({ anonymous: true, reporterName: undefined, contactPhone: undefined }));
      expect(res.status).toBe(201);
      expect(res.body.queryCode).toMatch(/^[2-9A-Z]{8}$/);
      const tracked = await app.get(`/api/v1/complaints/track?trackingNo=${res.body.trackingNo}&queryCode=${res.body.queryCode}`);
      expect(tracked.status).toBe(200);
      expect(tracked.body.status).toBe('SUBMITTED');
      const wrong = await app.get(`/api/v1/complaints/track?trackingNo=${res.body.trackingNo}&queryCode=AAAAAAAA`);
      expect(wrong.status).toBe(404);
      expect(wrong.body.code).toBe('TRACKING_NOT_FOUND');
    });

    it.each([
      ['an unknown category', { category: 'UFO' }, 'UNKNOWN_CATEGORY'],
      ['a description over 2000 characters', { description: '过'.repeat(2001) }, 'VALIDATION_FAILED'],
      ['a 10th photo', { photoIds: Array.from({ length: 10 }, () => randomUUID()) }, 'TOO_MANY_PHOTOS'],
      ['a 投诉 without a phone', { kind: 'COMPLAINT', contactPhone: undefined }, 'CONTACT_PHONE_REQUIRED'],
      ['an anonymous 投诉', { kind: 'COMPLAINT', anonymous: true }, 'ANONYMOUS_COMPLAINT_NOT_ALLOWED'],
      ['an unknown photo', { photoIds: [randomUUID()] }, 'PHOTO_NOT_FOUND'],
      ['no business and no place', { businessId: undefined }, 'PLACE_REQUIRED'],
    ])('refuses %s with 400 and a Chinese message, storing nothing', async (_, over, code) => {
      const res = await app.post('/api/v1/complaints', report(over), tokens.resident);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await app.prisma.complaint.count()).toBe(0);
    });

    it('routes by place to the street office and community cadre when the business is not in the registry', async () => {
      const res = await app.post('/api/v1/complaints', report({ businessId: undefined, businessName: '无名烧烤摊', streetId: world.street.id, communityId: world.community.id }), tokens.resident);
      expect(res.status).toBe(201);
      const stored = await app.prisma.complaint.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(stored).toMatchObject({ officeId: world.office.id, cadreId: cadre.id, businessName: '无名烧烤摊' });
    });

    it('suggests open reports about the same business or within 200 m, and counts 附议 once per user', async () => {
      const { body } = await app.post('/api/v1/complaints', report({ lat: 32.0601, lng: 118.7969 }), tokens.resident);
      const byBusiness = await app.get(`/api/v1/complaints/similar?entityId=${business.id}`);
      expect(byBusiness.body.map((c: { id: number }) => c.id)).toEqual([body.id]);
      const near = await app.get('/api/v1/complaints/similar?lat=32.0610&lng=118.7969');
      expect(near.body.map((c: { id: number }) => c.id)).toEqual([body.id]);
      const far = await app.get('/api/v1/complaints/similar?lat=32.0700&lng=118.7969');
      expect(far.body).toEqual([]);
      expect(JSON.stringify(byBusiness.body)).not.toContain('张小梅');

      const other = await app.login('resident2');
      expect((await app.post(`/api/v1/complaints/${body.id}/me-too`, {}, other)).body).toEqual({ supportCount: 1 });
      expect((await app.post(`/api/v1/complaints/${body.id}/me-too`, {}, other)).body.code).toBe('ALREADY_SUPPORTED');
    });
  });

  describe('confidentiality and scope', () => {
    it('shows the cadre the complaint but never who reported it', async () => {
      const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
      const seen = await app.get(`/api/v1/workbench/complaints/${body.id}`, tokens.cadre);
      expect(seen.status).toBe(200);
      const text = JSON.stringify(seen.body);
      for (const secret of ['张小梅', '13812341234', '138****', '"reporter"', 'queryCode', 'openid']) expect(text).not.toContain(secret);
      const queue = await app.get('/api/v1/workbench/complaints', tokens.cadre);
      expect(JSON.stringify(queue.body)).not.toContain('张小梅');
    });

    it('gives the full phone only to the handling office staff, and audits the look-up', async () => {
      const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
      const contact = await app.get(`/api/v1/workbench/complaints/${body.id}/contact`, tokens.staff);
      expect(contact.body).toEqual({ name: '张小梅', phone: '13812341234', address: '东湖路 20 号 3 栋 201 室' });
      expect((await app.get(`/api/v1/workbench/complaints/${body.id}/contact`, tokens.admin)).status).toBe(403);
      const trail = await app.prisma.complaintEvent.findMany({ where: { complaintId: body.id, action: 'viewContact' } });
      expect(trail).toHaveLength(1);
    });

    it('answers 404 to another office and another cadre on every workbench endpoint', async () => {
      const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
      const base = `/api/v1/workbench/complaints/${body.id}`;
      for (const token of [tokens.otherStaff, tokens.otherCadre]) {
        expect((await app.get(base, token)).status).toBe(404);
        expect((await app.get(`${base}/contact`, token)).status).toBe(404);
        expect((await app.post(`${base}/actions`, { action: 'accept' }, token)).status).toBe(404);
        expect((await app.post(`${base}/reroute`, { officeId: world.otherOffice.id, cadreId: null, reason: '改派' }, token)).status).toBe(404);
        const queue = await app.get('/api/v1/workbench/complaints', token);
        expect(queue.body.items).toEqual([]);
      }
      expect((await app.get(`/api/v1/complaints/${body.id}`, await app.login('resident2'))).status).toBe(404);
    });

    it('lets staff re-route with a reason that stays on the record', async () => {
      const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
      const res = await app.post(`/api/v1/workbench/complaints/${body.id}/reroute`, { officeId: world.otherOffice.id, cadreId: null, reason: '经营者实际位于西河街道' }, tokens.staff);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((await app.get(`/api/v1/workbench/complaints/${body.id}`, tokens.otherStaff)).body.routing.at(-1)).toMatchObject({ rule: 'MANUAL', reason: '经营者实际位于西河街道' });
      expect((await app.get(`/api/v1/workbench/complaints/${body.id}`, tokens.staff)).status).toBe(404);
    });
  });

  it('limits anonymous submissions per address, with a Chinese message', async () => {
    const limited = await startTestApp({ RATE_LIMITS: 'on' });
    try {
      const w = await aWorld(limited.prisma);
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await limited.post('/api/v1/complaints', { ...report({ anonymous: true, reporterName: undefined, contactPhone: undefined, businessId: undefined, streetId: w.street.id }) });
        statuses.push(res.status);
        if (res.status === 429) expect(res.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/分钟后再试/) });
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('moves an open deadline when the admin adds a holiday before it falls due', async () => {
    app.clock.travelTo(shanghai('2026-11-30T09:00:00'));
    const { body } = await app.post('/api/v1/complaints', report({ kind: 'COMPLAINT' }), tokens.resident);
    expect(body.deadlines).toEqual([{ kind: 'ACCEPT', dueDate: '2026-12-09', provisional: false }]);
    const put = await app.request('PUT', '/api/v1/admin/calendar/days/2026-12-02', { body: { kind: 'HOLIDAY', name: '临时假日' }, token: tokens.admin });
    expect(put.status).toBe(200);
    const deadline = await app.prisma.deadline.findFirstOrThrow({ where: { complaintId: body.id } });
    expect(deadline.dueDate.toISOString().slice(0, 10)).toBe('2026-12-10');
    // Taking the day back moves the deadline back (and leaves the server's calendar as the next test expects).
    expect((await app.request('DELETE', '/api/v1/admin/calendar/days/2026-12-02', { token: tokens.admin })).status).toBe(204);
    const restored = await app.prisma.deadline.findFirstOrThrow({ where: { complaintId: body.id } });
    expect(restored.dueDate.toISOString().slice(0, 10)).toBe('2026-12-09');
  });

  it('escalates an overdue acceptance deadline once, one tier up and to the admin', async () => {
    const streetCadre = await aCadre().named('周立平').tier('STREET').of(world.street).build(app.prisma);
    await aUser().username('street-cadre').cadre(streetCadre).build(app.prisma);
    app.clock.travelTo(shanghai('2026-11-30T09:00:00'));
    const { body } = await app.post('/api/v1/complaints', report({ kind: 'COMPLAINT' }), tokens.resident);
    expect(body.deadlines).toEqual([{ kind: 'ACCEPT', dueDate: '2026-12-09', provisional: false }]);

    app.clock.travelTo(shanghai('2026-12-09T23:00:00'));
    expect((await app.post('/api/v1/admin/sweep', {}, tokens.admin)).body.escalated).toBe(0);

    app.clock.travelTo(shanghai('2026-12-10T08:00:00'));
    const first = await app.post('/api/v1/admin/sweep', {}, tokens.admin);
    expect(first.status).toBe(200);
    expect(first.body.escalated).toBe(1);
    expect((await app.post('/api/v1/admin/sweep', {}, tokens.admin)).body.escalated).toBe(0);

    const escalations = await app.prisma.escalation.findMany({ where: { complaintId: body.id } });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ toCadreId: streetCadre.id, toTier: 'STREET' });
    const queue = await app.get('/api/v1/workbench/complaints', tokens.staff);
    expect(queue.body.counts.overdue).toBe(1);
    expect(queue.body.items[0]).toMatchObject({ id: body.id });
    const adminInbox = await app.get('/api/v1/me/notifications', tokens.admin);
    expect(adminInbox.body.items.some((n: { complaintId: number }) => n.complaintId === body.id)).toBe(true);
  });

  it('offers reply templates per outcome that staff edit and cadres cannot', async () => {
    const list = await app.get('/api/v1/workbench/reply-templates', tokens.staff);
    expect(list.body.map((t: { outcome: string }) => t.outcome)).toEqual(['FIXED', 'NOT_FIXED', 'NO_VIOLATION', 'DUPLICATE', 'NOT_OUR_REMIT']);
    const saved = await app.request('PUT', '/api/v1/workbench/reply-templates/FIXED', { body: { body: '经查属实，已责令整改并复查到位。' }, token: tokens.staff });
    expect(saved.status).toBe(200);
    expect((await app.get('/api/v1/workbench/reply-templates', tokens.admin)).body[0].body).toBe('经查属实，已责令整改并复查到位。');
    expect((await app.get('/api/v1/workbench/reply-templates', tokens.cadre)).status).toBe(403);
  });

  it('keeps the audit trail append-only: no route edits or deletes it', async () => {
    const { body } = await app.post('/api/v1/complaints', report(), tokens.resident);
    await act(body.id, { action: 'accept' });
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await app.request(method, `/api/v1/workbench/complaints/${body.id}`, { body: {}, token: tokens.admin });
      expect(res.status).toBe(404);
    }
    const trail = (await app.get(`/api/v1/workbench/complaints/${body.id}`, tokens.staff)).body.trail;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
  });

  it('shows a photo attached to a complaint only to those who handle it or reported it', async () => {
    const jpeg = await aPhoto().jpeg().build();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'photo.jpg');
    const uploaded = (await (await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form })).json()) as { id: string };
    expect((await app.get(`/api/v1/uploads/${uploaded.id}`)).status).toBe(200);

    await app.post('/api/v1/complaints', report({ photoIds: [uploaded.id] }), tokens.resident);
    const path = `/api/v1/uploads/${uploaded.id}`;
    expect((await app.get(path)).status).toBe(404);
    expect((await app.get(path, tokens.otherStaff)).status).toBe(404);
    expect((await app.get(path, tokens.otherCadre)).status).toBe(404);
    expect((await app.get(path, await app.login('resident2'))).status).toBe(404);
    for (const token of [tokens.resident, tokens.staff, tokens.cadre, tokens.admin]) expect((await app.get(path, token)).status).toBe(200);
  });

  it('attaches a photo only for the one who uploaded it, and only once', async () => {
    const upload = async (token?: string) => {
      const form = new FormData();
      form.append('file', new Blob([await aPhoto().jpeg().build()], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const mine = await upload(tokens.resident);
    const resident2 = await app.login('resident2');
    const path = `/api/v1/uploads/${mine}`;

    // Another resident who learnt the id cannot make it theirs by attaching it to a report of their own.
    const stolen = await app.post('/api/v1/complaints', report({ photoIds: [mine], idempotencyKey: randomUUID() }), resident2);
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('PHOTO_NOT_FOUND');
    // Nor can a guest.
    const guest = await app.post('/api/v1/complaints', report({ photoIds: [mine], anonymous: true, reporterName: undefined, contactPhone: undefined, idempotencyKey: randomUUID() }));
    expect(guest.status).toBe(400);

    const filed = await app.post('/api/v1/complaints', report({ photoIds: [mine], idempotencyKey: randomUUID() }), tokens.resident);
    expect(filed.status).toBe(201);
    expect((await app.get(path, resident2)).status).toBe(404);
    // The cadre sees it on the case, and still cannot re-attach it to a follow-up (it would outlive the case's rules).
    expect((await app.get(path, tokens.cadre)).status).toBe(200);
    const followUp = await app.post(`/api/v1/workbench/complaints/${filed.body.id}/follow-ups`, { kind: 'VISITED', note: '已到店查看', photoIds: [mine] }, tokens.cadre);
    expect(followUp.status).toBe(400);
    expect(followUp.body.code).toBe('PHOTO_NOT_FOUND');
    // Once attached it is spent, for its uploader too; a fresh one of their own attaches.
    const again = await app.post('/api/v1/complaints', report({ photoIds: [mine], idempotencyKey: randomUUID() }), tokens.resident);
    expect(again.status).toBe(400);
    const fresh = await upload(tokens.cadre);
    const ok = await app.post(`/api/v1/workbench/complaints/${filed.body.id}/follow-ups`, { kind: 'VISITED', note: '已到店查看', photoIds: [fresh] }, tokens.cadre);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await app.prisma.complaintPhoto.count({ where: { uploadId: mine } })).toBe(1);
  });

  it('replays a retried submission under its key, and refuses the key for a request that differs in any field', async () => {
    const key = randomUUID();
    const first = await app.post('/api/v1/complaints', report({ idempotencyKey: key }), tokens.resident);
    expect(first.status).toBe(201);
    // The same request again (a retry after a lost answer): the same receipt, nothing new stored.
    const retry = await app.post('/api/v1/complaints', report({ idempotencyKey: key }), tokens.resident);
    expect(retry.status).toBe(201);
    expect(retry.body.trackingNo).toBe(first.body.trackingNo);
    // The same description under the key, but another category or place or name: a different submission.
    for (const other of [{ category: 'POOR_HYGIENE' }, { kind: 'COMPLAINT', category: 'POOR_HYGIENE', reporterAddress: '东湖街道幸福里 3 号' }, { reporterName: '张大梅' }, { anonymous: true, reporterName: undefined }]) {
      const res = await app.post('/api/v1/complaints', report({ idempotencyKey: key, ...other }), tokens.resident);
      expect(res.status, JSON.stringify(other)).toBe(409);
      expect(res.body.code).toBe('IDEMPOTENCY_CONFLICT');
    }
    // Someone else cannot collect the receipt with the key.
    expect((await app.post('/api/v1/complaints', report({ idempotencyKey: key }), await app.login('resident2'))).status).toBe(409);
    expect(await app.prisma.complaint.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});

