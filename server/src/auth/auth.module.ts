import { Global, Module } from '@nestjs/common';
import { SmsModule } from '../sms/sms.module';
import { WechatClient } from '../wechat/wechat.client';
import { AuthController } from './auth.controller';
import { AuthHousekeeping } from './auth-housekeeping';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { PhoneAccountRepository } from './phone-account.repository';
import { SessionService } from './session.service';
import { SmsLoginController } from './sms-login.controller';
import { SmsLoginService } from './sms-login.service';

@Global()
@Module({
  imports: [SmsModule],
  controllers: [AuthController, SmsLoginController],
  providers: [AuthRepository, AuthHousekeeping, AuthService, SessionService, WechatClient, PhoneAccountRepository, SmsLoginService],
  exports: [SessionService, WechatClient, AuthHousekeeping],
})
export class AuthModule {}
