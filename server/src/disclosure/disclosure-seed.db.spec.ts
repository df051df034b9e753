import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDistrict } from '@sa/db';
import type { PenaltyDisclosure, StaffDisclosure } from '@sa/contracts';
import { seedOfficialHolidays } from '../calendar/calendar.seed';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

// The demo's 处罚信息公示, as a newcomer and the office staff find it after `npm start`.
describe('demo seed: penalty disclosures', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    await app.truncate();
    app.clock.travelTo(new Date());
    await seedOfficialHolidays(app.prisma);
    await seedDemoDistrict(app.prisma, { hashPassword: async (plain) => `test-hash$${plain}` });
    const user = await app.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
    admin = await app.login(user.username!);
  }, 120_000);
  afterAll(async () => app?.close());

  it('publishes ten decisions, organisations and masked 个体工商户, each about a registry business', async () => {
    const res = await app.get('/api/v1/public/penalties?limit=20');
    expect(res.status).toBe(200);
    const items = res.body.items as PenaltyDisclosure[];
    expect(res.body.total).toBe(10);
    const people = items.filter((i) => i.partyKind === 'NATURAL_PERSON');
    expect(people.length).toBeGreaterThanOrEqual(4);
    expect(items.length - people.length).toBeGreaterThanOrEqual(4);
    for (const p of people) {
      expect(p.partyName).toMatch(/^[\u4e00-\u9fff]\*+$/);
      expect(p.partyCreditCode).toBeNull();
    }
    for (const o of items.filter((i) => i.partyKind === 'ORGANISATION')) expect(o.partyCreditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);
    for (const i of items) {
      expect(i.business).not.toBeNull();
      expect(i.authority).toBe('青岚区市场监督管理局');
      expect(i.decisionNo).toMatch(/^青岚市监罚〔\d{4}〕\d+号$/);
      expect(i.disclosedDate >= i.decisionDate).toBe(true);
    }
    // Newest disclosure first.
    const dates = items.map((i) => i.disclosedDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(items.some((i) => i.penaltyContent === '警告')).toBe(false);
  });

  it('gives every published one an anonymous, resolved 举报 with its trail and met deadlines, in time', async () => {
    const decisions = await app.prisma.penaltyDecision.findMany({ where: { disclosedAt: { not: null } }, include: { complaint: { include: { deadlines: true, events: { orderBy: { at: 'asc' } } } } } });
    expect(decisions).toHaveLength(10);
    for (const d of decisions) {
      expect(d.complaint).toMatchObject({ kind: 'REPORT', anonymous: true, status: 'RESOLVED', outcome: 'FIXED', reporterName: null });
      expect(d.complaint.trackingNo).toMatch(/^SA\d{8}-\d{6}$/);
      expect(d.complaint.deadlines.every((l) => l.state === 'MET')).toBe(true);
      const disclose = d.complaint.deadlines.find((l) => l.kind === 'DISCLOSE')!;
      expect(disclose.startDate).toEqual(d.decisionDate);
      expect(d.disclosedAt!.getTime()).toBeLessThan(disclose.dueDate.getTime() + 86_400_000);
      expect(d.complaint.events.map((e) => e.action)).toEqual(['submit', 'accept', 'startVerification', 'fileCase', 'decideCase', 'resolve', 'disclose']);
    }
  });

  it('keeps a warning-only decision unpublished and leaves one for the staff to publish, due soon', async () => {
    const warning = await app.prisma.penaltyDecision.findFirstOrThrow({ where: { penaltyKinds: { equals: ['WARNING'] } }, include: { complaint: { include: { deadlines: true } } } });
    expect(warning.disclosedAt).toBeNull();
    expect(warning.complaint.deadlines.some((l) => l.kind === 'DISCLOSE')).toBe(false);

    const pending = await app.get('/api/v1/workbench/penalties?state=PENDING', admin);
    expect(pending.body.counts).toEqual({ PENDING: 1, PUBLISHED: 10, WITHDRAWN: 0 });
    const item = pending.body.items[0] as StaffDisclosure;
    expect(item.deadline).toMatchObject({ kind: 'DISCLOSE', state: 'OPEN', overdue: false, workingDaysLeft: 2 });
  });
});
