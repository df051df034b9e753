import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  bindVolunteerRequest,
  bindWechatRequest,
  passwordLoginRequest,
  STAFF_ROLES,
  wechatLoginRequest,
  type BindVolunteerRequest,
  type BindWechatRequest,
  type PasswordLoginRequest,
  type WechatLoginRequest,
} from '@sa/contracts';
import { Validate } from '../common/validate';
import { RateLimit } from '../common/rate-limit';
import { Auth, type AuthUser, ClientAddress, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';

// Per address, beside the per-(account, address) lockout: stops one address trying many accounts. Password
// login and WeChat binding both check passwords, so they share one window.
const PASSWORD_TRIES = { key: 'login-password', max: 30, windowSeconds: 600 };

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/wechat')
  @HttpCode(200)
  @Public()
  @RateLimit({ key: 'login-wechat', max: 60, windowSeconds: 600 })
  @Validate({ body: wechatLoginRequest })
  wechat(@Body() body: WechatLoginRequest) {
    return this.auth.wechatLogin(body.code);
  }

  @Post('auth/password')
  @HttpCode(200)
  @Public()
  @RateLimit(PASSWORD_TRIES)
  @Validate({ body: passwordLoginRequest })
  password(@Body() body: PasswordLoginRequest, @ClientAddress() source: string) {
    return this.auth.passwordLogin(body.username, body.password, source);
  }

  /** 账号绑定: a staff member's WeChat opens their staff session from now on. */
  @Post('auth/wechat/bind')
  @HttpCode(200)
  @Public()
  @RateLimit(PASSWORD_TRIES)
  @Validate({ body: bindWechatRequest })
  bindWechat(@Body() body: BindWechatRequest, @ClientAddress() source: string) {
    return this.auth.bindWechat(body.code, body.username, body.password, source);
  }

  @Delete('me/wechat')
  @HttpCode(204)
  @Auth(...STAFF_ROLES)
  async unbindWechat(@CurrentUser() user: AuthUser) {
    await this.auth.unbindWechat(user);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Auth()
  async logout(@CurrentUser() user: AuthUser) {
    await this.auth.logout(user);
  }

  @Get('me')
  @Auth()
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }

  @Post('volunteers/bind')
  @HttpCode(200)
  @Auth('RESIDENT', 'VOLUNTEER')
  // Invitation codes are short: a few tries per user keeps guessing them out of reach.
  @RateLimit({ key: 'volunteer-bind', max: 10, windowSeconds: 3600 })
  @Validate({ body: bindVolunteerRequest })
  bind(@CurrentUser() user: AuthUser, @Body() body: BindVolunteerRequest) {
    return this.auth.bindVolunteer(user, body.invitationCode);
  }
}
