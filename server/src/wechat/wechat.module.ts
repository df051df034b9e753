import { Module } from '@nestjs/common';
import { WechatAccessToken } from './wechat-access-token';
import { WechatSecurityClient } from './wechat-security.client';

/** WeChat server-API clients that share the one access token. */
@Module({
  providers: [WechatAccessToken, WechatSecurityClient],
  exports: [WechatAccessToken, WechatSecurityClient],
})
export class WechatModule {}
