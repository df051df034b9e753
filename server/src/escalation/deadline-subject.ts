import { fromDbDate } from '../complaints/deadlines';
import { categoryLabel } from '../notifications/inbox-notices';
import type { DeadlineSubject } from './escalation-notices';
import type { DueDeadline } from './escalation.repository';

/** The notice-safe fields of a deadline and its complaint (no reporter, no description). */
export function noticeSubjectOf(d: DueDeadline): DeadlineSubject {
  const c = d.complaint;
  return {
    trackingNo: c.trackingNo,
    kind: c.kind,
    businessName: c.business?.name ?? c.businessName,
    categoryLabel: categoryLabel(c.category),
    officeName: c.office?.name ?? null,
    outcome: c.outcome,
    transferTo: c.transferTo,
    deadlineKind: d.kind,
    dueDate: fromDbDate(d.dueDate),
  };
}
