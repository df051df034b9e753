import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CADRE_TIERS,
  GRADES,
  TIER_FOR_GRADE,
  type AssignmentView,
  type BusinessDetail,
  type CadreDetail,
  type CadreTier,
  type CommitmentView,
  type ErrorBody,
  type Grade,
  type Me,
  type MyBusiness,
  type Page,
  type VolunteerView,
} from '@sa/contracts';
import { aBusiness, aCadre, anAssignment, aUser, aWorld, type World } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { shanghaiDate } from '../calendar/working-days';
import { aPhoto } from '../uploads/testing/photo-builder';

let app: TestApp;
let world: World;
const token = { admin: '', staff: '', resident: '', cadre: '' };
/** The photo of a signed paper letter, shared by every letter these tests record. */
let letterPhoto = '';

beforeAll(async () => {
  app = await startTestApp();
  world = await aWorld(app.prisma);
  await aUser().role('ADMIN').username('admin1').build(app.prisma);
  await aUser().role('OFFICE_STAFF').office(world.office).username('staff1').build(app.prisma);
  await aUser().role('RESIDENT').username('resident1').build(app.prisma);
  const someCadre = await aCadre().tier('COMMUNITY').of(world.community).build(app.prisma);
  await aUser().cadre(someCadre).username('cadre1').build(app.prisma);
  token.admin = await app.login('admin1');
  token.staff = await app.login('staff1');
  token.resident = await app.login('resident1');
  token.cadre = await app.login('cadre1');
  const form = new FormData();
  form.append('file', new Blob([await aPhoto().jpeg().build()], { type: 'image/jpeg' }), 'letter.jpg');
  letterPhoto = ((await (await fetch(`${app.baseUrl}/api/v1/uploads`, { method: 'POST', body: form })).json()) as { id: string }).id;
});

/** The cadre records a letter signed today on paper, with its photo. */
const sign = (businessId: number, t: string) =>
  app.post<CommitmentView & Partial<ErrorBody>>('/api/v1/commitments', { businessId, signedOn: shanghaiDate(app.clock.now()), photoUploadId: letterPhoto }, t);

afterAll(async () => {
  await app?.close();
});

const patch = <T = any>(path: string, body: unknown, t?: string) => app.request<T>('PATCH', path, { body, token: t });
const assign = (businessId: number, cadreId: number, reason?: string) =>
  app.post<AssignmentView & Partial<ErrorBody>>('/api/v1/admin/assignments', { businessId, cadreId, ...(reason ? { reason } : {}) }, token.admin);
const history = (businessId: number) => app.get<Page<AssignmentView>>(`/api/v1/businesses/${businessId}/assignments`, token.admin);

/** A cadre of `tier` in the area of a business located in `world.community`. */
function localCadre(tier: CadreTier) {
  const builder = aCadre().tier(tier);
  if (tier === 'STREET') return builder.of(world.street);
  if (tier === 'COMMUNITY') return builder.of(world.community);
  return builder.of(world.district);
}

async function cadreWithLogin(tier: CadreTier, username: string) {
  const cadre = await localCadre(tier).build(app.prisma);
  await aUser().cadre(cadre).username(username).build(app.prisma);
  return { cadre, token: await app.login(username) };
}

const validBusiness = (licenceNo: string) => ({
  name: '新开张面馆',
  licenceNo,
  businessTypeId: world.businessType.id,
  grade: 'D',
  address: '东湖路 66 号',
  streetId: world.street.id,
  communityId: world.community.id,
});

describe('who may call the admin endpoints', () => {
  const adminOnly: [string, string, unknown?][] = [
    ['POST', '/api/v1/admin/businesses', {}],
    ['PATCH', '/api/v1/admin/businesses/1', {}],
    ['POST', '/api/v1/admin/cadres', {}],
    ['PATCH', '/api/v1/admin/cadres/1', {}],
    ['POST', '/api/v1/admin/assignments', {}],
    ['GET', '/api/v1/admin/volunteers'],
    ['POST', '/api/v1/admin/volunteers', {}],
    ['PATCH', '/api/v1/admin/volunteers/1', {}],
  ];

  it.each(adminOnly)('%s %s: 401 anonymous, 403 resident, cadre and office staff', async (method, path, body) => {
    const anonymous = await app.request(method, path, { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    for (const t of [token.resident, token.cadre, token.staff]) {
      const res = await app.request(method, path, { body, token: t });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('the assignment history is for admins and office staff only', async () => {
    const business = await aBusiness().in(world.community).build(app.prisma);
    expect((await app.get(`/api/v1/businesses/${business.id}/assignments`)).status).toBe(401);
    expect((await app.get(`/api/v1/businesses/${business.id}/assignments`, token.resident)).status).toBe(403);
    expect((await app.get(`/api/v1/businesses/${business.id}/assignments`, token.staff)).status).toBe(200);
  });

  it('only cadres sign commitments', async () => {
    expect((await app.post('/api/v1/commitments', { businessId: 1 })).status).toBe(401);
    expect((await app.post('/api/v1/commitments', { businessId: 1 }, token.resident)).status).toBe(403);
    expect((await app.post('/api/v1/commitments', { businessId: 1 }, token.admin)).status).toBe(403);
  });
});

describe('admin: businesses', () => {
  it('creates a business and returns its detail', async () => {
    const res = await app.post<BusinessDetail>('/api/v1/admin/businesses', { ...validBusiness('jy19000000000001'), hasSafetyOfficer: true }, token.admin);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '新开张面馆',
      licenceNo: 'JY19000000000001',
      grade: 'D',
      hasSafetyOfficer: true,
      hasSafetyDirector: false,
      office: { id: world.office.id },
      cadre: null,
    });
    expect((await app.get(`/api/v1/businesses/${res.body.id}`)).status).toBe(200);
  });

  it('refuses a licence number already registered: 409 LICENCE_NO_TAKEN, on create and on update', async () => {
    const first = await app.post<BusinessDetail>('/api/v1/admin/businesses', validBusiness('JY19000000000002'), token.admin);
    expect(first.status).toBe(201);
    const again = await app.post('/api/v1/admin/businesses', validBusiness('JY19000000000002'), token.admin);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ code: 'LICENCE_NO_TAKEN', message: '许可证编号已存在' });
    const other = await aBusiness().in(world.community).build(app.prisma);
    const renumber = await patch(`/api/v1/admin/businesses/${other.id}`, { licenceNo: 'JY19000000000002' }, token.admin);
    expect(renumber.status).toBe(409);
    expect(renumber.body.code).toBe('LICENCE_NO_TAKEN');
  });

  it('refuses a community outside the chosen street: 422 AREA_MISMATCH', async () => {
    const res = await app.post(
      '/api/v1/admin/businesses',
      { ...validBusiness('JY19000000000003'), streetId: world.otherStreet.id, communityId: world.community.id },
      token.admin,
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('AREA_MISMATCH');
    const business = await aBusiness().in(world.community).build(app.prisma);
    const moved = await patch(`/api/v1/admin/businesses/${business.id}`, { streetId: world.otherStreet.id }, token.admin);
    expect(moved.status).toBe(422);
    expect(moved.body.code).toBe('AREA_MISMATCH');
  });

  it('refuses bad input with 400 VALIDATION_FAILED naming the field in Chinese', async () => {
    const badLicence = await app.post('/api/v1/admin/businesses', validBusiness('12345'), token.admin);
    expect(badLicence.status).toBe(400);
    expect(badLicence.body.code).toBe('VALIDATION_FAILED');
    expect(badLicence.body.details).toContainEqual({ path: 'licenceNo', message: '许可证编号格式应为 JY 加 14 位数字' });
    const missing = await app.post('/api/v1/admin/businesses', { name: '只有名字' }, token.admin);
    expect(missing.status).toBe(400);
    expect(missing.body.details).toContainEqual({ path: 'grade', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const unknownCommunity = await app.post('/api/v1/admin/businesses', { ...validBusiness('JY19000000000004'), communityId: 99999999 }, token.admin);
    expect(unknownCommunity.status).toBe(400);
    expect(unknownCommunity.body.details).toEqual([{ path: 'communityId', message: '社区不存在' }]);
    const unknownType = await app.post('/api/v1/admin/businesses', { ...validBusiness('JY19000000000005'), businessTypeId: 99999999 }, token.admin);
    expect(unknownType.status).toBe(400);
    const withNul = await app.post('/api/v1/admin/businesses', { ...validBusiness('JY19000000000007'), name: '空字符\u0000面馆' }, token.admin);
    expect(withNul.status).toBe(400);
    expect(withNul.body.details).toContainEqual({ path: 'name', message: '不能包含控制字符' });
    const notJson = await app.request('POST', '/api/v1/admin/businesses', { raw: '{"name":', token: token.admin });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('VALIDATION_FAILED');
  });

  it('a patch changes only the fields it names', async () => {
    const created = await app.post<BusinessDetail>(
      '/api/v1/admin/businesses',
      { ...validBusiness('JY19000000000006'), hasSafetyOfficer: true, hasSafetyDirector: true },
      token.admin,
    );
    const res = await patch<BusinessDetail>(`/api/v1/admin/businesses/${created.body.id}`, { name: '改名后的面馆' }, token.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '改名后的面馆', hasSafetyOfficer: true, hasSafetyDirector: true, licenceNo: 'JY19000000000006' });
  });

  it('404 for an unknown business', async () => {
    const res = await patch('/api/v1/admin/businesses/99999999', { name: '不存在的店' }, token.admin);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('changing the grade ends the assignment the tier rule no longer allows, with the reason', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const cadre = await localCadre('COMMUNITY').build(app.prisma);
    expect((await assign(business.id, cadre.id)).status).toBe(201);
    const res = await patch<BusinessDetail>(`/api/v1/admin/businesses/${business.id}`, { grade: 'C' }, token.admin);
    expect(res.status).toBe(200);
    expect(res.body.grade).toBe('C');
    expect(res.body.cadre).toBeNull();
    const [ended] = (await history(business.id)).body.items;
    expect(ended).toMatchObject({ cadre: { id: cadre.id }, endedAt: expect.any(String), endReason: '经营主体分级调整，原包保干部层级不符' });
  });

  it('moving a D business to another community ends its community cadre; a B business keeps its district cadre', async () => {
    const small = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const communityCadre = await localCadre('COMMUNITY').build(app.prisma);
    await assign(small.id, communityCadre.id);
    const movedSmall = await patch<BusinessDetail>(`/api/v1/admin/businesses/${small.id}`, { communityId: world.neighbourCommunity.id }, token.admin);
    expect(movedSmall.body.cadre).toBeNull();
    expect((await history(small.id)).body.items[0]?.endReason).toBe('经营主体所在区域变更，原包保干部不属于该区域');

    const large = await aBusiness().grade('B').in(world.community).build(app.prisma);
    const districtCadre = await localCadre('DISTRICT').build(app.prisma);
    await assign(large.id, districtCadre.id);
    const movedLarge = await patch<BusinessDetail>(
      `/api/v1/admin/businesses/${large.id}`,
      { streetId: world.otherStreet.id, communityId: world.otherCommunity.id },
      token.admin,
    );
    expect(movedLarge.status).toBe(200);
    expect(movedLarge.body.cadre?.id).toBe(districtCadre.id);
    expect(movedLarge.body.office.id).toBe(world.otherOffice.id);
  });
});

describe('admin: assignments and the tier rule', () => {
  const wrongTiers = GRADES.flatMap((grade) => CADRE_TIERS.filter((tier) => tier !== TIER_FOR_GRADE[grade]).map((tier) => [grade, tier] as const));

  it.each(wrongTiers)('refuses a %s business to a %s cadre: 422 TIER_MISMATCH', async (grade: Grade, tier: CadreTier) => {
    const business = await aBusiness().grade(grade).in(world.community).build(app.prisma);
    const cadre = await localCadre(tier).build(app.prisma);
    const res = await assign(business.id, cadre.id);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('TIER_MISMATCH');
    expect((await history(business.id)).body.items).toEqual([]);
  });

  it.each(GRADES)('assigns a %s business to a cadre of the matching tier in its area', async (grade) => {
    const business = await aBusiness().grade(grade).in(world.community).build(app.prisma);
    const cadre = await localCadre(TIER_FOR_GRADE[grade]).build(app.prisma);
    const res = await assign(business.id, cadre.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ business: { id: business.id }, cadre: { id: cadre.id }, endedAt: null, commitment: null, commitments: [] });
  });

  it('refuses a cadre of another street or community: 422 CADRE_OUT_OF_AREA', async () => {
    const c = await aBusiness().grade('C').in(world.community).build(app.prisma);
    const otherStreetCadre = await aCadre().tier('STREET').of(world.otherStreet).build(app.prisma);
    expect((await assign(c.id, otherStreetCadre.id)).body.code).toBe('CADRE_OUT_OF_AREA');
    const d = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const neighbourCadre = await aCadre().tier('COMMUNITY').of(world.neighbourCommunity).build(app.prisma);
    const res = await assign(d.id, neighbourCadre.id);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CADRE_OUT_OF_AREA');
  });

  it('refuses an inactive cadre: 422 CADRE_INACTIVE', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const cadre = await localCadre('COMMUNITY').inactive().build(app.prisma);
    const res = await assign(business.id, cadre.id);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'CADRE_INACTIVE', message: '该包保干部已停用' });
  });

  it('404 for an unknown business or cadre; 400 for a malformed request', async () => {
    const business = await aBusiness().in(world.community).build(app.prisma);
    expect((await assign(99999999, 1)).status).toBe(404);
    expect((await assign(business.id, 99999999)).status).toBe(404);
    for (const body of [{ businessId: 'x' }, { businessId: 1e12, cadreId: 1 }, [], null]) {
      const bad = await app.post('/api/v1/admin/assignments', body, token.admin);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await app.get('/api/v1/businesses/99999999/assignments', token.admin)).status).toBe(404);
  });

  it('reassignment keeps the history and supersedes the signed letter (包保干部变更)', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const first = await cadreWithLogin('COMMUNITY', 'reassign-first');
    const second = await cadreWithLogin('COMMUNITY', 'reassign-second');

    const a1 = await assign(business.id, first.cadre.id);
    expect(a1.status).toBe(201);
    const letter = await sign(business.id, first.token);
    expect(letter.status).toBe(201);
    expect(letter.body.version).toBe(1);

    const a2 = await assign(business.id, second.cadre.id, '原包保干部调岗');
    expect(a2.status).toBe(201);

    const items = (await history(business.id)).body.items;
    expect(items).toHaveLength(2);
    const [current, previous] = items;
    expect(current).toMatchObject({ id: a2.body.id, cadre: { id: second.cadre.id }, endedAt: null, commitments: [] });
    expect(previous).toMatchObject({ id: a1.body.id, cadre: { id: first.cadre.id }, endedAt: expect.any(String), endReason: '原包保干部调岗' });
    expect(previous?.commitments).toEqual([
      expect.objectContaining({ version: 1, supersededAt: expect.any(String), supersededReason: '包保干部变更' }),
    ]);
    expect(previous?.endedAt).toBe(previous?.commitments[0]?.supersededAt);

    expect((await app.get<BusinessDetail>(`/api/v1/businesses/${business.id}`)).body.cadre?.id).toBe(second.cadre.id);
    const firstScope = await app.get<Page<MyBusiness>>('/api/v1/me/businesses', first.token);
    expect(firstScope.body.items.map((b) => b.id)).not.toContain(business.id);
    const secondScope = await app.get<Page<MyBusiness>>('/api/v1/me/businesses', second.token);
    expect(secondScope.body.items.map((b) => b.id)).toContain(business.id);
  });

  it('assigning the cadre who already answers for the business changes nothing', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const cadre = await localCadre('COMMUNITY').build(app.prisma);
    const a1 = await assign(business.id, cadre.id);
    const a2 = await assign(business.id, cadre.id);
    expect(a2.body.id).toBe(a1.body.id);
    expect((await history(business.id)).body.items).toHaveLength(1);
  });

  it('two reassignments racing leave exactly one current assignment', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const cadres = await Promise.all([1, 2, 3, 4].map(() => localCadre('COMMUNITY').build(app.prisma)));
    const results = await Promise.all(cadres.map((c) => assign(business.id, c.id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const items = (await history(business.id)).body.items;
    expect(items).toHaveLength(4);
    expect(items.filter((a) => a.endedAt === null)).toHaveLength(1);
  });
});

describe('commitment letters (三清单+一承诺)', () => {
  it('each signing is the next version for the business and supersedes the older letter', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const first = await cadreWithLogin('COMMUNITY', 'sign-first');
    const second = await cadreWithLogin('COMMUNITY', 'sign-second');
    await assign(business.id, first.cadre.id);

    const v1 = await sign(business.id, first.token);
    const v2 = await sign(business.id, first.token);
    expect([v1.body.version, v2.body.version]).toEqual([1, 2]);
    expect(v2.body).toMatchObject({ business: { id: business.id }, cadre: { id: first.cadre.id }, supersededAt: null });

    const scope = await app.get<Page<MyBusiness>>('/api/v1/me/businesses', first.token);
    expect(scope.body.items.find((b) => b.id === business.id)?.commitment).toEqual({ version: 2, signedAt: v2.body.signedAt });

    await assign(business.id, second.cadre.id);
    const v3 = await sign(business.id, second.token);
    expect(v3.status).toBe(201);
    expect(v3.body.version).toBe(3);

    const [current, previous] = (await history(business.id)).body.items;
    expect(current?.commitments.map((c) => [c.version, c.supersededAt])).toEqual([[3, null]]);
    expect(previous?.commitments.map((c) => [c.version, c.supersededReason])).toEqual([
      [1, '新版承诺书签订'],
      [2, '包保干部变更'],
    ]);
  });

  it('a cadre cannot sign for a business they do not currently answer for: 403 NOT_CURRENT_CADRE', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const former = await cadreWithLogin('COMMUNITY', 'sign-former');
    const stranger = await cadreWithLogin('COMMUNITY', 'sign-stranger');
    const unassigned = await sign(business.id, stranger.token);
    expect(unassigned.status).toBe(403);
    expect(unassigned.body.code).toBe('NOT_CURRENT_CADRE');
    await assign(business.id, former.cadre.id);
    await assign(business.id, (await localCadre('COMMUNITY').build(app.prisma)).id);
    expect((await sign(business.id, former.token)).body.code).toBe('NOT_CURRENT_CADRE');
    expect((await sign(99999999, former.token)).status).toBe(404);
    expect((await app.post('/api/v1/commitments', {}, former.token)).status).toBe(400);
  });

  it('signings racing for one business get distinct versions', async () => {
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    const signer = await cadreWithLogin('COMMUNITY', 'sign-racer');
    await assign(business.id, signer.cadre.id);
    const results = await Promise.all([1, 2, 3].map(() => sign(business.id, signer.token)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3]);
  });
});

describe('admin: cadres', () => {
  it('creates cadres of each tier in their area', async () => {
    const community = await app.post<CadreDetail>(
      '/api/v1/admin/cadres',
      { name: '陈社区', tier: 'COMMUNITY', title: '社区党委书记', phone: '13700001111', communityId: world.neighbourCommunity.id },
      token.admin,
    );
    expect(community.status).toBe(201);
    expect(community.body).toMatchObject({ tier: 'COMMUNITY', active: true, area: { kind: 'COMMUNITY', id: world.neighbourCommunity.id }, businesses: [] });
    const district = await app.post<CadreDetail>(
      '/api/v1/admin/cadres',
      { name: '赵区长', tier: 'DISTRICT', title: '副区长', phone: '025-84001234' },
      token.admin,
    );
    expect(district.body.area).toEqual({ kind: 'DISTRICT', id: world.district.id, name: world.district.name });
  });

  it('refuses a street or community cadre without their area, and a community outside the named street', async () => {
    const noStreet = await app.post('/api/v1/admin/cadres', { name: '钱主任', tier: 'STREET', title: '街道办主任', phone: '13700002222' }, token.admin);
    expect(noStreet.status).toBe(400);
    expect(noStreet.body.details).toContainEqual({ path: 'streetId', message: '街道干部须选择所属街道' });
    const mismatch = await app.post(
      '/api/v1/admin/cadres',
      { name: '孙书记', tier: 'COMMUNITY', title: '社区书记', phone: '13700003333', streetId: world.otherStreet.id, communityId: world.community.id },
      token.admin,
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('AREA_MISMATCH');
    const badPhone = await app.post('/api/v1/admin/cadres', { name: '李书记', tier: 'DISTRICT', title: '书记', phone: '12345' }, token.admin);
    expect(badPhone.body.details).toContainEqual({ path: 'phone', message: '请填写有效的手机号或座机号' });
    expect((await patch('/api/v1/admin/cadres/99999999', { name: '不存在' }, token.admin)).status).toBe(404);
  });

  it('deactivating a cadre ends all their assignments and supersedes their letters', async () => {
    const leaving = await cadreWithLogin('COMMUNITY', 'deactivate-me');
    const businesses = await Promise.all([1, 2].map(() => aBusiness().grade('D').in(world.community).build(app.prisma)));
    for (const b of businesses) await assign(b.id, leaving.cadre.id);
    await sign(businesses[0]!.id, leaving.token);

    const res = await patch<CadreDetail>(`/api/v1/admin/cadres/${leaving.cadre.id}`, { active: false }, token.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false, businesses: [] });
    for (const b of businesses) {
      expect((await app.get<BusinessDetail>(`/api/v1/businesses/${b.id}`)).body.cadre).toBeNull();
      const [ended] = (await history(b.id)).body.items;
      expect(ended).toMatchObject({ endedAt: expect.any(String), endReason: '包保干部停用' });
    }
    const [withLetter] = (await history(businesses[0]!.id)).body.items;
    expect(withLetter?.commitments[0]).toMatchObject({ supersededReason: '包保干部停用' });
    expect((await assign(businesses[0]!.id, leaving.cadre.id)).body.code).toBe('CADRE_INACTIVE');
  });

  it('moving a community cadre to another community ends the businesses left behind', async () => {
    const cadre = await localCadre('COMMUNITY').build(app.prisma);
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    await assign(business.id, cadre.id);
    const res = await patch<CadreDetail>(`/api/v1/admin/cadres/${cadre.id}`, { communityId: world.neighbourCommunity.id }, token.admin);
    expect(res.status).toBe(200);
    expect(res.body.area).toMatchObject({ kind: 'COMMUNITY', id: world.neighbourCommunity.id });
    expect(res.body.businesses).toEqual([]);
    expect((await history(business.id)).body.items[0]?.endReason).toBe('包保干部所属区域调整，不再覆盖该经营主体');
  });

  it('renaming a cadre keeps their assignments', async () => {
    const cadre = await localCadre('COMMUNITY').build(app.prisma);
    const business = await aBusiness().grade('D').in(world.community).build(app.prisma);
    await assign(business.id, cadre.id);
    const res = await patch<CadreDetail>(`/api/v1/admin/cadres/${cadre.id}`, { name: '改名的干部', phone: '13700009999' }, token.admin);
    expect(res.body).toMatchObject({ name: '改名的干部', phone: '13700009999' });
    expect(res.body.businesses.map((b) => b.id)).toEqual([business.id]);
  });
});

describe('admin: volunteer roster (社会监督员)', () => {
  it('adds volunteers with distinct invitation codes that a resident can bind', async () => {
    const a = await app.post<VolunteerView>('/api/v1/admin/volunteers', { name: '周老师', category: 'TEACHER', phone: '13600001111', streetId: world.street.id }, token.admin);
    const b = await app.post<VolunteerView>('/api/v1/admin/volunteers', { name: '吴代表', category: 'NPC_DEPUTY', phone: '13600002222' }, token.admin);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: '周老师', street: { id: world.street.id }, bound: false, boundAt: null, active: true });
    expect(a.body.invitationCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
    expect(b.body.invitationCode).not.toBe(a.body.invitationCode);

    await aUser().role('RESIDENT').username('becomes-volunteer').build(app.prisma);
    const resident = await app.login('becomes-volunteer');
    const bound = await app.post<Me>('/api/v1/volunteers/bind', { invitationCode: a.body.invitationCode.toLowerCase() }, resident);
    expect(bound.status).toBe(200);
    expect(bound.body.role).toBe('VOLUNTEER');

    const list = await app.get<Page<VolunteerView>>('/api/v1/admin/volunteers?limit=200', token.admin);
    expect(list.status).toBe(200);
    expect(list.body.items.find((v) => v.id === a.body.id)).toMatchObject({ bound: true, boundAt: expect.any(String) });
  });

  it('deactivating a volunteer takes the volunteer role from their account; reactivating restores it', async () => {
    const v = await app.post<VolunteerView>('/api/v1/admin/volunteers', { name: '郑家长', category: 'PARENT', phone: '13600003333' }, token.admin);
    await aUser().role('RESIDENT').username('deactivated-volunteer').build(app.prisma);
    const user = await app.login('deactivated-volunteer');
    await app.post('/api/v1/volunteers/bind', { invitationCode: v.body.invitationCode }, user);

    const off = await patch<VolunteerView>(`/api/v1/admin/volunteers/${v.body.id}`, { active: false }, token.admin);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await app.get<Me>('/api/v1/me', user)).body.role).toBe('RESIDENT');
    const inactive = await app.get<Page<VolunteerView>>('/api/v1/admin/volunteers?active=false&limit=200', token.admin);
    expect(inactive.body.items.map((x) => x.id)).toContain(v.body.id);

    await patch(`/api/v1/admin/volunteers/${v.body.id}`, { active: true }, token.admin);
    expect((await app.get<Me>('/api/v1/me', user)).body.role).toBe('VOLUNTEER');
  });

  it('refuses bad input (400) and unknown ids (404)', async () => {
    const badPhone = await app.post('/api/v1/admin/volunteers', { name: '王某', category: 'PARENT', phone: '110' }, token.admin);
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.details).toContainEqual({ path: 'phone', message: '请填写有效的手机号' });
    expect((await app.post('/api/v1/admin/volunteers', { name: '王某', category: 'ALIEN', phone: '13600004444' }, token.admin)).status).toBe(400);
    expect((await app.get('/api/v1/admin/volunteers?active=maybe', token.admin)).status).toBe(400);
    expect((await patch('/api/v1/admin/volunteers/99999999', { active: false }, token.admin)).status).toBe(404);
  });
});
