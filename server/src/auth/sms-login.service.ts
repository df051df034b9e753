import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse, Me, SmsCodeResponse } from '@sa/contracts';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { maskPhone, PhoneCipher } from '../common/phone-crypto';
import { ENV, type Env } from '../config/env';
import { SmsCodeService } from '../sms/sms-code.service';
import type { AuthUser } from './auth.decorators';
import { AuthService } from './auth.service';
import { PhoneAccountRepository, type VerifiedPhone } from './phone-account.repository';
import { accountRefusal, isStaffRole } from './session-policy';
import { SessionService } from './session.service';

/**
 * Residents without WeChat sign in on the portal with an SMS code; a signed-in resident or volunteer links a
 * number the same way. Staff accounts never hold a number, so a code never opens a staff session.
 */
@Injectable()
export class SmsLoginService {
  private readonly cipher: PhoneCipher;

  constructor(
    private readonly codes: SmsCodeService,
    private readonly repo: PhoneAccountRepository,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ENV) env: Env,
  ) {
    this.cipher = new PhoneCipher(env.secrets.phoneKey);
  }

  requestSignInCode(phone: string, source: string): Promise<SmsCodeResponse> {
    return this.codes.issue({ phone, purpose: 'LOGIN', userId: null }, source);
  }

  /** The first sign-in of a number creates its resident (居民 138****5678); later ones open the same account. */
  async signIn(phone: string, code: string): Promise<LoginResponse> {
    await this.codes.consume({ phone, purpose: 'LOGIN', userId: null }, code);
    const user = await this.repo.findOrCreatePhoneResident(this.verified(phone), this.clock.now());
    if (isStaffRole(user.role)) throw new DomainException('PHONE_NOT_FOR_STAFF');
    if (accountRefusal(user)) throw new DomainException('ACCOUNT_DISABLED');
    return this.sessions.issue(user);
  }

  requestLinkCode(user: AuthUser, phone: string, source: string): Promise<SmsCodeResponse> {
    if (isStaffRole(user.role)) throw new DomainException('PHONE_NOT_FOR_STAFF');
    return this.codes.issue({ phone, purpose: 'LINK', userId: user.id }, source);
  }

  async link(user: AuthUser, phone: string, code: string): Promise<Me> {
    if (isStaffRole(user.role)) throw new DomainException('PHONE_NOT_FOR_STAFF');
    await this.codes.consume({ phone, purpose: 'LINK', userId: user.id }, code);
    const outcome = await this.repo.linkPhone(user.id, this.verified(phone), this.clock.now());
    if (outcome.kind === 'elsewhere') throw new DomainException('PHONE_LINKED_ELSEWHERE');
    if (outcome.kind === 'staff') throw new DomainException('PHONE_NOT_FOR_STAFF');
    if (outcome.kind === 'holder-disabled') throw new DomainException('ACCOUNT_DISABLED', '该手机号所属账号已停用，无法绑定');
    if (outcome.mergedUserId !== null) this.logger.write('info', 'phone linked: sms account merged', { userId: user.id, mergedUserId: outcome.mergedUserId });
    return this.auth.me(user);
  }

  private verified(phone: string): VerifiedPhone {
    return { phoneHash: this.codes.phoneHash(phone), phoneEnc: this.cipher.encrypt(phone), phoneMasked: maskPhone(phone) };
  }
}
