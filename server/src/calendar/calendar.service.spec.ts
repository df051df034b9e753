import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthUser } from '../auth/auth.decorators';
import { JsonLogger } from '../common/logger';
import type { CalendarRepository } from './calendar.repository';
import { CALENDAR_FRESH_MS, CalendarService } from './calendar.service';
import { OFFICIAL_HOLIDAYS } from './official-holidays';
import type { CalendarEntry } from './working-days';

const admin: AuthUser = { id: 1, role: 'ADMIN', displayName: '区食安办', officeId: null, cadreId: null, sessionId: 1 };

/** The table as another instance (or this one) sees it; counts reads so the cache can be observed. */
class FakeRepository {
  rows = new Map<string, CalendarEntry>(OFFICIAL_HOLIDAYS.map((e) => [e.date, e]));
  reads = 0;
  gate: Promise<void> | undefined;

  async findAll(): Promise<CalendarEntry[]> {
    this.reads += 1;
    const snapshot = [...this.rows.values()];
    await this.gate;
    return snapshot;
  }
  async upsert(entry: CalendarEntry): Promise<CalendarEntry> {
    this.rows.set(entry.date, entry);
    return entry;
  }
  async delete(date: string): Promise<CalendarEntry | undefined> {
    const before = this.rows.get(date);
    this.rows.delete(date);
    return before;
  }
}

let repo: FakeRepository;
let sut: CalendarService;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
  repo = new FakeRepository();
  sut = new CalendarService(repo as unknown as CalendarRepository, new JsonLogger('silent'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CalendarService cache', () => {
  it('reads the table once for many look-ups, including concurrent ones', async () => {
    const dates = await Promise.all([sut.addWorkingDays('2026-09-28', 7), sut.addWorkingDays('2026-09-28', 15), sut.isWorkingDay('2026-10-10')]);
    expect(dates).toEqual(['2026-10-13', '2026-10-23', true]);
    await sut.countWorkingDays('2026-09-28', '2026-10-13');
    expect(repo.reads).toBe(1);
  });

  it("sees another instance's edit once the fresh window has passed, not before", async () => {
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-13');
    repo.rows.set('2026-10-12', { date: '2026-10-12', kind: 'HOLIDAY', name: '临时调整' });

    vi.advanceTimersByTime(CALENDAR_FRESH_MS - 100);
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-13');
    vi.advanceTimersByTime(200);
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-14');
    expect(repo.reads).toBe(2);
  });

  it('sees its own edit at once and tells the listeners', async () => {
    // A listener (deadline recompute) already computes with the edited calendar.
    const seenByListener: string[] = [];
    const listener = vi.fn(async () => {
      seenByListener.push(await sut.addWorkingDays('2026-09-28', 7));
    });
    sut.onChange(listener);
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-13');

    await sut.putDay(admin, '2026-10-12', { kind: 'HOLIDAY', name: '临时调整' });
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-14');
    await sut.deleteDay(admin, '2026-10-12');
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-13');
    expect(seenByListener).toEqual(['2026-10-14', '2026-10-13']);
  });

  it('does not let a read that began before an edit put the old calendar back in the cache', async () => {
    let open!: () => void;
    repo.gate = new Promise((resolve) => (open = resolve));
    const early = sut.addWorkingDays('2026-09-28', 7); // reads the table before the edit
    await sut.putDay(admin, '2026-10-12', { kind: 'HOLIDAY', name: '临时调整' });
    repo.gate = undefined;
    open();
    expect(await early).toBe('2026-10-13');
    expect(await sut.addWorkingDays('2026-09-28', 7)).toBe('2026-10-14');
  });

  it('lists one year in date order from the same cache', async () => {
    const { year, items } = await sut.listYear(2026);
    expect(year).toBe(2026);
    expect(items).toHaveLength(39);
    expect(items[0]).toEqual({ date: '2026-01-01', kind: 'HOLIDAY', name: '元旦' });
    expect(items.map((d) => d.date)).toEqual([...items.map((d) => d.date)].sort());
    expect((await sut.listYear(2027)).items).toEqual([]);
  });
});

describe('CalendarService edits', () => {
  it('refuses a make-up working day on a weekday, which would change nothing', async () => {
    await expect(sut.putDay(admin, '2026-10-12', { kind: 'MAKEUP_WORKDAY', name: '调休' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(repo.rows.has('2026-10-12')).toBe(false);
    await expect(sut.putDay(admin, '2026-10-17', { kind: 'MAKEUP_WORKDAY', name: '调休' })).resolves.toMatchObject({ date: '2026-10-17' });
  });

  it('answers 404 for deleting a day that has no entry', async () => {
    await expect(sut.deleteDay(admin, '2026-03-03')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('CalendarService scheduled years', () => {
  it('counts a year as scheduled only once it has an official holiday, not for a make-up day alone', async () => {
    expect(await sut.scheduledYears()).toEqual(new Set([2025, 2026]));
    await sut.putDay(admin, '2027-01-03', { kind: 'MAKEUP_WORKDAY', name: '调休' });
    expect((await sut.scheduledYears()).has(2027)).toBe(false);
    await sut.putDay(admin, '2027-01-01', { kind: 'HOLIDAY', name: '元旦' });
    expect((await sut.scheduledYears()).has(2027)).toBe(true);
  });
});
