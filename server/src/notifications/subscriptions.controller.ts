import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { subscriptionsRequest, type SubscriptionsRequest } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { RateLimit } from '../common/rate-limit';
import { Validate } from '../common/validate';
import { SubscriptionsService } from './subscriptions.service';

/** 订阅消息 consent: the templates to ask for, and the user's answers to wx.requestSubscribeMessage. */
@ApiTags('notifications')
@Controller('api/v1')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get('subscribe-templates')
  @Public()
  templates() {
    return this.subscriptions.templates();
  }

  @Get('me/subscriptions')
  @Auth()
  mine(@CurrentUser() user: AuthUser) {
    return this.subscriptions.view(user.id);
  }

  @Post('me/subscriptions')
  @HttpCode(200)
  @Auth()
  @RateLimit({ key: 'subscriptions', max: 60, windowSeconds: 600 })
  @Validate({ body: subscriptionsRequest })
  record(@CurrentUser() user: AuthUser, @Body() body: SubscriptionsRequest) {
    return this.subscriptions.record(user.id, body);
  }
}
