import { describe, expect, it } from 'vitest';
import { escalationNotice, reminderNotice, scheduleReminderNotice, type DeadlineSubject } from './escalation-notices';

const subject: DeadlineSubject = {
  trackingNo: 'SA20261013-000123',
  kind: 'REPORT',
  businessName: '李记小吃店',
  categoryLabel: '过期变质食品',
  officeName: '城东市场监管所',
  outcome: null,
  transferTo: null,
  deadlineKind: 'VERIFY',
  dueDate: '2026-10-13',
};

describe('deadline notices', () => {
  it('escalates naming the item, the missed limit, the handling office and who now supervises', () => {
    const n = escalationNotice(subject, { name: '周立新', tier: 'STREET' });
    expect(n.kind).toBe('ESCALATION');
    expect(n.title).toBe('超期督办：核查期限已届满');
    expect(n.body).toContain('受理编号 SA20261013-000123（举报：李记小吃店）');
    expect(n.body).toContain('2026-10-13 24:00 届满');
    expect(n.body).toContain('城东市场监管所');
    expect(n.body).toContain('街道包保干部周立新及区食安办');
    expect(escalationNotice(subject, null).body).toContain('现提请区食安办督办');
  });

  it('reminds on the due date as "today" and the day before as the next working day', () => {
    expect(reminderNotice(subject, '2026-10-13').title).toBe('期限提醒：核查期限今日届满');
    expect(reminderNotice(subject, '2026-10-12').title).toBe('期限提醒：核查期限下一个工作日届满');
    expect(reminderNotice(subject, '2026-10-12').kind).toBe('DEADLINE_REMINDER');
  });

  it('names the termination notice and the case decision limits in Chinese', () => {
    expect(escalationNotice({ ...subject, kind: 'COMPLAINT', deadlineKind: 'TERMINATION_NOTICE' }, null).title).toBe('超期督办：终止调解告知期限已届满');
    expect(escalationNotice({ ...subject, deadlineKind: 'CASE_DECISION' }, null).title).toBe('超期督办：处罚决定期限已届满');
    expect(reminderNotice({ ...subject, deadlineKind: 'CASE_DECISION' }, '2026-10-13').title).toBe('期限提醒：处罚决定期限今日届满');
  });

  it('asks the admins to enter next year\'s holidays, naming the year', () => {
    expect(scheduleReminderNotice(2027)).toMatchObject({ kind: 'DEADLINE_REMINDER', title: '请录入 2027 年节假日安排' });
  });
});
