import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentView, BusinessDetail, BusinessUpdateResult, CommitmentStatusRow, CommitmentView, MyBusiness, Page } from '@sa/contracts';
import { aBusiness, aCadre, anAssignment, aUser, aWorld, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { aPhoto } from '../uploads/testing/photo-builder';

const shanghai = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

describe('cadres’ businesses, commitment letters and the tier rule through the HTTP API', () => {
  let app: TestApp;
  let world: World;
  let cadre: { id: number; name: string };
  let noodles: { id: number; name: string; streetId: number; communityId: number };
  let bakery: { id: number; name: string; streetId: number; communityId: number };
  let t: { cadre: string; otherCadre: string; staff: string; otherStaff: string; admin: string; resident: string };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    await app.truncate();
    // Thursday 12 November 2026; the assignments below started on 2 November.
    app.clock.travelTo(shanghai('2026-11-12T10:00:00'));
    world = await aWorld(app.prisma);
    cadre = await aCadre().named('陈秀兰').tier('COMMUNITY').of(world.community).build(app.prisma);
    const otherCadre = await aCadre().named('王建军').tier('COMMUNITY').of(world.community).build(app.prisma);
    noodles = await aBusiness().named('老街牛肉面馆').licence('JY13201020000001').grade('D').in(world.community).build(app.prisma);
    bakery = await aBusiness().named('好味烘焙坊').licence('JY13201020000002').grade('D').in(world.community).build(app.prisma);
    for (const b of [noodles, bakery]) await anAssignment().of(b).to(cadre).since(shanghai('2026-11-02T09:00:00')).build(app.prisma);
    await aUser().username('cadre').cadre(cadre).build(app.prisma);
    await aUser().username('other-cadre').cadre(otherCadre).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office1').office(world.office).build(app.prisma);
    await aUser().role('OFFICE_STAFF').username('office2').office(world.otherOffice).build(app.prisma);
    await aUser().role('ADMIN').username('admin').build(app.prisma);
    await aUser().username('resident').build(app.prisma);
    t = {
      cadre: await app.login('cadre'),
      otherCadre: await app.login('other-cadre'),
      staff: await app.login('office1'),
      otherStaff: await app.login('office2'),
      admin: await app.login('admin'),
      resident: await app.login('resident'),
    };
  });

  async function upload(): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([await aPhoto().jpeg().build()], { type: 'image/jpeg' }), 'letter.jpg');
    return ((await (await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form })).json()) as { id: string }).id;
  }
  const record = (body: Record<string, unknown>, token = t.cadre) => app.post<CommitmentView>('/api/v1/commitments', body, token);
  const mine = (query = '') => app.get<Page<MyBusiness>>(`/api/v1/me/businesses${query}`, t.cadre);

  it('lists the cadre’s businesses with their office, open complaints and commitment, searchable by name or licence', async () => {
    for (const status of ['SUBMITTED', 'VERIFYING', 'CASE_DECIDED'] as const) {
      await aComplaint().about(noodles).handledBy(world.office).cadre(cadre).status(status).build(app.prisma);
    }
    await aComplaint().about(noodles).handledBy(world.office).cadre(cadre).status('RESOLVED').build(app.prisma);
    await aComplaint().about(noodles).handledBy(world.office).cadre(cadre).status('CLOSED').build(app.prisma);

    const all = await mine();
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    const byName = new Map(all.body.items.map((b) => [b.name, b]));
    expect(byName.get('老街牛肉面馆')).toMatchObject({ openComplaints: 3, office: { id: world.office.id, name: world.office.name }, commitment: null, grade: 'D' });
    expect(byName.get('好味烘焙坊')).toMatchObject({ openComplaints: 0 });

    expect((await mine('?q=牛肉')).body.items.map((b) => b.name)).toEqual(['老街牛肉面馆']);
    expect((await mine('?q=jy13201020000002')).body.items.map((b) => b.name)).toEqual(['好味烘焙坊']);
    expect((await mine('?q=0000')).body.total).toBe(2);
    expect((await mine('?q=火锅')).body).toEqual({ items: [], total: 0 });
    expect((await app.get('/api/v1/me/businesses', t.staff)).status).toBe(403);
  });

  it('records a letter with its signing date and photo, shown in the history and readable only by those who answer for it', async () => {
    const photo = await upload();
    const res = await record({ businessId: noodles.id, signedOn: '2026-11-10', photoUploadId: photo });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 1, photoUploadId: photo, business: { id: noodles.id }, cadre: { id: cadre.id } });
    expect(res.body.signedAt.slice(0, 10)).toBe('2026-11-10');

    const listed = (await mine()).body.items.find((b) => b.id === noodles.id);
    expect(listed?.commitment).toEqual({ version: 1, signedAt: res.body.signedAt });
    const history = await app.get<Page<AssignmentView>>(`/api/v1/businesses/${noodles.id}/assignments`, t.staff);
    expect(history.body.items[0]!.commitments).toEqual([expect.objectContaining({ version: 1, photoUploadId: photo, supersededAt: null })]);

    const path = `/api/v1/uploads/${photo}`;
    for (const token of [t.cadre, t.staff, t.admin]) expect((await app.get(path, token)).status).toBe(200);
    for (const token of [t.otherStaff, t.otherCadre, t.resident, undefined]) expect((await app.get(path, token)).status).toBe(404);
  });

  it('refuses a signing date in the future or before the assignment, and a photo that was never uploaded', async () => {
    const photo = await upload();
    const future = await record({ businessId: noodles.id, signedOn: '2026-11-13', photoUploadId: photo });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'signedOn', message: '签订日期不能晚于今天' }] });
    const early = await record({ businessId: noodles.id, signedOn: '2026-11-01', photoUploadId: photo });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('签订日期不能早于包保开始日期（2026-11-02）');
    const noPhoto = await record({ businessId: noodles.id, signedOn: '2026-11-12', photoUploadId: '3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c' });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.code).toBe('PHOTO_NOT_FOUND');
    const missing = await record({ businessId: noodles.id, signedOn: '2026-11-12' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { path: string }) => d.path)).toContain('photoUploadId');
    const notUuid = await record({ businessId: noodles.id, signedOn: '2026-11-12', photoUploadId: 'letter.jpg' });
    expect(notUuid.body.details).toContainEqual({ path: 'photoUploadId', message: '请上传签字承诺书的照片' });
    expect((await record({ businessId: noodles.id, signedOn: '2026-11-12', photoUploadId: photo }, t.otherCadre)).body.code).toBe('NOT_CURRENT_CADRE');
    // The same day as the assignment and today are both fine.
    expect((await record({ businessId: noodles.id, signedOn: '2026-11-02', photoUploadId: photo })).status).toBe(201);
    expect((await record({ businessId: bakery.id, signedOn: '2026-11-12', photoUploadId: photo })).status).toBe(201);
    expect(await app.prisma.commitmentLetter.count()).toBe(2);
  });

  it('shows the admin the commitment status per business, by status, street and name', async () => {
    const unassigned = await aBusiness().named('西河茶饮').grade('D').in(world.otherCommunity).build(app.prisma);
    await record({ businessId: noodles.id, signedOn: '2026-11-10', photoUploadId: await upload() });
    const list = (query: string) => app.get<Page<CommitmentStatusRow>>(`/api/v1/admin/commitments${query}`, t.admin);

    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    const byId = new Map(all.body.items.map((r) => [r.id, r]));
    expect(byId.get(noodles.id)).toMatchObject({ cadre: { id: cadre.id, name: '陈秀兰' }, commitment: { version: 1 } });
    expect(byId.get(bakery.id)).toMatchObject({ cadre: { id: cadre.id }, commitment: null });
    expect(byId.get(unassigned.id)).toMatchObject({ cadre: null, commitment: null });

    expect((await list('?status=signed')).body.items.map((r) => r.id)).toEqual([noodles.id]);
    expect((await list('?status=unsigned')).body.items.map((r) => r.id).sort()).toEqual([bakery.id, unassigned.id].sort());
    expect((await list(`?streetId=${world.otherStreet.id}`)).body.items.map((r) => r.id)).toEqual([unassigned.id]);
    expect((await list('?q=牛肉')).body.items.map((r) => r.id)).toEqual([noodles.id]);
    expect((await list('?q=%25')).body.total).toBe(0);
    expect((await list('?limit=1&offset=1')).body).toMatchObject({ total: 3, items: [expect.anything()] });
    expect((await list('?status=maybe')).status).toBe(400);
    expect((await app.get('/api/v1/admin/commitments', t.staff)).status).toBe(403);

    // A new cadre means a new letter: the business is unsigned again.
    const successor = await aCadre().tier('COMMUNITY').of(world.community).build(app.prisma);
    expect((await app.post('/api/v1/admin/assignments', { businessId: noodles.id, cadreId: successor.id }, t.admin)).status).toBe(201);
    expect((await list('?status=signed')).body.items).toEqual([]);
  });

  it('a grade change that breaks the tier rule ends the assignment with a notice naming the rule; a cadre of the right tier can then be assigned', async () => {
    const changed = await app.request<BusinessDetail & BusinessUpdateResult>('PATCH', `/api/v1/admin/businesses/${noodles.id}`, { body: { grade: 'B' }, token: t.admin });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ grade: 'B', cadre: null });
    expect(changed.body.endedAssignments).toEqual([
      { cadre: { id: cadre.id, name: '陈秀兰', tier: 'COMMUNITY', title: '社区书记' }, reason: '经营主体分级调整，原包保干部层级不符' },
    ]);
    expect(changed.body.notice).toBe('按分级包保规则，B 级经营主体须由区级干部包保：原包保干部 陈秀兰（社区）已解除包保，请重新指派。');
    expect((await mine()).body.items.map((b) => b.id)).toEqual([bakery.id]);

    const unchanged = await app.request<BusinessDetail & BusinessUpdateResult>('PATCH', `/api/v1/admin/businesses/${bakery.id}`, { body: { name: '好味烘焙坊（总店）' }, token: t.admin });
    expect(unchanged.body).toMatchObject({ endedAssignments: [], notice: null, cadre: { id: cadre.id } });

    const wrongTier = await app.post('/api/v1/admin/assignments', { businessId: noodles.id, cadreId: cadre.id }, t.admin);
    expect(wrongTier.status).toBe(422);
    expect(wrongTier.body.code).toBe('TIER_MISMATCH');
    const districtCadre = await aCadre().named('赵立新').tier('DISTRICT').titled('副区长').of(world.district).build(app.prisma);
    const assigned = await app.post<AssignmentView>('/api/v1/admin/assignments', { businessId: noodles.id, cadreId: districtCadre.id }, t.admin);
    expect(assigned.status).toBe(201);
    expect((await app.get<BusinessDetail>(`/api/v1/businesses/${noodles.id}`)).body.cadre).toMatchObject({ id: districtCadre.id, tier: 'DISTRICT' });
  });
});
