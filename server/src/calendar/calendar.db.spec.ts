import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDay, CalendarDaysResponse, ErrorBody, WorkingDaysResponse } from '@sa/contracts';
import { aUser } from '../../../test/support/builders';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { createApp } from '../app';
import { JsonLogger } from '../common/logger';
import { ENV, type Env } from '../config/env';
import { seedOfficialHolidays } from './calendar.seed';
import { CALENDAR_FRESH_MS } from './calendar.service';

let app: TestApp;
const token = { admin: '', resident: '', staff: '' };

beforeAll(async () => {
  app = await startTestApp();
  expect(await seedOfficialHolidays(app.prisma)).toEqual({ seededYears: [2025, 2026] });
  await aUser().role('ADMIN').username('cal-admin').build(app.prisma);
  await aUser().role('RESIDENT').username('cal-resident').build(app.prisma);
  await aUser().role('OFFICE_STAFF').username('cal-staff').build(app.prisma);
  token.admin = await app.login('cal-admin');
  token.resident = await app.login('cal-resident');
  token.staff = await app.login('cal-staff');
});

afterAll(async () => {
  await app?.close();
});

const workingDays = (query: string) => app.get<WorkingDaysResponse & Partial<ErrorBody>>(`/api/v1/calendar/working-days?${query}`);
const deadlineFrom = async (from: string, add: number) => (await workingDays(`from=${from}&add=${add}`)).body.date;
const putDay = (date: string, body: unknown, t = token.admin) =>
  app.request<CalendarDay & Partial<ErrorBody>>('PUT', `/api/v1/admin/calendar/days/${date}`, { body, token: t });
const deleteDay = (date: string, t = token.admin) => app.request<Partial<ErrorBody>>('DELETE', `/api/v1/admin/calendar/days/${date}`, { token: t });
const listYear = (year: string | number) => app.get<CalendarDaysResponse & Partial<ErrorBody>>(`/api/v1/calendar/days?year=${year}`);

describe('GET /api/v1/calendar/working-days (public)', () => {
  it('gives a 投诉 received Mon 2026-09-28 its 7-working-day deadline across National Day, without login', async () => {
    const res = await workingDays('from=2026-09-28&add=7');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: '2026-09-28', add: 7, date: '2026-10-13' });
  });

  it('does not count the start day, and add=0 is the start day itself', async () => {
    expect(await deadlineFrom('2026-09-30', 1)).toBe('2026-10-08');
    expect(await deadlineFrom('2026-02-13', 1)).toBe('2026-02-14'); // make-up Saturday
    expect(await deadlineFrom('2026-02-14', 1)).toBe('2026-02-24');
    expect(await deadlineFrom('2025-09-30', 1)).toBe('2025-10-09');
    expect(await deadlineFrom('2026-10-03', 0)).toBe('2026-10-03');
    // 246 working days left in 2026 after 1/5, then 119 weekdays of 2027 (no schedule published yet)
    expect(await deadlineFrom('2026-01-05', 365)).toBe('2027-06-16');
  });

  it.each([
    ['from=2026-02-30&add=1', 'INVALID_DATE'],
    ['from=2026-2-3&add=1', 'INVALID_DATE'],
    ['from=garbage&add=1', 'INVALID_DATE'],
    ['from=2026-09-28T00:00:00Z&add=1', 'INVALID_DATE'],
    ['from=&add=1', 'INVALID_DATE'],
    ['add=1', 'INVALID_DATE'],
    ['from=1999-12-31&add=1', 'INVALID_DATE'],
    ['from=2026-09-28&from=2026-09-29&add=1', 'INVALID_DATE'],
    ['from=2026-09-28&add=-1', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=366', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=1.5', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=abc', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=1e2', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=0x10', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=99999999999999999999', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28', 'WORKING_DAYS_OUT_OF_RANGE'],
    ['from=2026-09-28&add=1&add=2', 'WORKING_DAYS_OUT_OF_RANGE'],
  ])('%s → 400 %s, with a Chinese message', async (query, code) => {
    const res = await workingDays(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('GET /api/v1/calendar/days (public)', () => {
  it('lists the 2026 holidays and make-up days in date order', async () => {
    const res = await listYear(2026);
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2026);
    expect(res.body.items).toHaveLength(33 + 6);
    expect(res.body.items.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(res.body.items).toContainEqual({ date: '2026-10-10', kind: 'MAKEUP_WORKDAY', name: '国庆节调休上班' });
    expect(res.body.items.map((d) => d.date)).toEqual([...res.body.items.map((d) => d.date)].sort());
  });

  it('lists 2025 (28 days off, 5 make-up days) and nothing for a year not yet published', async () => {
    const y2025 = await listYear(2025);
    expect(y2025.body.items.filter((d) => d.kind === 'HOLIDAY')).toHaveLength(28);
    expect(y2025.body.items.filter((d) => d.kind === 'MAKEUP_WORKDAY')).toHaveLength(5);
    expect((await listYear(2030)).body).toEqual({ year: 2030, items: [] });
  });

  it.each(['abc', '1999', '2101', '2026.5', ''])('year=%s → 400', async (year) => {
    const res = await listYear(year);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('admin edits of the holiday calendar', () => {
  it('only an ADMIN may edit', async () => {
    const body = { kind: 'HOLIDAY', name: '临时调整' };
    expect((await app.request('PUT', '/api/v1/admin/calendar/days/2026-10-12', { body })).status).toBe(401);
    expect((await putDay('2026-10-12', body, token.resident)).status).toBe(403);
    expect((await putDay('2026-10-12', body, token.staff)).status).toBe(403);
    expect((await deleteDay('2026-10-01', token.staff)).status).toBe(403);
    expect((await app.request('DELETE', '/api/v1/admin/calendar/days/2026-10-01')).status).toBe(401);
    expect(await deadlineFrom('2026-09-28', 7)).toBe('2026-10-13');
  });

  it('a new holiday moves deadlines at once, and removing it moves them back', async () => {
    expect(await deadlineFrom('2026-09-28', 7)).toBe('2026-10-13');

    const put = await putDay('2026-10-12', { kind: 'HOLIDAY', name: '  临时调整  ' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ date: '2026-10-12', kind: 'HOLIDAY', name: '临时调整' });
    expect(await deadlineFrom('2026-09-28', 7)).toBe('2026-10-14');
    expect((await listYear(2026)).body.items).toContainEqual({ date: '2026-10-12', kind: 'HOLIDAY', name: '临时调整' });
    const row = await app.prisma.calendarDay.findUnique({ where: { date: new Date('2026-10-12T00:00:00Z') } });
    expect(row).toMatchObject({ kind: 'HOLIDAY', name: '临时调整' });

    const del = await deleteDay('2026-10-12');
    expect(del.status).toBe(204);
    expect(await deadlineFrom('2026-09-28', 7)).toBe('2026-10-13');
    expect(await app.prisma.calendarDay.count({ where: { date: new Date('2026-10-12T00:00:00Z') } })).toBe(0);
  });

  it('PUT replaces the day it names: renaming keeps one row, turning a weekend into a make-up day makes it work', async () => {
    const before = (await listYear(2026)).body.items.length;
    expect((await putDay('2026-10-01', { kind: 'HOLIDAY', name: '国庆节（更正）' })).status).toBe(200);
    const after = (await listYear(2026)).body.items;
    expect(after).toHaveLength(before);
    expect(after).toContainEqual({ date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节（更正）' });

    expect(await deadlineFrom('2026-11-13', 1)).toBe('2026-11-16');
    expect((await putDay('2026-11-14', { kind: 'MAKEUP_WORKDAY', name: '演练调休上班' })).status).toBe(200);
    expect(await deadlineFrom('2026-11-13', 1)).toBe('2026-11-14');
    expect((await deleteDay('2026-11-14')).status).toBe(204);
    expect((await putDay('2026-10-01', { kind: 'HOLIDAY', name: '国庆节' })).status).toBe(200);
  });

  it('a day set twice at once ends as one row, not an error', async () => {
    const results = await Promise.all([
      putDay('2026-12-24', { kind: 'HOLIDAY', name: '并发一' }),
      putDay('2026-12-24', { kind: 'HOLIDAY', name: '并发二' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await app.prisma.calendarDay.count({ where: { date: new Date('2026-12-24T00:00:00Z') } })).toBe(1);
    expect((await deleteDay('2026-12-24')).status).toBe(204);
  });

  it.each([
    ['2026-02-30', { kind: 'HOLIDAY', name: 'x' }, 'INVALID_DATE'],
    ['2026-2-3', { kind: 'HOLIDAY', name: 'x' }, 'INVALID_DATE'],
    ['garbage', { kind: 'HOLIDAY', name: 'x' }, 'INVALID_DATE'],
    ['0000-01-01', { kind: 'HOLIDAY', name: 'x' }, 'INVALID_DATE'],
    ['2026-10-12', { kind: 'WEEKEND', name: 'x' }, 'VALIDATION_FAILED'],
    ['2026-10-12', { kind: 'HOLIDAY', name: '   ' }, 'VALIDATION_FAILED'],
    ['2026-10-12', { kind: 'HOLIDAY', name: '国庆\u0000节' }, 'VALIDATION_FAILED'],
    ['2026-10-12', { kind: 'HOLIDAY', name: '长'.repeat(41) }, 'VALIDATION_FAILED'],
    ['2026-10-12', { kind: 'HOLIDAY' }, 'VALIDATION_FAILED'],
    ['2026-10-12', [], 'VALIDATION_FAILED'],
    // A make-up working day on a Monday would change nothing: surely a mistake.
    ['2026-10-12', { kind: 'MAKEUP_WORKDAY', name: '调休上班' }, 'VALIDATION_FAILED'],
  ])('PUT %s %j → 400 %s, nothing saved', async (date, body, code) => {
    const res = await putDay(date, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(await deadlineFrom('2026-09-28', 7)).toBe('2026-10-13');
  });

  it('DELETE of a day without an entry is 404, of a bad date 400', async () => {
    const missing = await deleteDay('2026-03-03');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect((await deleteDay('2026-02-30')).body.code).toBe('INVALID_DATE');
  });

  it('the start-up seed does not undo the admin: a deleted official day stays deleted, an edit stays', async () => {
    expect((await deleteDay('2026-06-21')).status).toBe(204); // 端午 last day (a Sunday)
    expect((await putDay('2026-06-19', { kind: 'HOLIDAY', name: '端午节（改）' })).status).toBe(200);
    expect(await seedOfficialHolidays(app.prisma)).toEqual({ seededYears: [] });
    const june = (await listYear(2026)).body.items.filter((d) => d.date.startsWith('2026-06'));
    expect(june).toEqual([
      { date: '2026-06-19', kind: 'HOLIDAY', name: '端午节（改）' },
      { date: '2026-06-20', kind: 'HOLIDAY', name: '端午节' },
    ]);
    await putDay('2026-06-19', { kind: 'HOLIDAY', name: '端午节' });
    await putDay('2026-06-21', { kind: 'HOLIDAY', name: '端午节' });
  });
});

describe('several server instances on one database', () => {
  it("an instance sees another's edit within the fresh window, never a stale calendar for long", async () => {
    // The same configuration as the first instance, as behind a load balancer.
    const env = app.nest.get<Env>(ENV);
    const other = await createApp({ env, db: app.db, logger: new JsonLogger('silent') });
    await other.listen(0, '127.0.0.1');
    try {
      const { port } = other.getHttpServer().address() as AddressInfo;
      const otherDeadline = async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/calendar/working-days?from=2026-09-28&add=7`);
        return ((await res.json()) as WorkingDaysResponse).date;
      };
      expect(await otherDeadline()).toBe('2026-10-13');

      expect((await putDay('2026-10-12', { kind: 'HOLIDAY', name: '临时调整' })).status).toBe(200);
      expect(await deadlineFrom('2026-09-28', 7)).toBe('2026-10-14');
      await new Promise((resolve) => setTimeout(resolve, CALENDAR_FRESH_MS + 100));
      expect(await otherDeadline()).toBe('2026-10-14');
    } finally {
      await deleteDay('2026-10-12');
      await other.close();
    }
  });
});
