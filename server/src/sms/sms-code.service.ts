import { Inject, Injectable } from '@nestjs/common';
import { SMS_CODE_TTL_SECONDS, SMS_RESEND_SECONDS, type SmsCodeResponse } from '@sa/contracts';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { maskPhone } from '../common/phone-crypto';
import { ENV, type Env } from '../config/env';
import { codeExpiry, codeRefusal, newCode, SmsHasher } from './sms-code-rules';
import { SmsRepository, type SmsPurpose } from './sms.repository';
import { TencentSmsClient } from './tencent-sms.client';

export type CodeTarget = {
  /** normalised by the contract's `mobilePhone` */
  phone: string;
  purpose: SmsPurpose;
  /** the signed-in user a LINK code is for; null for sign-in */
  userId: number | null;
};

/**
 * Issues and checks SMS verification codes. Issuing never looks at who holds the phone, so the reply (and the
 * time it takes) is the same for a known and an unknown number.
 */
@Injectable()
export class SmsCodeService {
  private readonly hasher: SmsHasher;

  constructor(
    private readonly repo: SmsRepository,
    private readonly provider: TencentSmsClient,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.hasher = new SmsHasher(env.secrets.phoneKey);
  }

  /** User.phoneHash of a number. */
  phoneHash(phone: string): string {
    return this.hasher.phone(phone);
  }

  async issue(target: CodeTarget, source: string): Promise<SmsCodeResponse> {
    const demo = this.env.sms.demoLog;
    if (!this.provider.configured && !demo) throw new DomainException('SMS_UNAVAILABLE');
    const now = this.clock.now();
    const phoneHash = this.hasher.phone(target.phone);
    const code = newCode();
    const issued = await this.repo.issue(
      { phoneHash, purpose: target.purpose, codeHash: this.hasher.code(code, phoneHash, target.purpose, target.userId), source, now, expiresAt: codeExpiry(now) },
      this.env.sms.codesPerSourceHour,
    );
    if ('refused' in issued) {
      if (issued.refused === 'too-soon') throw new DomainException('SMS_CODE_TOO_SOON');
      if (issued.refused === 'daily-limit') throw new DomainException('SMS_DAILY_LIMIT');
      throw new DomainException('RATE_LIMITED', '获取验证码过于频繁，请 1 小时后再试');
    }
    if (demo) {
      // The embedded demo has no SMS account: the newcomer reads the code here. Never reached with a provider set.
      // `demoCode`, not `code`: the log redacts every field named `code`, this one demo line is meant to be read.
      this.logger.write('info', 'sms code (demo)', { phone: maskPhone(target.phone), demoCode: code, purpose: target.purpose });
    } else {
      try {
        await this.provider.sendCode(target.phone, code, SMS_CODE_TTL_SECONDS / 60);
      } catch (err) {
        await this.repo.forget(issued.id);
        throw err;
      }
    }
    return { sent: true, resendAfterSeconds: SMS_RESEND_SECONDS, demo };
  }

  /** Uses the phone's latest code for that purpose, or throws SMS_CODE_INVALID (a wrong one counts towards voiding it). */
  async consume(target: CodeTarget, code: string): Promise<void> {
    const now = this.clock.now();
    const phoneHash = this.hasher.phone(target.phone);
    const stored = await this.repo.findLive(phoneHash, target.purpose);
    if (!stored || codeRefusal(stored, now)) throw new DomainException('SMS_CODE_INVALID');
    if (!this.hasher.matches(stored.codeHash, this.hasher.code(code, phoneHash, target.purpose, target.userId))) {
      await this.repo.recordWrong(stored.id, now);
      throw new DomainException('SMS_CODE_INVALID');
    }
    if (!(await this.repo.consume(stored.id, now))) throw new DomainException('SMS_CODE_INVALID');
  }
}
