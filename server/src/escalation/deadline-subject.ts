import { noticeSubject } from '../notifications/notifications.service';
import type { DeadlineSubject } from './escalation-notices';
import type { DueDeadline } from './escalation.repository';

/** The notice-safe fields of a deadline and its complaint (no reporter, no description). */
export function noticeSubjectOf(d: DueDeadline): DeadlineSubject {
  return { ...noticeSubject(d.complaint), deadlineKind: d.kind, dueDate: d.dueDate };
}
