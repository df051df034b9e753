import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { smsCodeRequest, smsLoginRequest, type SmsCodeRequest, type SmsLoginRequest } from '@sa/contracts';
import { RateLimit } from '../common/rate-limit';
import { Validate } from '../common/validate';
import { Auth, type AuthUser, ClientAddress, CurrentUser, Public } from './auth.decorators';
import { SmsLoginService } from './sms-login.service';

// Beside the per-phone limits and the per-address hourly count kept in the database (SMS_CODES_PER_SOURCE_HOUR).
const CODE_REQUESTS = { max: 10, windowSeconds: 600 };
// Each code allows 5 wrong tries; this caps one address guessing across many numbers.
const CODE_CHECKS = { max: 30, windowSeconds: 600 };

@ApiTags('auth')
@Controller('api/v1')
export class SmsLoginController {
  constructor(private readonly sms: SmsLoginService) {}

  /** 获取验证码 for portal sign-in: the same reply whether or not the number has an account. */
  @Post('auth/sms/code')
  @HttpCode(200)
  @Public()
  @RateLimit({ key: 'sms-code', ...CODE_REQUESTS })
  @Validate({ body: smsCodeRequest })
  requestCode(@Body() body: SmsCodeRequest, @ClientAddress() source: string) {
    return this.sms.requestSignInCode(body.phone, source);
  }

  @Post('auth/sms')
  @HttpCode(200)
  @Public()
  @RateLimit({ key: 'sms-login', ...CODE_CHECKS })
  @Validate({ body: smsLoginRequest })
  signIn(@Body() body: SmsLoginRequest) {
    return this.sms.signIn(body.phone, body.code);
  }

  /** 绑定手机号, step 1: a code to the number the signed-in user gives. */
  @Post('me/phone/code')
  @HttpCode(200)
  @Auth()
  @RateLimit({ key: 'phone-link-code', ...CODE_REQUESTS })
  @Validate({ body: smsCodeRequest })
  requestLinkCode(@CurrentUser() user: AuthUser, @Body() body: SmsCodeRequest, @ClientAddress() source: string) {
    return this.sms.requestLinkCode(user, body.phone, source);
  }

  /** 绑定手机号, step 2: the number is verified and linked; returns the profile with it masked. */
  @Post('me/phone')
  @HttpCode(200)
  @Auth()
  @RateLimit({ key: 'phone-link', ...CODE_CHECKS })
  @Validate({ body: smsLoginRequest })
  link(@CurrentUser() user: AuthUser, @Body() body: SmsLoginRequest) {
    return this.sms.link(user, body.phone, body.code);
  }
}
