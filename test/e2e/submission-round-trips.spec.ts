import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser } from '../support/builders';
import { aComplaintWorld, aReportBody } from '../support/complaint-world';
import { recordStatements } from '../support/statement-counter';
import { startTestApp, type TestApp } from '../support/test-app';

// What one submission costs the database: the session, the routing lookup, one statement that writes the whole
// complaint with its routing, deadlines, photos, audit event and notices and returns the receipt. At most 4.
describe(`a submission's database round trips (${process.env.TEST_DB})`, () => {
  let app: TestApp;
  let resident: string;
  let business: { id: number };
  let staffId: number;
  let cadreUserId: number;

  beforeAll(async () => {
    app = await startTestApp();
    const w = await aComplaintWorld(app);
    business = w.business;
    await aUser().username('rt-resident').named('张小梅').build(app.prisma);
    staffId = (await aUser().role('OFFICE_STAFF').username('rt-staff').office(w.world.office).build(app.prisma)).id;
    cadreUserId = (await aUser().role('CADRE').username('rt-cadre').cadre(w.cadre).build(app.prisma)).id;
    resident = await app.login('rt-resident');
    // Warm: the calendar is loaded and cached once, as on any running server; the session's touch is done.
    expect((await app.post('/api/v1/complaints', aReportBody(business), resident)).status).toBe(201);
  });
  afterAll(async () => app?.close());

  const uploadPhoto = async (token: string) => {
    const { aPhoto } = await import('../../server/src/uploads/testing/photo-builder');
    const form = new FormData();
    form.append('file', new Blob([await aPhoto().jpeg().build()], { type: 'image/jpeg' }), 'p.jpg');
    const res = await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it('files a logged-in 举报 with a photo in at most 4, and it is whole: routing, deadlines, photo, event, notices', async () => {
    const photo = await uploadPhoto(resident);
    const { result: res, statements } = await recordStatements(app, () => app.post('/api/v1/complaints', aReportBody(business, { photoIds: [photo] }), resident));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    console.log(`submission (${process.env.TEST_DB}): ${statements.length} statements`);
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(4);

    const c = await app.prisma.complaint.findUniqueOrThrow({ where: { id: res.body.id }, include: { routings: true, deadlines: true, photos: true, events: true } });
    expect(c).toMatchObject({ trackingNo: res.body.trackingNo, status: 'SUBMITTED', kind: 'REPORT' });
    expect(c.routings).toHaveLength(1);
    expect(c.deadlines.map((d) => d.kind).sort()).toEqual(res.body.deadlines.map((d: { kind: string }) => d.kind).sort());
    expect(c.photos.map((p) => p.uploadId)).toEqual([photo]);
    expect(c.events.map((e) => e.action)).toEqual(['submit']);
    const notices = await app.prisma.notification.findMany({ where: { complaintId: c.id } });
    expect(notices.map((n) => n.userId).sort()).toEqual([staffId, cadreUserId].sort());
    expect(res.body.office).toMatchObject({ name: expect.stringContaining('市场监管所') });
  });

  it('files a 投诉+举报 as two linked records in at most 4', async () => {
    const body = aReportBody(business, { kind: 'BOTH' });
    const { result: res, statements } = await recordStatements(app, () => app.post('/api/v1/complaints', body, resident));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    console.log(`投诉+举报 (${process.env.TEST_DB}): ${statements.length} statements`);
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(4);
    const [a, b] = await Promise.all([res.body.id, res.body.linked.id].map((id: number) => app.prisma.complaint.findUniqueOrThrow({ where: { id } })));
    expect([a!.kind, b!.kind]).toEqual(['COMPLAINT', 'REPORT']);
    expect([a!.linkedComplaintId, b!.linkedComplaintId]).toEqual([b!.id, a!.id]);
  });

  it('answers a retried submission with the same receipt in at most 4, writing nothing', async () => {
    const body = aReportBody(business, { idempotencyKey: randomUUID() });
    const first = await app.post('/api/v1/complaints', body, resident);
    const before = await app.prisma.complaint.count();
    const { result: again, statements } = await recordStatements(app, () => app.post('/api/v1/complaints', body, resident));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(4);
    expect(await app.prisma.complaint.count()).toBe(before);
  });

  it('files an anonymous guest 举报 by place in at most 4 and gives its query code', async () => {
    const areas = await app.get('/api/v1/areas');
    const streetId = areas.body.offices[0].streets[0].id;
    const body = { kind: 'REPORT', category: 'POOR_HYGIENE', streetId, businessName: '路口早点摊', description: '早点摊用未消毒的抹布擦碗', anonymous: true, idempotencyKey: randomUUID() };
    const { result: res, statements } = await recordStatements(app, () => app.post('/api/v1/complaints', body));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.queryCode).toMatch(/^[A-Z0-9]{6,}$/);
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(4);
  });
});
