import { z } from 'zod';
import { pageParams } from './common';
import { SUBSCRIBE_RESULTS } from './portal-constants';
import { dbIdParam } from './registry';

/** What an in-app inbox entry is about. */
export const NOTIFICATION_KINDS = ['COMPLAINT_RECEIVED', 'COMPLAINT_UPDATE', 'DEADLINE_REMINDER', 'ESCALATION'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  COMPLAINT_RECEIVED: '新投诉举报',
  COMPLAINT_UPDATE: '办理进度',
  DEADLINE_REMINDER: '期限提醒',
  ESCALATION: '超期督办',
};

export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageParams(100, 100_000, 20),
});
export type NotificationsQuery = z.infer<typeof notificationsQuery>;

export const notificationParams = z.object({ id: dbIdParam });

export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  complaintId: number | null;
  createdAt: string;
  readAt: string | null;
};

/** `total` counts the filtered list; `unread` is the badge number, whatever the filter. */
export type NotificationList = { items: NotificationItem[]; total: number; unread: number };

/** What one run of the deadline sweep did. */
/** `closed`: resolved complaints archived once the reporter's 15-day reopen window has passed. */
export type SweepResult = { today: string; escalated: number; reminded: number; notified: number; failed: number; closed: number };

/**
 * What the user chose for one template in wx.requestSubscribeMessage: accept adds a one-time grant. Defined in the
 * zod-free portal-constants, since the portal's launch code reads it.
 */
export { SUBSCRIBE_RESULTS };
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** POST /api/v1/me/subscriptions: the result of requestSubscribeMessage, template id → choice. */
export const subscriptionsRequest = z.object({
  results: z
    .record(z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '模板编号格式不正确'), z.enum(SUBSCRIBE_RESULTS))
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 3, '一次最多订阅 3 个模板'),
});
export type SubscriptionsRequest = z.infer<typeof subscriptionsRequest>;
/** The remaining one-time grants of the signed-in user per template. */
export type SubscriptionsView = { grants: { templateId: string; remaining: number }[] };

/** GET /api/v1/subscribe-templates: the template ids configured on the server, for requestSubscribeMessage. */
export type SubscribeTemplates = { templateIds: string[] };
