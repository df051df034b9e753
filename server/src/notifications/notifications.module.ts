import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcher } from './outbox.dispatcher';
import { WechatSubscribeClient } from './wechat-subscribe.client';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';
import { WechatModule } from '../wechat/wechat.module';

/** In-app inbox and WeChat subscribe messages (订阅消息) through an outbox. */
@Module({
  imports: [WechatModule],
  controllers: [NotificationsController, SubscriptionsController],
  providers: [NotificationsRepository, NotificationsService, OutboxDispatcher, WechatSubscribeClient, SubscriptionsRepository, SubscriptionsService],
  exports: [NotificationsService, OutboxDispatcher],
})
export class NotificationsModule {}
