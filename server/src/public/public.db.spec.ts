import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelStreet, ModelStreetDetail, PublicBusiness, PublicFigures } from '@sa/contracts';
import { aBusiness, aCadre, anAssignment, aWorld, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

describe('public pages: model streets, the business page, the figures', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await app.truncate();
    app.clock.travelTo(new Date());
    world = await aWorld(app.prisma);
  });

  const aModelStreet = (name: string, sortOrder: number, street = world.street) =>
    app.prisma.modelStreet.create({
      data: { code: `MS-${name}`, name, streetId: street.id, description: `${name}是美食街`, address: `${name} 1 号至 99 号`, sortOrder },
    });

  describe('model streets', () => {
    it('lists the streets in the bureau’s order with how many businesses each has, without signing in', async () => {
      const chunguang = await aModelStreet('春光巷', 2, world.otherStreet);
      const heping = await aModelStreet('和平街', 1);
      await aModelStreet('太阳市场', 3);
      for (const name of ['张记面馆', '李记小吃']) {
        const b = await aBusiness().named(name).in(world.community).build(app.prisma);
        await app.prisma.business.update({ where: { id: b.id }, data: { modelStreetId: heping.id } });
      }

      const res = await app.get<ModelStreet[]>('/api/v1/public/model-streets');

      expect(res.status).toBe(200);
      expect(res.body.map((s) => [s.name, s.businessCount])).toEqual([['和平街', 2], ['春光巷', 0], ['太阳市场', 0]]);
      expect(res.body[1]).toEqual({
        id: chunguang.id,
        code: 'MS-春光巷',
        name: '春光巷',
        description: '春光巷是美食街',
        address: '春光巷 1 号至 99 号',
        street: { id: world.otherStreet.id, name: world.otherStreet.name },
        businessCount: 0,
      });
    });

    it('shows one street with its businesses by name, and no cadre or phone', async () => {
      const street = await aModelStreet('和平街', 1);
      const cadre = await aCadre().named('陈秀兰').phone('13912345678').of(world.community).build(app.prisma);
      for (const name of ['王记烧饼', '阿华茶铺', '老街馄饨']) {
        const b = await aBusiness().named(name).in(world.community).build(app.prisma);
        await anAssignment().of(b).to(cadre).build(app.prisma);
        await app.prisma.business.update({ where: { id: b.id }, data: { modelStreetId: street.id } });
      }
      await aBusiness().named('别处的店').in(world.community).build(app.prisma);

      const res = await app.get<ModelStreetDetail>(`/api/v1/public/model-streets/${street.id}`);

      expect(res.status).toBe(200);
      expect(res.body.businessCount).toBe(3);
      expect(res.body.businesses.map((b) => b.name)).toEqual(['老街馄饨', '王记烧饼', '阿华茶铺'].sort());
      expect(res.body.businesses[0]).toMatchObject({ street: { id: world.street.id }, community: { id: world.community.id }, grade: 'D' });
      expect(JSON.stringify(res.body)).not.toContain('13912345678');
    });

    it('answers 404 for a street that does not exist and 400 for an id that is not a plain number', async () => {
      const missing = await app.get('/api/v1/public/model-streets/999999');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: '示范街不存在' });
      for (const bad of ['abc', '1e3', '0x10', '0', '-1', '01', '99999999999', '1.5']) {
        const res = await app.get(`/api/v1/public/model-streets/${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    });
  });

  describe('business page', () => {
    it('shows the registry facts, the cadre’s name and tier only, and the model street', async () => {
      const street = await aModelStreet('和平街', 1);
      const business = await aBusiness().named('李记小吃店').grade('D').in(world.community).at('和平街 18 号').ofType(world.businessType).build(app.prisma);
      await app.prisma.business.update({ where: { id: business.id }, data: { modelStreetId: street.id } });
      const cadre = await aCadre().named('陈秀兰').titled('社区党委书记').phone('13912345678').of(world.community).build(app.prisma);
      await anAssignment().of(business).to(cadre).build(app.prisma);

      const res = await app.get<PublicBusiness>(`/api/v1/public/businesses/${business.id}`);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: business.id,
        name: '李记小吃店',
        licenceNo: business.licenceNo,
        grade: 'D',
        businessType: { id: world.businessType.id, name: world.businessType.name },
        address: '和平街 18 号',
        street: { id: world.street.id, name: world.street.name },
        community: { id: world.community.id, name: world.community.name },
        cadre: { name: '陈秀兰', tier: 'COMMUNITY' },
        modelStreet: { id: street.id, name: '和平街' },
        openReports: 0,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/13912345678|社区党委书记|phone/);
    });

    it('never shows a phone, even to office staff or the admin', async () => {
      const business = await aBusiness().in(world.community).build(app.prisma);
      const cadre = await aCadre().phone('13912345678').of(world.community).build(app.prisma);
      await anAssignment().of(business).to(cadre).build(app.prisma);
      await app.prisma.user.create({ data: { role: 'ADMIN', username: 'admin', displayName: '区食安办 李华' } });

      const res = await app.get(`/api/v1/public/businesses/${business.id}`, await app.login('admin'));

      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('13912345678');
    });

    it('says no cadre when the assignment has ended, and no model street when it is on none', async () => {
      const business = await aBusiness().in(world.community).build(app.prisma);
      const cadre = await aCadre().of(world.community).build(app.prisma);
      const assignment = await anAssignment().of(business).to(cadre).build(app.prisma);
      await app.prisma.assignment.update({ where: { id: assignment.id }, data: { endedAt: new Date(), endReason: '包保干部变更' } });

      const res = await app.get<PublicBusiness>(`/api/v1/public/businesses/${business.id}`);

      expect(res.body).toMatchObject({ cadre: null, modelStreet: null });
    });

    it('counts the open reports of both kinds about this business, not finished ones or other businesses’', async () => {
      const business = await aBusiness().in(world.community).build(app.prisma);
      const other = await aBusiness().in(world.community).build(app.prisma);
      const open = ['SUBMITTED', 'ACCEPTED', 'VERIFYING', 'CASE_FILED', 'NO_CASE', 'CASE_DECIDED', 'MEDIATING', 'MEDIATED', 'MEDIATION_FAILED', 'REOPENED'] as const;
      for (const [i, status] of open.entries()) {
        await aComplaint().kind(i % 2 === 0 ? 'REPORT' : 'COMPLAINT').about(business).status(status).build(app.prisma);
      }
      for (const status of ['RESOLVED', 'CLOSED', 'REJECTED', 'TRANSFERRED'] as const) {
        await aComplaint().about(business).status(status).build(app.prisma);
      }
      await aComplaint().about(other).status('SUBMITTED').build(app.prisma);

      const res = await app.get<PublicBusiness>(`/api/v1/public/businesses/${business.id}`);

      expect(res.body.openReports).toBe(open.length);
    });

    it('answers 404 for an unknown business and 400 for a malformed id', async () => {
      expect((await app.get('/api/v1/public/businesses/2147483647')).status).toBe(404);
      expect((await app.get('/api/v1/public/businesses/2147483648')).status).toBe(400);
      expect((await app.get('/api/v1/public/businesses/%2012')).status).toBe(400);
    });
  });

  describe('figures', () => {
    // 12:00 in Shanghai on 2026-06-10.
    const NOW = new Date('2026-06-10T04:00:00Z');

    it('says there is no data yet rather than 0 % or 100 %', async () => {
      app.clock.travelTo(NOW);
      const business = await aBusiness().in(world.community).build(app.prisma);
      // Still running: neither met nor overdue.
      await aComplaint().about(business).deadline('VERIFY', '2026-06-30', '2026-06-09').build(app.prisma);

      const res = await app.get<PublicFigures>('/api/v1/public/figures');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ year: 2026, reportsThisYear: 1, onTimeRate: null, satisfactionRate: null, onTime: { met: 0, decided: 0 } });
    });

    it('counts this year’s reports in Shanghai time and the share of 受理 and 核查 steps done by their due date', async () => {
      app.clock.travelTo(NOW);
      const business = await aBusiness().in(world.community).build(app.prisma);
      const received = (iso: string) => aComplaint().about(business).receivedAt(new Date(iso));
      // 2026-01-01 00:30 in Shanghai is this year; 2025-12-31 23:30 is last year.
      await received('2025-12-31T16:30:00Z').build(app.prisma);
      await received('2025-12-31T15:30:00Z').build(app.prisma);

      const met = async (kind: 'ACCEPT' | 'VERIFY', start: string, due: string, metAt: string) => {
        const c = await aComplaint().kind(kind === 'ACCEPT' ? 'COMPLAINT' : 'REPORT').about(business).receivedAt(new Date(`${start}T02:00:00Z`)).deadline(kind, due, start).build(app.prisma);
        await app.prisma.deadline.update({ where: { id: c.deadlines[0]!.id }, data: { state: 'MET', metAt: new Date(metAt) } });
      };
      await met('ACCEPT', '2026-03-02', '2026-03-11', '2026-03-11T15:59:00Z'); // 23:59 on the due day: on time
      await met('VERIFY', '2026-03-02', '2026-03-23', '2026-03-20T02:00:00Z'); // early
      await met('VERIFY', '2026-04-01', '2026-04-22', '2026-04-22T16:01:00Z'); // 00:01 the day after: late
      // Overdue and still open: against the rate.
      await aComplaint().about(business).receivedAt(new Date('2026-05-06T02:00:00Z')).deadline('VERIFY', '2026-05-27', '2026-05-06').build(app.prisma);
      // Still running; a 处罚公示 step; last year's step: none of them count.
      await aComplaint().about(business).receivedAt(new Date('2026-06-09T02:00:00Z')).deadline('VERIFY', '2026-06-30', '2026-06-09').build(app.prisma);
      await aComplaint().about(business).receivedAt(new Date('2026-02-02T02:00:00Z')).deadline('DISCLOSE', '2026-03-02', '2026-02-02').build(app.prisma);
      await aComplaint().about(business).receivedAt(new Date('2025-12-01T02:00:00Z')).deadline('VERIFY', '2025-12-22', '2025-12-01').build(app.prisma);

      const res = await app.get<PublicFigures>('/api/v1/public/figures');

      expect(res.body).toEqual({ year: 2026, reportsThisYear: 7, onTimeRate: 0.5, satisfactionRate: null, onTime: { met: 2, decided: 4 } });
    });

    it('gives this year’s 好差评 satisfaction from first ratings, and none below 30 of them', async () => {
      app.clock.travelTo(NOW);
      const business = await aBusiness().in(world.community).build(app.prisma);
      const rate = async (level: number, at: string, round = 1) => {
        const c = await aComplaint().about(business).status('RESOLVED').receivedAt(new Date('2026-03-01T02:00:00Z')).build(app.prisma);
        await app.prisma.rating.create({ data: { complaintId: c.id, round, level, tags: [], createdAt: new Date(at) } });
        return c;
      };
      // 29 first ratings this year: 23 at 基本满意 or above, 6 差评 — below the minimum sample, so no figure.
      for (let i = 0; i < 23; i++) await rate(3 + (i % 3), '2026-04-01T02:00:00Z');
      for (let i = 0; i < 6; i++) await rate(1 + (i % 2), '2026-05-01T02:00:00Z');
      // Last year's rating (2025-12-31 23:30 in Shanghai) does not count.
      await rate(5, '2025-12-31T15:30:00Z');
      expect((await app.get<PublicFigures>('/api/v1/public/figures')).body.satisfactionRate).toBeNull();

      // The 30th (2026-01-01 00:30 in Shanghai): 24 of 30 = 0.8. A second-round rating after a rectification changes nothing.
      const thirtieth = await rate(4, '2025-12-31T16:30:00Z');
      await app.prisma.rating.create({ data: { complaintId: thirtieth.id, round: 2, level: 1, tags: [], createdAt: new Date('2026-05-20T02:00:00Z') } });
      const res = await app.get<PublicFigures>('/api/v1/public/figures');
      expect(res.body.satisfactionRate).toBe(0.8);
      expect(res.body.reportsThisYear).toBe(31);
    });
  });
});
