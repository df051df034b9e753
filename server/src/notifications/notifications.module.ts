import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcher } from './outbox.dispatcher';
import { WechatSubscribeClient } from './wechat-subscribe.client';

/** In-app inbox and WeChat subscribe messages (订阅消息) through an outbox. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, OutboxDispatcher, WechatSubscribeClient],
  exports: [NotificationsService, OutboxDispatcher],
})
export class NotificationsModule {}
