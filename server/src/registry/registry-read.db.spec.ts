import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasTree, BusinessDetail, BusinessSummary, CadreDetail, CadreListItem, MyBusiness, Page } from '@sa/contracts';
import { aBusiness, aCadre, anAssignment, aUser, aWorld, type World } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

let app: TestApp;
let world: World;
const token = { admin: '', staff: '', resident: '', cadre: '', otherCadre: '' };
let cadre: { id: number };

beforeAll(async () => {
  app = await startTestApp();
  world = await aWorld(app.prisma);
  cadre = await aCadre().tier('COMMUNITY').of(world.community).named('刘社区').phone('13911112222').build(app.prisma);
  const otherCadre = await aCadre().tier('COMMUNITY').of(world.otherCommunity).build(app.prisma);
  await aUser().role('ADMIN').username('read-admin').build(app.prisma);
  await aUser().role('OFFICE_STAFF').office(world.office).username('read-staff').build(app.prisma);
  await aUser().role('RESIDENT').username('read-resident').build(app.prisma);
  await aUser().cadre(cadre).username('read-cadre').build(app.prisma);
  await aUser().cadre(otherCadre).username('read-other-cadre').build(app.prisma);
  token.admin = await app.login('read-admin');
  token.staff = await app.login('read-staff');
  token.resident = await app.login('read-resident');
  token.cadre = await app.login('read-cadre');
  token.otherCadre = await app.login('read-other-cadre');
});

afterAll(async () => {
  await app?.close();
});

describe('GET /api/v1/areas', () => {
  it('gives the district, offices with address and phone, their streets and communities with population', async () => {
    const res = await app.get<AreasTree>('/api/v1/areas');
    expect(res.status).toBe(200);
    expect(res.body.district).toEqual({ id: world.district.id, name: world.district.name });
    const east = res.body.offices.find((o) => o.id === world.office.id);
    expect(east).toMatchObject({ name: world.office.name, address: world.office.address, phone: world.office.phone });
    expect(east?.streets.map((s) => s.id)).toEqual([world.street.id]);
    expect(east?.streets[0]?.communities).toEqual([
      { id: world.community.id, name: world.community.name, population: 8000 },
      { id: world.neighbourCommunity.id, name: world.neighbourCommunity.name, population: 6500 },
    ]);
  });

  it('lists the business types (业态) for the admin form, with their ids', async () => {
    const res = await app.get<{ id: number; name: string }[]>('/api/v1/business-types');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([{ id: world.businessType.id, name: '餐饮服务' }, { id: world.otherBusinessType.id, name: '食品销售' }]));
  });
});

describe('GET /api/v1/businesses (search)', () => {
  let noodles: { id: number }, noodleBar: { id: number }, stirFry: { id: number }, kfc: { id: number }, milk: { id: number };

  beforeAll(async () => {
    noodles = await aBusiness().named('张记兰州拉面').licence('JY13201990000001').in(world.community).build(app.prisma);
    noodleBar = await aBusiness().named('李家拉面馆').licence('JY13201990000002').in(world.otherCommunity).build(app.prisma);
    stirFry = await aBusiness().named('王家小炒').licence('JY23201990000003').grade('C').in(world.neighbourCommunity).build(app.prisma);
    kfc = await aBusiness().named('KFC 东湖店').licence('JY23201990000004').grade('B').in(world.community).build(app.prisma);
    milk = await aBusiness().named('100%纯牛奶专卖').licence('JY23201990000005').in(world.otherCommunity).build(app.prisma);
  });

  const search = (query: string) => app.get<Page<BusinessSummary>>(`/api/v1/businesses?${query}`);
  const ids = (page: Page<BusinessSummary>) => page.items.map((b) => b.id).sort((a, b) => a - b);

  it('finds businesses by part of the name, shortest name (closest to what was typed) first', async () => {
    const res = await search(`q=${encodeURIComponent('拉面')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((b) => b.name)).toEqual(['李家拉面馆', '张记兰州拉面']);
    expect(res.body.total).toBe(2);
  });

  it('finds a business by words from its name and its address', async () => {
    const onOldStreet = await aBusiness().named('老街牛肉面馆').at('老街 12 号').in(world.community).build(app.prisma);
    const res = await search(`q=${encodeURIComponent('面馆 老街')}`);
    expect(ids(res.body)).toEqual([onOldStreet.id]);
    expect((await search(`q=${encodeURIComponent('面馆 新街')}`)).body.total).toBe(0);
  });

  it('matches Latin letters in names regardless of case', async () => {
    const res = await search('q=kfc');
    expect(ids(res.body)).toEqual([kfc.id]);
  });

  it('finds businesses by the beginning of the licence number, in licence order', async () => {
    const res = await search('q=JY1320199');
    expect(res.body.items.map((b) => b.id)).toEqual([noodles.id, noodleBar.id]);
    expect(res.body.total).toBe(2);
    expect((await search('q=jy2320199000000')).body.total).toBe(3);
  });

  it('treats % and _ as ordinary characters, not wildcards', async () => {
    expect(ids((await search(`q=${encodeURIComponent('%')}`)).body)).toEqual([milk.id]);
    expect((await search('q=_')).body.total).toBe(0);
  });

  it('filters by street, by community and by grade', async () => {
    expect(ids((await search(`streetId=${world.otherStreet.id}`)).body)).toEqual([noodleBar.id, milk.id].sort((a, b) => a - b));
    expect(ids((await search(`communityId=${world.neighbourCommunity.id}`)).body)).toEqual([stirFry.id]);
    expect(ids((await search(`q=${encodeURIComponent('拉面')}&streetId=${world.street.id}`)).body)).toEqual([noodles.id]);
    expect(ids((await search(`grade=B&streetId=${world.street.id}`)).body)).toEqual([kfc.id]);
  });

  it('returns each business with its type, street and community', async () => {
    const res = await search(`q=${encodeURIComponent('王家小炒')}`);
    expect(res.body.items[0]).toEqual({
      id: stirFry.id,
      name: '王家小炒',
      licenceNo: 'JY23201990000003',
      grade: 'C',
      businessType: expect.objectContaining({ id: expect.any(Number), name: expect.any(String) }),
      address: expect.any(String),
      street: { id: world.street.id, name: world.street.name },
      community: { id: world.neighbourCommunity.id, name: world.neighbourCommunity.name },
    });
  });

  it('pages with limit and offset while total counts every match', async () => {
    const first = await search('q=JY232019&limit=2');
    const second = await search('q=JY232019&limit=2&offset=2');
    expect(first.body.total).toBe(3);
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items).toHaveLength(1);
    expect(new Set([...first.body.items, ...second.body.items].map((b) => b.id)).size).toBe(3);
    const pastTheEnd = await search('q=JY232019&limit=2&offset=10');
    expect(pastTheEnd.body).toEqual({ items: [], total: 3 });
  });

  it('refuses bad parameters with 400 VALIDATION_FAILED and a Chinese message', async () => {
    for (const query of ['limit=0', 'limit=51', 'grade=E', 'streetId=abc', 'streetId=99999999999', 'offset=-1', 'q=a%00b', 'q=a&q=b', `q=${'长'.repeat(51)}`]) {
      const res = await search(query);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
  });
});

describe('GET /api/v1/businesses/:id', () => {
  let business: { id: number };
  beforeAll(async () => {
    business = await aBusiness().named('东湖早点铺').grade('D').in(world.community).at('东湖路 18 号', 32.05, 118.78).build(app.prisma);
    await anAssignment().of(business).to(cadre).build(app.prisma);
  });

  it('shows the business, its office and its current cadre without the phone to residents and the public', async () => {
    for (const t of [undefined, token.resident, token.cadre]) {
      const res = await app.get<BusinessDetail>(`/api/v1/businesses/${business.id}`, t);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: business.id, name: '东湖早点铺', lat: 32.05, lng: 118.78, office: { id: world.office.id, name: world.office.name } });
      expect(res.body.cadre).toEqual({ id: cadre.id, name: '刘社区', tier: 'COMMUNITY', title: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toContain('13911112222');
    }
  });

  it('shows the cadre phone to office staff and admins', async () => {
    for (const t of [token.staff, token.admin]) {
      const res = await app.get<BusinessDetail>(`/api/v1/businesses/${business.id}`, t);
      expect(res.body.cadre?.phone).toBe('13911112222');
    }
  });

  it('has no cadre while nobody answers for the business', async () => {
    const orphan = await aBusiness().in(world.community).build(app.prisma);
    const res = await app.get<BusinessDetail>(`/api/v1/businesses/${orphan.id}`);
    expect(res.body.cadre).toBeNull();
  });

  it('404 NOT_FOUND for an unknown id, 400 for a malformed or out-of-range one', async () => {
    expect((await app.get('/api/v1/businesses/99999999')).body).toMatchObject({ code: 'NOT_FOUND', message: '经营主体不存在' });
    expect((await app.get('/api/v1/businesses/99999999')).status).toBe(404);
    for (const id of ['abc', '0', '99999999999', '1.5']) {
      const bad = await app.get(`/api/v1/businesses/${id}`);
      expect(bad.status, id).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('cadres', () => {
  let scoped: { id: number };
  beforeAll(async () => {
    scoped = await aBusiness().named('刘社区包保的小吃店').in(world.community).build(app.prisma);
    await anAssignment().of(scoped).to(cadre).build(app.prisma);
  });

  it('GET /cadres/:id shows office staff the cadre with area, phone and current businesses', async () => {
    const res = await app.get<CadreDetail>(`/api/v1/cadres/${cadre.id}`, token.staff);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: cadre.id,
      tier: 'COMMUNITY',
      phone: '13911112222',
      active: true,
      area: { kind: 'COMMUNITY', id: world.community.id, name: world.community.name },
    });
    expect(res.body.businesses.map((b) => b.id)).toContain(scoped.id);
  });

  it('GET /cadres/:id lets a cadre see themself but not another cadre', async () => {
    expect((await app.get(`/api/v1/cadres/${cadre.id}`, token.cadre)).status).toBe(200);
    const other = await app.get(`/api/v1/cadres/${cadre.id}`, token.otherCadre);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
  });

  it('GET /cadres/:id refuses residents (403) and anonymous callers (401); unknown id 404', async () => {
    expect((await app.get(`/api/v1/cadres/${cadre.id}`, token.resident)).status).toBe(403);
    expect((await app.get(`/api/v1/cadres/${cadre.id}`)).status).toBe(401);
    expect((await app.get('/api/v1/cadres/99999999', token.admin)).status).toBe(404);
  });

  it('GET /cadres lists cadres by tier and name for staff, with how many businesses each answers for', async () => {
    const street = await aCadre().tier('STREET').of(world.street).named('街道周主任').build(app.prisma);
    const res = await app.get<Page<CadreListItem>>('/api/v1/cadres?tier=STREET', token.staff);
    expect(res.status).toBe(200);
    expect(res.body.items.every((c) => c.tier === 'STREET')).toBe(true);
    expect(res.body.items.find((c) => c.id === street.id)).toMatchObject({ area: { kind: 'STREET', id: world.street.id }, businessCount: 0 });
    const byName = await app.get<Page<CadreListItem>>(`/api/v1/cadres?q=${encodeURIComponent('刘社区')}`, token.admin);
    expect(byName.body.items.map((c) => c.id)).toEqual([cadre.id]);
    expect(byName.body.items[0]?.businessCount).toBeGreaterThanOrEqual(1);
    expect((await app.get('/api/v1/cadres?tier=TOWN', token.admin)).status).toBe(400);
    expect((await app.get('/api/v1/cadres', token.resident)).status).toBe(403);
    expect((await app.get('/api/v1/cadres', token.cadre)).status).toBe(403);
  });

  it('GET /me/businesses gives a cadre exactly the businesses they answer for', async () => {
    const res = await app.get<Page<MyBusiness>>('/api/v1/me/businesses', token.cadre);
    expect(res.status).toBe(200);
    expect(res.body.items.map((b) => b.id)).toContain(scoped.id);
    expect(res.body.items.find((b) => b.id === scoped.id)?.commitment).toBeNull();
    const other = await app.get<Page<MyBusiness>>('/api/v1/me/businesses', token.otherCadre);
    expect(other.body.items.map((b) => b.id)).not.toContain(scoped.id);
    expect((await app.get('/api/v1/me/businesses', token.staff)).status).toBe(403);
  });
});
