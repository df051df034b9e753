import { Global, Module } from '@nestjs/common';
import { WechatClient } from '../wechat/wechat.client';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthRepository, AuthService, SessionService, WechatClient],
  exports: [SessionService, WechatClient],
})
export class AuthModule {}
