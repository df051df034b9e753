import { Inject, Injectable } from '@nestjs/common';
import { SMS_MAX_WRONG } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { sendRefusal, shanghaiDayStart, type SendRefusal } from './sms-code-rules';

export type SmsPurpose = 'LOGIN' | 'LINK';

export type NewCode = { phoneHash: string; purpose: SmsPurpose; codeHash: string; source: string; now: Date; expiresAt: Date };

/** The only place that reads and writes SmsCode rows. */
@Injectable()
export class SmsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /**
   * Checks the phone's 60 s and daily limits and the source's hourly limit, voids the phone's earlier live codes
   * of that purpose and stores the new one, all under a per-phone lock: two instances asked at the same moment
   * cannot both send.
   */
  async issue(code: NewCode, perSourceHour: number): Promise<{ id: number } | { refused: SendRefusal | 'source-limit' }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sms:${code.phoneHash}`}, 0))`;
      const hourAgo = new Date(code.now.getTime() - 3600_000);
      const fromSource = await tx.smsCode.count({ where: { source: code.source, createdAt: { gt: hourAgo } } });
      if (fromSource >= perSourceHour) return { refused: 'source-limit' as const };
      const [last, sentToday] = await Promise.all([
        tx.smsCode.findFirst({ where: { phoneHash: code.phoneHash }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } }),
        tx.smsCode.count({ where: { phoneHash: code.phoneHash, createdAt: { gte: shanghaiDayStart(code.now) } } }),
      ]);
      const refused = sendRefusal({ lastSentAt: last?.createdAt ?? null, sentToday }, code.now);
      if (refused) return { refused };
      await tx.smsCode.updateMany({
        where: { phoneHash: code.phoneHash, purpose: code.purpose, consumedAt: null, voidedAt: null },
        data: { voidedAt: code.now },
      });
      const row = await tx.smsCode.create({
        data: { phoneHash: code.phoneHash, purpose: code.purpose, codeHash: code.codeHash, source: code.source, createdAt: code.now, expiresAt: code.expiresAt },
        select: { id: true },
      });
      return row;
    });
  }

  /** The provider did not send it: it costs the phone neither the 60 s wait nor one of its 10 a day. */
  async forget(id: number): Promise<void> {
    await this.prisma.smsCode.deleteMany({ where: { id } });
  }

  /** The phone's newest code of that purpose that is neither used nor void (it may have expired). */
  findLive(phoneHash: string, purpose: SmsPurpose) {
    return this.prisma.smsCode.findFirst({
      where: { phoneHash, purpose, consumedAt: null, voidedAt: null },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** Uses the code once: of two requests racing with the right code, one wins. */
  async consume(id: number, now: Date): Promise<boolean> {
    const { count } = await this.prisma.smsCode.updateMany({
      where: { id, consumedAt: null, voidedAt: null, attempts: { lt: SMS_MAX_WRONG }, expiresAt: { gt: now } },
      data: { consumedAt: now },
    });
    return count === 1;
  }

  /** One more wrong code; the fifth voids it. */
  async recordWrong(id: number, now: Date): Promise<void> {
    await this.prisma.smsCode.updateMany({ where: { id, consumedAt: null, voidedAt: null }, data: { attempts: { increment: 1 } } });
    await this.prisma.smsCode.updateMany({ where: { id, voidedAt: null, consumedAt: null, attempts: { gte: SMS_MAX_WRONG } }, data: { voidedAt: now } });
  }
}
