import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { notificationParams, notificationsQuery, type NotificationsQuery } from '@sa/contracts';
import type { z } from 'zod';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { NotificationsService } from './notifications.service';

/** 消息中心: every logged-in user's own inbox. */
@ApiTags('notifications')
@Controller('api/v1/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Auth()
  @Validate({ query: notificationsQuery })
  list(@CurrentUser() user: AuthUser, @Query() q: NotificationsQuery) {
    return this.notifications.list(user.id, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @Auth()
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Auth()
  @Validate({ params: notificationParams })
  read(@CurrentUser() user: AuthUser, @Param() p: z.infer<typeof notificationParams>) {
    return this.notifications.markRead(user.id, p.id);
  }
}
