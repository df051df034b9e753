import { CADRE_TIER_LABELS, COMPLAINT_KIND_LABELS, DEADLINE_KIND_LABELS, type CadreTier, type DeadlineKind } from '@sa/contracts';
import type { InboxNotice, NoticeSubject } from '../notifications/inbox-notices';

export type DeadlineSubject = NoticeSubject & { deadlineKind: DeadlineKind; dueDate: string };

const about = (s: DeadlineSubject) => `受理编号 ${s.trackingNo}（${COMPLAINT_KIND_LABELS[s.kind]}：${s.businessName ?? s.categoryLabel}）`;

/** 督办 to the cadre one tier up and the bureau admins. Like every notice it names no reporter. */
export function escalationNotice(s: DeadlineSubject, target: { name: string; tier: CadreTier } | null): InboxNotice {
  const limit = DEADLINE_KIND_LABELS[s.deadlineKind];
  const to = target ? `${CADRE_TIER_LABELS[target.tier]}包保干部${target.name}及区食安办` : '区食安办';
  return {
    kind: 'ESCALATION',
    title: `超期督办：${limit}已届满`,
    body: `${about(s)}的${limit}已于 ${s.dueDate} 24:00 届满，${s.officeName ?? '承办单位'}尚未办理完毕。现提请${to}督办，请督促尽快办结。`,
  };
}

/** 期限提醒 to the handling office's staff and the responsible cadre. */
export function reminderNotice(s: DeadlineSubject, today: string): InboxNotice {
  const limit = DEADLINE_KIND_LABELS[s.deadlineKind];
  const when = s.dueDate === today ? '今日' : '下一个工作日';
  return {
    kind: 'DEADLINE_REMINDER',
    title: `期限提醒：${limit}${when}届满`,
    body: `${about(s)}的${limit}将于 ${s.dueDate} 24:00 届满，请及时办理，逾期将提级督办。`,
  };
}

/** To every bureau admin, once per year: deadlines running into next year are counted on weekends alone until then. */
export function scheduleReminderNotice(year: number): InboxNotice {
  return {
    kind: 'DEADLINE_REMINDER',
    title: `请录入 ${year} 年节假日安排`,
    body: `系统尚未录入 ${year} 年的法定节假日和调休安排，跨入 ${year} 年的期限暂按周末推算，届时可能变动。请在国务院办公厅公布通知后，在工作台「区食安办管理 → 工作日历」中录入全年安排。`,
  };
}
