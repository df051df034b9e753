import { describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS } from '../calendar/official-holidays';
import { holidayCalendar, scheduledYears } from '../calendar/working-days';
import { tierRuleNotice } from '../registry/registry.mapper';
import { deadlineView, dueSoonBefore, redactReporter, workingDaysLeft, type DeadlineContext, type DeadlineRow } from './complaint-views';

const calendar = holidayCalendar(OFFICIAL_HOLIDAYS);
const ctx = (today: string): DeadlineContext => ({ today, calendar, scheduledYears: scheduledYears(calendar) });
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const deadline = (over: Partial<DeadlineRow> = {}): DeadlineRow => ({
  kind: 'VERIFY',
  startDate: day('2026-09-28'),
  workingDays: 15,
  unit: 'WORKING_DAYS',
  dueDate: day('2026-10-23'),
  state: 'OPEN',
  metAt: null,
  escalatedAt: null,
  ...over,
});

describe('working days left on a deadline', () => {
  it('counts on the official calendar: the National Day week and the Saturday make-up day', () => {
    // Tue 29 Sep → Fri 9 Oct: 30 Sep, 8 Oct, 9 Oct
    expect(workingDaysLeft(calendar, '2026-09-29', '2026-10-09')).toBe(3);
    // Fri 9 Oct → Tue 13 Oct: Sat 10 Oct is a working day
    expect(workingDaysLeft(calendar, '2026-10-09', '2026-10-13')).toBe(3);
    expect(workingDaysLeft(calendar, '2026-10-09', '2026-10-09')).toBe(0);
    expect(workingDaysLeft(calendar, '2026-10-09', '2026-09-29')).toBe(-3);
  });

  it('is at least one day over once the due date has passed, even on a weekend', () => {
    // Due Friday 16 October; on Sunday 18th no working day has passed yet, but the limit is missed.
    expect(workingDaysLeft(calendar, '2026-10-18', '2026-10-16')).toBe(-1);
    expect(workingDaysLeft(calendar, '2026-10-19', '2026-10-16')).toBe(-1);
    expect(workingDaysLeft(calendar, '2026-10-20', '2026-10-16')).toBe(-2);
  });

  it('treats as due soon what is at most three working days away', () => {
    expect(dueSoonBefore(calendar, '2026-10-09')).toBe('2026-10-14');
  });
});

describe('deadline views', () => {
  it('gives an open deadline its days left and a met one none', () => {
    expect(deadlineView(deadline(), ctx('2026-10-09'))).toMatchObject({ overdue: false, workingDaysLeft: 11, provisional: false, days: 15, startDate: '2026-09-28' });
    const met = deadlineView(deadline({ state: 'MET', metAt: new Date('2026-10-12T02:00:00Z') }), ctx('2026-10-30'));
    expect(met).toMatchObject({ overdue: false, workingDaysLeft: null, metAt: '2026-10-12T02:00:00.000Z' });
  });

  it('marks a working-day limit running into a year without a holiday schedule as provisional, a calendar-day one never', () => {
    const intoNextYear = { startDate: day('2026-12-20'), dueDate: day('2027-01-12') };
    expect(deadlineView(deadline(intoNextYear), ctx('2026-12-21')).provisional).toBe(true);
    expect(deadlineView(deadline({ ...intoNextYear, kind: 'CASE_DECISION', unit: 'CALENDAR_DAYS', workingDays: 90 }), ctx('2026-12-21')).provisional).toBe(false);
    // A limit already met is not recomputed when the schedule is entered: it stands, and is not shown as an estimate.
    expect(deadlineView(deadline({ ...intoNextYear, state: 'MET', metAt: new Date('2026-12-28T02:00:00Z') }), ctx('2026-12-29')).provisional).toBe(false);
  });
});

describe('what a cadre may read', () => {
  it('loses the reporter’s name, phone (full or masked) and any mobile number', () => {
    const text = '举报人林晓燕（139****4321），电话13987654321，另一号码 13800001111，店在东湖路';
    const out = redactReporter(text, ['林晓燕', '13987654321', '139****4321']);
    for (const secret of ['林晓燕', '13987654321', '139****4321', '13800001111']) expect(out).not.toContain(secret);
    expect(out).toContain('店在东湖路');
    expect(redactReporter('许可证 JY13201020000001', [])).toBe('许可证 JY13201020000001');
  });
});

describe('the tier-rule notice', () => {
  it('names the rule for the new grade and the cadres whose assignment ended', () => {
    const cadre = { id: 1, name: '张三', tier: 'COMMUNITY' as const, title: '社区书记' };
    expect(tierRuleNotice('B', [{ cadre, violation: 'TIER_MISMATCH' }])).toBe(
      '按分级包保规则，B 级经营主体须由区级干部包保：原包保干部 张三（社区）已解除包保，请重新指派。',
    );
    expect(tierRuleNotice('D', [{ cadre, violation: 'CADRE_OUT_OF_AREA' }])).toContain('D 级经营主体须由所在社区的社区干部包保');
    expect(tierRuleNotice('C', [])).toBeNull();
  });
});
