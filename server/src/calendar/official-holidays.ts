import { addCalendarDays, type CalendarEntry } from './working-days';

/** One year's 部分节假日安排 as the State Council announces it: days off in ranges, and the make-up working days. */
export type OfficialSchedule = {
  year: number;
  notice: string;
  holidays: { name: string; first: string; last: string }[];
  makeupWorkdays: { name: string; date: string }[];
};

export const OFFICIAL_SCHEDULES: readonly OfficialSchedule[] = [
  {
    // 国务院办公厅关于2025年部分节假日安排的通知，国办发明电〔2024〕12号，2024-11-12
    // https://www.gov.cn/zhengce/content/202411/content_6986382.htm
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      { name: '元旦', first: '2025-01-01', last: '2025-01-01' },
      { name: '春节', first: '2025-01-28', last: '2025-02-04' },
      { name: '清明节', first: '2025-04-04', last: '2025-04-06' },
      { name: '劳动节', first: '2025-05-01', last: '2025-05-05' },
      { name: '端午节', first: '2025-05-31', last: '2025-06-02' },
      { name: '国庆节、中秋节', first: '2025-10-01', last: '2025-10-08' },
    ],
    makeupWorkdays: [
      { name: '春节', date: '2025-01-26' },
      { name: '春节', date: '2025-02-08' },
      { name: '劳动节', date: '2025-04-27' },
      { name: '国庆节、中秋节', date: '2025-09-28' },
      { name: '国庆节、中秋节', date: '2025-10-11' },
    ],
  },
  {
    // 国务院办公厅关于2026年部分节假日安排的通知，2025-11-04（新华社全文播发）
    // https://www.gov.cn/zhengce/content/202511/content_7047090.htm
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      { name: '元旦', first: '2026-01-01', last: '2026-01-03' },
      { name: '春节', first: '2026-02-15', last: '2026-02-23' },
      { name: '清明节', first: '2026-04-04', last: '2026-04-06' },
      { name: '劳动节', first: '2026-05-01', last: '2026-05-05' },
      { name: '端午节', first: '2026-06-19', last: '2026-06-21' },
      { name: '中秋节', first: '2026-09-25', last: '2026-09-27' },
      { name: '国庆节', first: '2026-10-01', last: '2026-10-07' },
    ],
    makeupWorkdays: [
      { name: '元旦', date: '2026-01-04' },
      { name: '春节', date: '2026-02-14' },
      { name: '春节', date: '2026-02-28' },
      { name: '劳动节', date: '2026-05-09' },
      { name: '国庆节', date: '2026-09-20' },
      { name: '国庆节', date: '2026-10-10' },
    ],
  },
];

/** A schedule as calendar days: every day off, and every make-up day named "<festival>调休上班". */
export function scheduleEntries(schedule: OfficialSchedule): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const h of schedule.holidays) {
    for (let d = h.first; d <= h.last; d = addCalendarDays(d, 1)) entries.push({ date: d, kind: 'HOLIDAY', name: h.name });
  }
  for (const m of schedule.makeupWorkdays) entries.push({ date: m.date, kind: 'MAKEUP_WORKDAY', name: `${m.name}调休上班` });
  return entries.sort((a, b) => (a.date < b.date ? -1 : 1));
}

export const OFFICIAL_HOLIDAYS: readonly CalendarEntry[] = OFFICIAL_SCHEDULES.flatMap(scheduleEntries);
