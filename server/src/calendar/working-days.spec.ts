import { afterEach, describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS } from './official-holidays';
import {
  addCalendarDays,
  addWorkingDays,
  countWorkingDays,
  deadlineEnd,
  holidayCalendar,
  isIsoDay,
  isWorkingDay,
  shanghaiDate,
  type CalendarEntry,
} from './working-days';

const cal = holidayCalendar(OFFICIAL_HOLIDAYS);
const weekdayOf = (date: string) => ['日', '一', '二', '三', '四', '五', '六'][new Date(`${date}T00:00:00Z`).getUTCDay()];

function* days(first: string, last: string) {
  for (let d = first; d <= last; d = addCalendarDays(d, 1)) yield d;
}

/** Counts by walking day by day: the slow, obvious reference for the arithmetic in countWorkingDays. */
function countByWalking(from: string, to: string): number {
  let n = 0;
  for (const d of days(addCalendarDays(from, 1), to)) if (isWorkingDay(cal, d)) n += 1;
  return n;
}

// The 2026 notice as printed, weekday annotations included ("1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班").
// `before`/`after`: the last working day before the break and the first one after it.
const HOLIDAYS_2026 = [
  { name: '元旦', first: '2026-01-01', firstWeekday: '四', last: '2026-01-03', lastWeekday: '六', total: 3, before: '2025-12-31', after: '2026-01-04' },
  { name: '春节', first: '2026-02-15', firstWeekday: '日', last: '2026-02-23', lastWeekday: '一', total: 9, before: '2026-02-14', after: '2026-02-24' },
  { name: '清明节', first: '2026-04-04', firstWeekday: '六', last: '2026-04-06', lastWeekday: '一', total: 3, before: '2026-04-03', after: '2026-04-07' },
  { name: '劳动节', first: '2026-05-01', firstWeekday: '五', last: '2026-05-05', lastWeekday: '二', total: 5, before: '2026-04-30', after: '2026-05-06' },
  { name: '端午节', first: '2026-06-19', firstWeekday: '五', last: '2026-06-21', lastWeekday: '日', total: 3, before: '2026-06-18', after: '2026-06-22' },
  { name: '中秋节', first: '2026-09-25', firstWeekday: '五', last: '2026-09-27', lastWeekday: '日', total: 3, before: '2026-09-24', after: '2026-09-28' },
  { name: '国庆节', first: '2026-10-01', firstWeekday: '四', last: '2026-10-07', lastWeekday: '三', total: 7, before: '2026-09-30', after: '2026-10-08' },
];

// "1月4日（周日）上班" etc.: each with its weekday as printed, and the days either side.
const MAKEUP_2026 = [
  { date: '2026-01-04', weekday: '日' },
  { date: '2026-02-14', weekday: '六' },
  { date: '2026-02-28', weekday: '六' },
  { date: '2026-05-09', weekday: '六' },
  { date: '2026-09-20', weekday: '日' },
  { date: '2026-10-10', weekday: '六' },
];

describe('2026 official schedule (国务院办公厅关于2026年部分节假日安排的通知)', () => {
  it.each(HOLIDAYS_2026)('$name $first–$last: the day before works, every day of the break is off, the day after works', (h) => {
    expect(weekdayOf(h.first)).toBe(h.firstWeekday);
    expect(weekdayOf(h.last)).toBe(h.lastWeekday);
    expect([...days(h.first, h.last)]).toHaveLength(h.total);

    expect(isWorkingDay(cal, addCalendarDays(h.first, -1)), 'day before the first day off').toBe(true);
    for (const d of days(h.first, h.last)) expect(isWorkingDay(cal, d), d).toBe(false);
    expect(isWorkingDay(cal, addCalendarDays(h.last, 1)), 'day after the last day off').toBe(true);

    expect(isWorkingDay(cal, h.before)).toBe(true);
    expect(addWorkingDays(cal, h.before, 1)).toBe(h.after);
    expect(countWorkingDays(cal, h.before, h.after)).toBe(1);
    expect(countWorkingDays(cal, h.before, h.last)).toBe(0);
  });

  it.each(MAKEUP_2026)('$date (周$weekday) is a make-up working day', ({ date, weekday }) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(isWorkingDay(cal, date)).toBe(true);
    expect(addWorkingDays(cal, addCalendarDays(date, -1), 1)).toBe(date);
  });

  it('holds exactly these days and no others for 2026', () => {
    const listed = OFFICIAL_HOLIDAYS.filter((d) => d.date.startsWith('2026-'));
    const expected = [
      ...HOLIDAYS_2026.flatMap((h) => [...days(h.first, h.last)].map((date) => `${date} HOLIDAY`)),
      ...MAKEUP_2026.map((m) => `${m.date} MAKEUP_WORKDAY`),
    ].sort();
    expect(listed.map((d) => `${d.date} ${d.kind}`).sort()).toEqual(expected);
  });

  it('keeps a weekend next to a make-up Saturday off: 2/28 works, 3/1 does not', () => {
    expect(addWorkingDays(cal, '2026-02-27', 1)).toBe('2026-02-28');
    expect(addWorkingDays(cal, '2026-02-28', 1)).toBe('2026-03-02');
    expect(isWorkingDay(cal, '2026-03-01')).toBe(false);
    expect(isWorkingDay(cal, '2026-05-10')).toBe(false);
  });

  it('gives a 投诉 received Mon 2026-09-28 its 7-working-day acceptance deadline across National Day', () => {
    const steps = [1, 2, 3, 4, 5, 6, 7].map((n) => addWorkingDays(cal, '2026-09-28', n));
    // 9/29, 9/30, (10/1–10/7 off), 10/8, 10/9, 10/10 (Saturday make-up), (10/11 Sunday), 10/12, 10/13
    expect(steps).toEqual(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13']);
    expect(countWorkingDays(cal, '2026-09-28', '2026-10-13')).toBe(7);
  });

  it('counts 248 working days in 2026 (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    expect(countWorkingDays(cal, '2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('2025 official schedule (国办发明电〔2024〕12号), spot checks', () => {
  it('元旦 is one day without make-up', () => {
    expect(isWorkingDay(cal, '2025-01-01')).toBe(false);
    expect(addWorkingDays(cal, '2024-12-31', 1)).toBe('2025-01-02');
  });

  it('春节 1/28–2/4 with make-up Sunday 1/26 and Saturday 2/8', () => {
    expect(isWorkingDay(cal, '2025-01-26')).toBe(true);
    expect(addWorkingDays(cal, '2025-01-26', 1)).toBe('2025-01-27');
    expect(addWorkingDays(cal, '2025-01-27', 1)).toBe('2025-02-05');
    expect(isWorkingDay(cal, '2025-02-08')).toBe(true);
  });

  it('劳动节 5/1–5/5 with make-up Sunday 4/27; 端午 5/31–6/2', () => {
    expect(isWorkingDay(cal, '2025-04-27')).toBe(true);
    expect(addWorkingDays(cal, '2025-04-30', 1)).toBe('2025-05-06');
    expect(isWorkingDay(cal, '2025-06-02')).toBe(false);
    expect(addWorkingDays(cal, '2025-05-30', 1)).toBe('2025-06-03');
  });

  it('国庆节、中秋节 10/1–10/8 with make-up Sunday 9/28 and Saturday 10/11', () => {
    expect(isWorkingDay(cal, '2025-09-28')).toBe(true);
    expect(addWorkingDays(cal, '2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays(cal, '2025-10-10', 1)).toBe('2025-10-11');
    // 9/28 (Sun make-up), 9/29, 9/30, (10/1–10/8 off), 10/9, 10/10, 10/11 (Sat make-up), 10/13
    expect(countWorkingDays(cal, '2025-09-26', '2025-10-13')).toBe(7);
  });

  it('counts 248 working days in 2025', () => {
    expect(countWorkingDays(cal, '2024-12-31', '2025-12-31')).toBe(248);
  });
});

describe('working-day arithmetic', () => {
  it('does not count the start day; weekends are off; n = 0 is the start day itself', () => {
    expect(addWorkingDays(cal, '2026-11-27', 1)).toBe('2026-11-30'); // Friday + 1 → Monday
    expect(addWorkingDays(cal, '2026-11-28', 1)).toBe('2026-11-30'); // from a Saturday
    expect(addWorkingDays(cal, '2026-11-28', 0)).toBe('2026-11-28');
    expect(addWorkingDays(cal, '2026-10-03', 0)).toBe('2026-10-03'); // even on a holiday
    expect(countWorkingDays(cal, '2026-11-27', '2026-11-27')).toBe(0);
  });

  it('counts working days in (from, to], and negatively backwards', () => {
    expect(countWorkingDays(cal, '2026-11-27', '2026-11-30')).toBe(1);
    expect(countWorkingDays(cal, '2026-11-30', '2026-11-27')).toBe(-1);
    expect(countWorkingDays(cal, '2026-09-30', '2026-10-07')).toBe(0);
  });

  it('count inverts add for every start day of 2025–2026 and the statutory limits', () => {
    for (const from of days('2025-01-01', '2026-12-31')) {
      for (const n of [0, 1, 2, 5, 7, 15, 20, 30, 45]) {
        expect(countWorkingDays(cal, from, addWorkingDays(cal, from, n)), `${from} + ${n}`).toBe(n);
      }
    }
  });

  it('add inverts count: from any day, add(count(to)) lands on `to` whenever `to` is a working day', () => {
    for (const from of days('2025-01-01', '2026-12-31')) {
      for (let k = 1; k <= 40; k++) {
        const to = addCalendarDays(from, k);
        if (isWorkingDay(cal, to)) expect(addWorkingDays(cal, from, countWorkingDays(cal, from, to)), `${from} → ${to}`).toBe(to);
      }
    }
  });

  it('counts by arithmetic exactly as walking day by day does', () => {
    for (const [from, to] of [
      ['2024-12-31', '2026-12-31'],
      ['2025-01-27', '2025-02-10'],
      ['2026-02-13', '2026-03-02'],
      ['2026-09-19', '2026-10-11'],
      ['2027-01-01', '2027-03-01'],
    ] as const) {
      expect(countWorkingDays(cal, from, to), `${from}..${to}`).toBe(countByWalking(from, to));
    }
  });

  it('outside the published years only weekends are known', () => {
    expect(isWorkingDay(cal, '2027-01-01')).toBe(true);
    expect(cal.years.has(2027)).toBe(false);
    expect([...cal.years].sort()).toEqual([2025, 2026]);
  });

  it('follows whatever calendar it is given: an admin-added holiday moves the deadline', () => {
    const extra: CalendarEntry = { date: '2026-10-12', kind: 'HOLIDAY', name: '临时调整' };
    const edited = holidayCalendar([...OFFICIAL_HOLIDAYS, extra]);
    expect(addWorkingDays(edited, '2026-09-28', 7)).toBe('2026-10-14');
    expect(addWorkingDays(holidayCalendar([]), '2026-09-28', 7)).toBe('2026-10-07');
  });

  it('refuses impossible dates and counts with a clear code', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '2026-13-01', 'garbage', '', '2026-02-03T00:00:00Z']) {
      expect(() => addWorkingDays(cal, bad, 1), bad).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
      expect(() => isWorkingDay(cal, bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    }
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays(cal, '2026-01-05', n), String(n)).toThrow(expect.objectContaining({ code: 'WORKING_DAYS_OUT_OF_RANGE' }));
    }
    expect(() => holidayCalendar([{ date: '2026-02-29', kind: 'HOLIDAY', name: 'x' }])).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() =>
      holidayCalendar([
        { date: '2026-10-12', kind: 'HOLIDAY', name: 'a' },
        { date: '2026-10-12', kind: 'MAKEUP_WORKDAY', name: 'b' },
      ]),
    ).toThrow(/twice/);
  });

  it('recognises real calendar dates only', () => {
    expect(['2024-02-29', '2026-12-31', '2000-01-01'].every(isIsoDay)).toBe(true);
    expect(['2025-02-29', '2100-02-29', '2026-04-31', '2026-00-10', '20260101'].some(isIsoDay)).toBe(false);
  });
});

describe('Asia/Shanghai, whatever the server time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Etc/GMT+12'])('TZ=%s', (tz) => {
    process.env.TZ = tz;
    // The process really is in that zone now: local midnight differs between the zones tested.
    expect(new Date('2026-09-30T16:30:00Z').getTimezoneOffset()).toBe(
      { UTC: 0, 'America/Los_Angeles': 420, 'Asia/Shanghai': -480, 'Pacific/Kiritimati': -840, 'Etc/GMT+12': 720 }[tz],
    );

    expect(shanghaiDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30'); // 23:59:59.999 in Shanghai
    expect(shanghaiDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01'); // 00:00 on National Day
    expect(shanghaiDate(new Date('2026-09-27T23:30:00Z'))).toBe('2026-09-28'); // 07:30 Monday morning in Shanghai, still Sunday in UTC
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');

    // Received Monday 9/28 07:30 in Shanghai (a Sunday in UTC and in Los Angeles): still 10/13.
    const receivedDay = shanghaiDate(new Date('2026-09-27T23:30:00Z'));
    expect(addWorkingDays(cal, receivedDay, 7)).toBe('2026-10-13');

    // The deadline ends at 24:00 Shanghai time of its date.
    const end = deadlineEnd('2026-10-13');
    expect(end.toISOString()).toBe('2026-10-13T16:00:00.000Z');
    expect(shanghaiDate(new Date(end.getTime() - 1))).toBe('2026-10-13');
    expect(shanghaiDate(end)).toBe('2026-10-14');
    expect(deadlineEnd('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
