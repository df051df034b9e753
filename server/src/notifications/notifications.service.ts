import { Inject, Injectable } from '@nestjs/common';
import type { NotificationItem, NotificationKind, NotificationList, NotificationsQuery } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import type { ComplaintReceiptRecord } from '../complaints/complaints.repository';
import type { WorkflowAction } from '../complaints/workflow';
import { categoryLabel, type InboxNotice, type NoticeSubject, receivedNotice, reporterNotice } from './inbox-notices';
import { type Db, type InboxRow, NotificationsRepository, type OutboxRow } from './notifications.repository';
import { OutboxDispatcher } from './outbox.dispatcher';
import { subscribeMessageFor } from './subscribe-message';
import { WechatSubscribeClient } from './wechat-subscribe.client';
import { SubscriptionsRepository } from './subscriptions.repository';

type NotificationRow = { id: number; kind: string; title: string; body: string; complaintId: number | null; createdAt: Date; readAt: Date | null };

/**
 * The in-app inbox and the reporter's WeChat subscribe messages. A notice is written in the transaction of the
 * state change that causes it, so both commit or neither; the outbox is sent after the commit.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly wechat: WechatSubscribeClient,
    private readonly dispatcher: OutboxDispatcher,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * A workflow step, in its transaction (`db`), keyed by its audit event (`complaint:<id>:event:<eventId>`): the
   * reporter (a logged-in user) in the inbox, and by WeChat subscribe message when they have an openid, the message
   * type has a template and they granted it (each send uses one grant; none left: inbox only). The same step never
   * notifies twice while a later step of the same kind (after a reopen) still does. A notice that cannot be
   * written fails the step with it. Returns whether a WeChat message was queued (then call `messagesQueued` after
   * the commit).
   */
  async complaintTransitioned(db: Db, complaintId: number, event: { id: number; at: Date; action: WorkflowAction }, reply?: string): Promise<boolean> {
    const c = await this.repo.noticeComplaint(complaintId, db);
    if (!c || c.reporterUserId === null) return false;
    const notice = reporterNotice(noticeSubject(c), event.action, reply);
    if (!notice) return false;
    const reporter = await this.repo.reporter(c.reporterUserId, db);
    if (!reporter) return false;
    const key = `complaint:${c.id}:event:${event.id}`;
    const message = reporter.openid && this.wechat.configured ? subscribeMessageFor(subscribeSubject(c), event.action, reply, this.env.wechat.templates, event.at) : null;
    const outbox: OutboxRow | null = message
      ? { dedupeKey: `${key}:wechat`, openid: reporter.openid!, templateId: message.templateId, page: message.page, data: message.data, nextAttemptAt: this.clock.now() }
      : null;
    return this.subscriptions.deliverAgainstGrant(db, reporter.id, inboxRows([reporter.id], notice, c.id, key), outbox);
  }

  /** After the commit of a step that queued WeChat messages: send them now rather than at the next tick. */
  messagesQueued(): void {
    this.dispatcher.kick();
  }

  /** A new complaint, in the transaction that creates it: the responsible cadre's user and the handling office's staff. */
  async complaintReceivedIn(db: Db, complaintId: number): Promise<void> {
    const c = await this.repo.noticeComplaint(complaintId, db);
    if (!c) return;
    const users = unique([...(await this.repo.cadreUserIds(c.cadreId, db)), ...(await this.repo.officeStaffIds(c.officeId, db))]);
    await this.repo.deliver(inboxRows(users, receivedNotice(noticeSubject(c)), c.id, `complaint:${c.id}:received`), [], db);
  }

  /** Active users among: the office's staff, the cadres' own logins, the bureau admins. */
  async recipients(db: Db, who: { officeId?: number | null; cadreIds?: (number | null)[]; admins?: boolean }): Promise<number[]> {
    const ids: number[] = [];
    if (who.officeId) ids.push(...(await this.repo.officeStaffIds(who.officeId, db)));
    for (const cadreId of who.cadreIds ?? []) ids.push(...(await this.repo.cadreUserIds(cadreId, db)));
    if (who.admins) ids.push(...(await this.repo.adminIds(db)));
    return unique(ids);
  }

  /** For other modules' steps (reminders, 督办): writes notices in the caller's transaction. */
  notify(db: Db, userIds: number[], notice: InboxNotice, complaintId: number | null, keyPrefix: string): Promise<number> {
    return this.repo.deliver(inboxRows(unique(userIds), notice, complaintId, keyPrefix), [], db);
  }

  async list(userId: number, q: NotificationsQuery): Promise<NotificationList> {
    const [rows, total, unread] = await this.repo.list(userId, q.unread ?? false, q.limit, q.offset);
    return { items: rows.map(toItem), total, unread };
  }

  async markRead(userId: number, id: number): Promise<NotificationItem> {
    const row = await this.repo.markRead(userId, id, this.clock.now());
    if (!row) throw new DomainException('NOT_FOUND', '该消息不存在');
    return toItem(row);
  }

  async markAllRead(userId: number): Promise<{ updated: number }> {
    return { updated: await this.repo.markAllRead(userId, this.clock.now()) };
  }
}

function inboxRows(userIds: number[], notice: InboxNotice, complaintId: number | null, keyPrefix: string): InboxRow[] {
  return userIds.map((userId) => ({ userId, ...notice, complaintId, dedupeKey: `${keyPrefix}:user:${userId}` }));
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

/** Only the fields a notice may show: never the reporter's name, phone or the description. */
export function noticeSubject(
  c: Pick<ComplaintReceiptRecord, 'trackingNo' | 'kind' | 'businessName' | 'category' | 'outcome' | 'transferTo'> & {
    business: { name: string } | null;
    office: { name: string } | null;
  },
): NoticeSubject {
  return {
    trackingNo: c.trackingNo,
    kind: c.kind,
    businessName: c.business?.name ?? c.businessName,
    categoryLabel: categoryLabel(c.category),
    officeName: c.office?.name ?? null,
    outcome: c.outcome,
    transferTo: c.transferTo,
  };
}

function subscribeSubject(c: Parameters<typeof noticeSubject>[0] & { id: number }) {
  return { ...noticeSubject(c), id: c.id };
}

function toItem(n: NotificationRow): NotificationItem {
  return {
    id: n.id,
    kind: n.kind as NotificationKind,
    title: n.title,
    body: n.body,
    complaintId: n.complaintId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
