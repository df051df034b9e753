import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { NOTIFICATION_KIND_LABELS, type NotificationItem, type NotificationList } from '@sa/contracts';
import { fetchNotifications, markNotificationRead } from '../../api';
import { formatDateTime } from '../../components/format';
import { pressable } from '../../components/pressable';
import { errorMessage } from '../../components/show-error';
import { useLoadOnShow } from '../../hooks/use-load-on-show';
import { openComplaint } from './my-complaints';
import { LoadError } from '../../components/load-error';

const SHOWN = 10;

/** 消息: the unread count and the latest messages; a message about the user's own report opens it. */
export function Inbox({ opensComplaints }: { opensComplaints: boolean }) {
  const [inbox, setInbox] = useState<NotificationList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = () => {
    setLoadError(null);
    fetchNotifications({ limit: SHOWN })
      .then(setInbox)
      // The inbox is secondary on this page: say it failed, without a toast over the user's own list.
      .catch((error: unknown) => setLoadError(errorMessage(error)));
  };
  useLoadOnShow(load);

  const open = (item: NotificationItem) => {
    if (item.readAt === null) {
      const readAt = new Date().toISOString();
      setInbox((before) =>
        before && {
          ...before,
          unread: Math.max(0, before.unread - 1),
          items: before.items.map((x) => (x.id === item.id ? { ...x, readAt } : x)),
        },
      );
      // Marking read is bookkeeping: the next load corrects the count if it did not reach the server.
      markNotificationRead(item.id).catch(() => undefined);
    }
    if (opensComplaints && item.complaintId !== null) void openComplaint(item.complaintId);
  };

  return (
    <View className='card inbox'>
      <View className='card-title'>
        消息
        {inbox && inbox.unread > 0 && <Text className='unread-badge'>{inbox.unread} 条未读</Text>}
      </View>
      <LoadError message={loadError} onRetry={load} />
      {inbox?.total === 0 && <View className='hint'>暂无消息</View>}
      {inbox?.items.map((item) => (
        <View
          className={`list-item notification${item.readAt === null ? ' unread' : ''}`}
          key={item.id}
          {...pressable(() => open(item))}
        >
          <View className='item-head'>
            <Text className='item-title'>
              {item.readAt === null && <Text className='unread-label'>未读：</Text>}
              {item.title}
            </Text>
            <Text className='tag'>{NOTIFICATION_KIND_LABELS[item.kind]}</Text>
          </View>
          <View className='detail-row'>{item.body}</View>
          <View className='muted'>{formatDateTime(item.createdAt)}</View>
        </View>
      ))}
      {inbox && inbox.total > inbox.items.length && <View className='muted'>仅显示最近 {SHOWN} 条</View>}
    </View>
  );
}
