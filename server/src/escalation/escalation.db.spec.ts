import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aBusiness, aCadre, anAssignment, aUser, aWorld, type World } from '../../../test/support/builders';
import { aComplaint } from '../../../test/support/complaint-builder';
import { countStatements } from '../../../test/support/count-statements';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { EscalationService } from './escalation.service';

const shanghai = (local: string) => new Date(`${local}+08:00`);
// Friday 27 November 2026; the next working day is Monday 30 November.
const friday = shanghai('2026-11-27T09:00:00');

describe('deadline sweep: reminders and 督办', () => {
  let app: TestApp;
  let sweeper: EscalationService;
  let world: World;
  let cadres: Record<'community' | 'otherCommunity' | 'street' | 'district' | 'city', { id: number }>;
  let users: Record<'communityCadre' | 'streetCadre' | 'districtCadre' | 'cityCadre' | 'staff' | 'staff2' | 'otherStaff' | 'admin' | 'admin2' | 'reporter', { id: number }>;
  let business: { id: number; streetId: number; communityId: number };

  beforeAll(async () => {
    app = await startTestApp({ SWEEP_INTERVAL_SECONDS: '0', OUTBOX_INTERVAL_SECONDS: '0' });
    sweeper = app.nest.get(EscalationService);
  });
  afterAll(async () => app?.close());

  beforeEach(async () => {
    await app.truncate();
    world = await aWorld(app.prisma);
    // world.street has a street-tier leader; world.otherStreet has none.
    cadres = {
      community: await aCadre().named('陈秀兰').tier('COMMUNITY').of(world.community).build(app.prisma),
      otherCommunity: await aCadre().named('王建军').tier('COMMUNITY').of(world.otherCommunity).build(app.prisma),
      street: await aCadre().named('周立新').tier('STREET').titled('街道办主任').of(world.street).build(app.prisma),
      district: await aCadre().named('孙海燕').tier('DISTRICT').titled('副区长').of(world.district).build(app.prisma),
      city: await aCadre().named('赵国平').tier('CITY').titled('副市长').of(world.district).build(app.prisma),
    };
    business = await aBusiness().named('李记小吃店').in(world.community).build(app.prisma);
    await anAssignment().of(business).to(cadres.community).build(app.prisma);
    users = {
      communityCadre: await aUser().username('community-cadre').cadre(cadres.community).build(app.prisma),
      streetCadre: await aUser().username('street-cadre').cadre(cadres.street).build(app.prisma),
      districtCadre: await aUser().username('district-cadre').cadre(cadres.district).build(app.prisma),
      cityCadre: await aUser().username('city-cadre').cadre(cadres.city).build(app.prisma),
      staff: await aUser().role('OFFICE_STAFF').username('staff').office(world.office).build(app.prisma),
      staff2: await aUser().role('OFFICE_STAFF').username('staff2').office(world.office).build(app.prisma),
      otherStaff: await aUser().role('OFFICE_STAFF').username('other-staff').office(world.otherOffice).build(app.prisma),
      admin: await aUser().role('ADMIN').username('admin').build(app.prisma),
      admin2: await aUser().role('ADMIN').username('admin2').build(app.prisma),
      reporter: await aUser().username('reporter').named('张小梅').build(app.prisma),
    };
  });

  const complaintWithDeadline = (dueDate: string, cadre: { id: number } | null = cadres.community) =>
    aComplaint().about(business).handledBy(world.office).cadre(cadre).by(users.reporter).deadline('VERIFY', dueDate).build(app.prisma);

  // Notices about complaints: from November the sweep also asks the admins for next year's holidays.
  const noticesOf = (kind: string) =>
    app.prisma.notification.findMany({ where: { kind, complaintId: { not: null } }, orderBy: [{ userId: 'asc' }, { id: 'asc' }] });

  describe('督办 of overdue deadlines', () => {
    it('escalates an overdue deadline exactly once, one tier up and to every bureau admin', async () => {
      const c = await complaintWithDeadline('2026-11-26');

      expect(await sweeper.sweep(friday)).toEqual({ today: '2026-11-27', escalated: 1, reminded: 0, notified: 3, failed: 0, closed: 0 });
      expect(await sweeper.sweep(friday)).toMatchObject({ escalated: 0, notified: 0 });
      expect(await sweeper.sweep(shanghai('2026-12-03T09:00:00'))).toMatchObject({ escalated: 0, notified: 0 });

      const escalations = await app.prisma.escalation.findMany();
      expect(escalations).toEqual([expect.objectContaining({ complaintId: c.id, deadlineId: c.deadlines[0]!.id, toCadreId: cadres.street.id, toTier: 'STREET' })]);
      expect((await app.prisma.deadline.findUniqueOrThrow({ where: { id: c.deadlines[0]!.id } })).escalatedAt).toEqual(friday);

      const notices = await noticesOf('ESCALATION');
      expect(notices.map((n) => n.userId)).toEqual([users.streetCadre.id, users.admin.id, users.admin2.id]);
      expect(notices[0]).toMatchObject({ complaintId: c.id, title: '超期督办：核查期限已届满' });
      expect(notices[0]!.body).toContain(c.trackingNo);
      expect(notices[0]!.body).toContain('街道包保干部周立新');
      for (const n of notices) {
        expect(n.body).not.toContain('张小梅');
        expect(n.body).not.toContain('1381234');
      }
    });

    it('treats a deadline as running until 24:00 Shanghai time of its due date', async () => {
      await complaintWithDeadline('2026-11-27');
      expect((await sweeper.sweep(shanghai('2026-11-27T23:59:59'))).escalated).toBe(0);
      // 16:00 UTC is midnight in Shanghai.
      expect((await sweeper.sweep(new Date('2026-11-27T16:00:00Z'))).escalated).toBe(1);
    });

    it('goes to the right tier: community → its street, or the district where the street has no leader; street → district; district → city; city → admins only', async () => {
      const otherBusiness = await aBusiness().in(world.otherCommunity).build(app.prisma);
      const cases = {
        community: await complaintWithDeadline('2026-11-20', cadres.community),
        communityWithoutStreetLeader: await aComplaint().about(otherBusiness).handledBy(world.otherOffice).cadre(cadres.otherCommunity).deadline('ACCEPT', '2026-11-20').build(app.prisma),
        street: await complaintWithDeadline('2026-11-20', cadres.street),
        district: await complaintWithDeadline('2026-11-20', cadres.district),
        city: await complaintWithDeadline('2026-11-20', cadres.city),
        noCadre: await aComplaint().at(world.street).handledBy(world.office).cadre(null).deadline('VERIFY', '2026-11-20').build(app.prisma),
      };
      expect(await sweeper.sweep(friday)).toMatchObject({ escalated: 6, failed: 0 });

      const byComplaint = new Map((await app.prisma.escalation.findMany()).map((e) => [e.complaintId, [e.toTier, e.toCadreId]]));
      expect(byComplaint.get(cases.community.id)).toEqual(['STREET', cadres.street.id]);
      expect(byComplaint.get(cases.communityWithoutStreetLeader.id)).toEqual(['DISTRICT', cadres.district.id]);
      expect(byComplaint.get(cases.street.id)).toEqual(['DISTRICT', cadres.district.id]);
      expect(byComplaint.get(cases.district.id)).toEqual(['CITY', cadres.city.id]);
      expect(byComplaint.get(cases.city.id)).toEqual([null, null]);
      expect(byComplaint.get(cases.noCadre.id)).toEqual(['STREET', cadres.street.id]);

      const cityNotices = await app.prisma.notification.findMany({ where: { complaintId: cases.city.id } });
      expect(cityNotices.map((n) => n.userId).sort()).toEqual([users.admin.id, users.admin2.id].sort());
      expect(cityNotices[0]!.body).toContain('现提请区食安办督办');
    });

    it('leaves met deadlines and finished complaints alone, and skips inactive cadres', async () => {
      const met = await complaintWithDeadline('2026-11-20');
      await app.prisma.deadline.updateMany({ where: { complaintId: met.id }, data: { state: 'MET', metAt: friday } });
      const closed = await complaintWithDeadline('2026-11-20');
      await app.prisma.complaint.update({ where: { id: closed.id }, data: { status: 'CLOSED' } });
      await app.prisma.cadre.update({ where: { id: cadres.street.id }, data: { active: false } });
      const open = await complaintWithDeadline('2026-11-20');

      expect(await sweeper.sweep(friday)).toMatchObject({ escalated: 1 });
      expect(await app.prisma.escalation.findMany()).toEqual([expect.objectContaining({ complaintId: open.id, toTier: 'DISTRICT', toCadreId: cadres.district.id })]);
    });
  });

  describe('reminders before a deadline', () => {
    it('reminds the office staff and the cadre once, on the last working day before the due date', async () => {
      const monday = await complaintWithDeadline('2026-11-30');
      const tuesday = await complaintWithDeadline('2026-12-01');

      expect(await sweeper.sweep(friday)).toEqual({ today: '2026-11-27', escalated: 0, reminded: 1, notified: 3, failed: 0, closed: 0 });
      expect(await sweeper.sweep(shanghai('2026-11-28T10:00:00'))).toMatchObject({ reminded: 0 });

      const notices = await noticesOf('DEADLINE_REMINDER');
      expect(notices.map((n) => n.userId)).toEqual([users.communityCadre.id, users.staff.id, users.staff2.id]);
      expect(notices.every((n) => n.complaintId === monday.id)).toBe(true);
      expect(notices[0]!.title).toBe('期限提醒：核查期限下一个工作日届满');
      expect(notices[0]!.body).toContain('2026-11-30 24:00');

      expect(await sweeper.sweep(shanghai('2026-11-30T09:00:00'))).toMatchObject({ reminded: 1 });
      expect((await app.prisma.deadline.findFirstOrThrow({ where: { complaintId: tuesday.id } })).remindedAt).toEqual(shanghai('2026-11-30T09:00:00'));
      expect(await app.prisma.notification.count({ where: { kind: 'DEADLINE_REMINDER', complaintId: { not: null } } })).toBe(6);
    });

    it('reminds on the due date itself when the day before was missed', async () => {
      const c = await complaintWithDeadline('2026-11-27');
      expect(await sweeper.sweep(friday)).toMatchObject({ reminded: 1, escalated: 0 });
      expect((await noticesOf('DEADLINE_REMINDER'))[0]!.title).toBe('期限提醒：核查期限今日届满');
      expect((await app.prisma.deadline.findFirstOrThrow({ where: { complaintId: c.id } })).escalatedAt).toBeNull();
    });
  });

  describe('a sweep over many deadlines', () => {
    const addDeadlines = async (overdue: number, dueMonday: number) => {
      const ids: number[] = [];
      for (let i = 0; i < overdue + dueMonday; i++) ids.push((await complaintWithDeadline(i < overdue ? '2026-11-20' : '2026-11-30')).id);
      return { overdue: ids.slice(0, overdue), dueMonday: ids.slice(overdue) };
    };

    it('takes as many statements for 200 overdue deadlines as for 5, and gives each recipient exactly one notice per deadline', async () => {
      await sweeper.sweep(friday); // next year's holiday schedule is asked for on the first sweep only
      const few = await addDeadlines(5, 2);
      const small = await countStatements(app, () => sweeper.sweep(friday));
      expect(small.result).toMatchObject({ escalated: 5, reminded: 2, failed: 0 });
      const many = await addDeadlines(200, 50);
      const large = await countStatements(app, () => sweeper.sweep(friday));
      expect(large.result).toEqual({ today: '2026-11-27', escalated: 200, reminded: 50, notified: 200 * 3 + 50 * 3, failed: 0, closed: 0 });

      expect(small.sql.filter((sql) => /INSERT INTO "Escalation"/.test(sql))).toHaveLength(1);
      expect(large.statements).toBe(small.statements);
      // Each step: a page of deadlines read and written in one statement each (and the leaders read once for 督办);
      // the holiday-schedule reminder; archiving.
      expect(large.statements, large.sql.join('\n---\n')).toBeLessThanOrEqual(7);

      const notices = await app.prisma.notification.findMany({ where: { complaintId: { not: null } }, select: { complaintId: true, userId: true, kind: true } });
      const recipients = new Map<string, number[]>();
      for (const n of notices) {
        const key = `${n.kind}:${n.complaintId}`;
        recipients.set(key, [...(recipients.get(key) ?? []), n.userId]);
      }
      const sorted = (ids: { id: number }[]) => ids.map((u) => u.id).sort((a, b) => a - b);
      for (const id of [...few.overdue, ...many.overdue]) {
        expect(recipients.get(`ESCALATION:${id}`)?.sort((a, b) => a - b)).toEqual(sorted([users.streetCadre, users.admin, users.admin2]));
      }
      for (const id of [...few.dueMonday, ...many.dueMonday]) {
        expect(recipients.get(`DEADLINE_REMINDER:${id}`)?.sort((a, b) => a - b)).toEqual(sorted([users.communityCadre, users.staff, users.staff2]));
      }
      expect(notices).toHaveLength((205 + 52) * 3);
      expect(await app.prisma.escalation.count()).toBe(205);
    });
  });

  describe('POST /api/v1/admin/sweep', () => {
    it('lets an admin run the sweep now on the server clock and see what it did', async () => {
      await complaintWithDeadline('2026-11-26');
      await complaintWithDeadline('2026-11-30');
      app.clock.travelTo(friday);
      try {
        const admin = await app.login('admin');
        const res = await app.post('/api/v1/admin/sweep', undefined, admin);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ today: '2026-11-27', escalated: 1, reminded: 1, notified: 6, failed: 0, closed: 0 });

        const staff = await app.login('staff');
        const refused = await app.post('/api/v1/admin/sweep', undefined, staff);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
        expect((await app.post('/api/v1/admin/sweep')).status).toBe(401);
      } finally {
        app.clock.travelTo(new Date());
      }
    });
  });
});
