import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { NOTIFICATION_KIND_LABELS, type NotificationItem, type NotificationList } from '@sa/contracts';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead } from '../../api';
import { formatDateTime } from '../../components/format';
import { pressable } from '../../components/pressable';
import { errorMessage, showError } from '../../components/show-error';
import { useLoadOnShow } from '../../hooks/use-load-on-show';
import { openComplaint } from './my-complaints';
import { LoadError } from '../../components/load-error';
import './inbox.css';

const PAGE_SIZE = 10;

/** 消息: the unread count and the messages, newest first, page by page; a message about the user's own report opens it. */
export function Inbox({ opensComplaints }: { opensComplaints: boolean }) {
  const [inbox, setInbox] = useState<NotificationList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);

  const load = () => {
    setLoadError(null);
    fetchNotifications({ limit: PAGE_SIZE })
      .then(setInbox)
      // The inbox is secondary on this page: say it failed, without a toast over the user's own list.
      .catch((error: unknown) => setLoadError(errorMessage(error)));
  };
  useLoadOnShow(load);

  const loadMore = async () => {
    if (!inbox || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await fetchNotifications({ limit: PAGE_SIZE, offset: inbox.items.length });
      setInbox((before) => before && { ...page, items: [...before.items, ...page.items.filter((n) => !before.items.some((x) => x.id === n.id))] });
    } catch (error) {
      showError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const markAll = async () => {
    if (markingAll) return;
    setMarkingAll(true);
    try {
      await markAllNotificationsRead();
      const readAt = new Date().toISOString();
      setInbox((before) => before && { ...before, unread: 0, items: before.items.map((x) => (x.readAt === null ? { ...x, readAt } : x)) });
    } catch (error) {
      showError(error);
    } finally {
      setMarkingAll(false);
    }
  };

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
      <View className='card-title inbox-head'>
        <Text className='inbox-title'>
          消息{inbox && inbox.total > 0 ? `（共 ${inbox.total} 条）` : ''}
          {inbox && inbox.unread > 0 && <Text className='unread-badge'>{inbox.unread} 条未读</Text>}
        </Text>
        {inbox && inbox.unread > 0 && (
          <Button className='btn-plain mark-all-read' size='mini' loading={markingAll} {...pressable(() => void markAll())}>
            全部已读
          </Button>
        )}
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
      {inbox && inbox.total > inbox.items.length && (
        <View className='inbox-more'>
          <View className='muted'>
            已显示 {inbox.items.length} 条，共 {inbox.total} 条
          </View>
          <Button className='btn-plain more' size='mini' loading={loadingMore} {...pressable(() => void loadMore())}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
