import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env, type TencentSmsConfig } from '../config/env';
import { DomainException } from '../common/domain-exception';
import { JsonLogger, reasonOf } from '../common/logger';
import { maskPhone } from '../common/phone-crypto';
import { TC3_CONTENT_TYPE, tc3Authorization } from './tc3-signature';

const ACTION = 'SendSms';
const VERSION = '2021-01-11';

type ApiError = { Code: string; Message: string };
type SendStatus = { SerialNo?: string; PhoneNumber?: string; Code: string; Message?: string };
type SendSmsReply = { Response?: { Error?: ApiError; SendStatusSet?: SendStatus[]; RequestId?: string } };

/**
 * Why a send failed, for the log: the provider's own code (`AuthFailure.SignatureFailure`,
 * `LimitExceeded.PhoneNumberDailyLimit`, `FailedOperation.InsufficientBalanceInSmsPackage`, …) and what it means
 * for the operator. Every failure answers the user the same SMS_UNAVAILABLE.
 */
export function classifyProviderCode(code: string): 'credentials' | 'limit' | 'account' | 'request' | 'provider' {
  if (code.startsWith('AuthFailure') || code === 'UnauthorizedOperation' || code.startsWith('UnauthorizedOperation.')) return 'credentials';
  if (code.startsWith('LimitExceeded') || code === 'RequestLimitExceeded') return 'limit';
  if (code.startsWith('FailedOperation')) return 'account';
  if (code.startsWith('InvalidParameter') || code.startsWith('MissingParameter') || code.startsWith('UnsupportedOperation')) return 'request';
  return 'provider';
}

/** Tencent Cloud SMS API 3.0 `SendSms` over fetch, signed with TC3-HMAC-SHA256, at a configurable endpoint. */
@Injectable()
export class TencentSmsClient {
  private readonly config: TencentSmsConfig | undefined;

  constructor(
    @Inject(ENV) env: Env,
    private readonly logger: JsonLogger,
  ) {
    this.config = env.sms.tencent;
  }

  get configured(): boolean {
    return this.config !== undefined;
  }

  /** Sends the verification-code template to one mainland number; throws SMS_UNAVAILABLE on any failure. */
  async sendCode(phone: string, code: string, validMinutes: number): Promise<void> {
    const config = this.config;
    if (!config) throw new DomainException('SMS_UNAVAILABLE');
    const url = new URL(`${config.apiBase}/`);
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${phone}`],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: config.templateId,
      TemplateParamSet: config.templateParams === 'code' ? [code] : [code, String(validMinutes)],
    });
    // Wall time, not the test clock: Tencent refuses a signature more than 5 minutes off its own clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const authorization = tc3Authorization({ secretId: config.secretId, secretKey: config.secretKey, service: 'sms', host: url.host, payload, timestamp });
    const log = { phone: maskPhone(phone) };
    let reply: SendSmsReply;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': TC3_CONTENT_TYPE,
          authorization,
          'x-tc-action': ACTION,
          'x-tc-version': VERSION,
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': config.region,
        },
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      reply = (await res.json()) as SendSmsReply;
    } catch (err) {
      this.logger.write('warn', 'sms provider unreachable', { ...log, error: reasonOf(err) });
      throw new DomainException('SMS_UNAVAILABLE');
    }
    const error = reply.Response?.Error;
    if (error) {
      this.refused(error.Code, error.Message, reply.Response?.RequestId, log);
    }
    const status = reply.Response?.SendStatusSet?.[0];
    if (!status) {
      this.logger.write('error', 'sms provider reply without a send status', { ...log, requestId: reply.Response?.RequestId });
      throw new DomainException('SMS_UNAVAILABLE');
    }
    if (status.Code !== 'Ok') this.refused(status.Code, status.Message ?? '', reply.Response?.RequestId, log);
    this.logger.write('info', 'sms code sent', { ...log, serialNo: status.SerialNo, requestId: reply.Response?.RequestId });
  }

  private refused(code: string, message: string, requestId: string | undefined, log: Record<string, unknown>): never {
    const kind = classifyProviderCode(code);
    // Credentials, account and request faults need the operator; a limit or a provider fault passes by itself.
    const level = kind === 'limit' || kind === 'provider' ? 'warn' : 'error';
    this.logger.write(level, 'sms provider refused', { ...log, kind, providerCode: code, providerMessage: message, requestId });
    throw new DomainException('SMS_UNAVAILABLE');
  }
}
