import { Module } from '@nestjs/common';
import { SmsCodeService } from './sms-code.service';
import { SmsRepository } from './sms.repository';
import { TencentSmsClient } from './tencent-sms.client';

/** SMS verification codes: the provider client and the issuing and checking rules; the auth routes use them. */
@Module({
  providers: [SmsCodeService, SmsRepository, TencentSmsClient],
  exports: [SmsCodeService],
})
export class SmsModule {}
