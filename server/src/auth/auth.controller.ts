import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  bindVolunteerRequest,
  passwordLoginRequest,
  wechatLoginRequest,
  type BindVolunteerRequest,
  type PasswordLoginRequest,
  type WechatLoginRequest,
} from '@sa/contracts';
import { Validate } from '../common/validate';
import { RateLimit } from '../common/rate-limit';
import { Auth, type AuthUser, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';

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
  // Per address, beside the per-account lockout: stops one address trying many accounts.
  @RateLimit({ key: 'login-password', max: 30, windowSeconds: 600 })
  @Validate({ body: passwordLoginRequest })
  password(@Body() body: PasswordLoginRequest) {
    return this.auth.passwordLogin(body.username, body.password);
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
