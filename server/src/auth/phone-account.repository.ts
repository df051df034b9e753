import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';
import { isUniqueViolation } from '../registry/prisma-errors';
import { isStaffRole } from './session-policy';

export type VerifiedPhone = { phoneHash: string; phoneEnc: string; phoneMasked: string };

export type LinkOutcome =
  | { kind: 'linked'; mergedUserId: number | null }
  | { kind: 'elsewhere' }
  | { kind: 'holder-disabled' }
  | { kind: 'staff' };

const withCadreState = { cadre: { select: { active: true } } } as const;

/** Users by verified mobile number: SMS sign-in, linking a phone, and merging an SMS-only account into the linker. */
@Injectable()
export class PhoneAccountRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** First SMS sign-in creates the resident; a concurrent first sign-in of the same number ends with one user. */
  async findOrCreatePhoneResident(phone: VerifiedPhone, now: Date) {
    const existing = await this.prisma.user.findUnique({ where: { phoneHash: phone.phoneHash }, include: withCadreState });
    if (existing) return existing;
    return this.prisma.user.upsert({
      where: { phoneHash: phone.phoneHash },
      update: {},
      create: { role: 'RESIDENT', displayName: `居民 ${phone.phoneMasked}`, ...phone, phoneVerifiedAt: now },
      include: withCadreState,
    });
  }

  /**
   * Links the number to the user in one transaction. An SMS-only resident (no WeChat) holding it is the same
   * person signed in on the portal: their reports, 附议, inbox, subscribe grants, uploads and volunteer binding move
   * to this user, their sessions end and the account is disabled without the number. A WeChat or staff holder
   * keeps it.
   */
  async linkPhone(userId: number, phone: VerifiedPhone, now: Date): Promise<LinkOutcome> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const me = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, volunteer: { select: { id: true } } } });
        if (isStaffRole(me.role)) return { kind: 'staff' as const };
        const holder = await tx.user.findUnique({
          where: { phoneHash: phone.phoneHash },
          select: { id: true, role: true, openid: true, disabled: true, volunteer: { select: { id: true } } },
        });
        let mergedUserId: number | null = null;
        if (holder && holder.id !== userId) {
          if (holder.openid !== null || isStaffRole(holder.role)) return { kind: 'elsewhere' as const };
          // An account the bureau disabled is not revived by linking its number elsewhere.
          if (holder.disabled) return { kind: 'holder-disabled' as const };
          await this.mergeInto(tx, holder.id, userId, holder.volunteer !== null && me.volunteer === null, now);
          mergedUserId = holder.id;
        }
        await tx.user.update({ where: { id: userId }, data: { ...phone, phoneVerifiedAt: now } });
        return { kind: 'linked' as const, mergedUserId };
      });
    } catch (err) {
      // Another user took the number in between (a first SMS sign-in or another link).
      if (isUniqueViolation(err)) return { kind: 'elsewhere' };
      throw err;
    }
  }

  private async mergeInto(tx: Tx, fromId: number, toId: number, moveVolunteer: boolean, now: Date): Promise<void> {
    await tx.complaint.updateMany({ where: { reporterUserId: fromId }, data: { reporterUserId: toId } });
    // 附议 is one per person and report: where both accounts supported a report, the linker's stays.
    const both = await tx.complaintSupport.findMany({ where: { userId: toId }, select: { complaintId: true } });
    await tx.complaintSupport.updateMany({
      where: { userId: fromId, complaintId: { notIn: both.map((s) => s.complaintId) } },
      data: { userId: toId },
    });
    await tx.complaintSupport.deleteMany({ where: { userId: fromId } });
    await tx.notification.updateMany({ where: { userId: fromId }, data: { userId: toId } });
    for (const grant of await tx.subscriptionGrant.findMany({ where: { userId: fromId } })) {
      await tx.subscriptionGrant.upsert({
        where: { userId_templateId: { userId: toId, templateId: grant.templateId } },
        create: { userId: toId, templateId: grant.templateId, remaining: grant.remaining, refused: grant.refused },
        update: { remaining: { increment: grant.remaining }, refused: { increment: grant.refused } },
      });
    }
    await tx.subscriptionGrant.deleteMany({ where: { userId: fromId } });
    await tx.upload.updateMany({ where: { uploaderUserId: fromId }, data: { uploaderUserId: toId } });
    if (moveVolunteer) {
      await tx.volunteer.update({ where: { userId: fromId }, data: { userId: toId } });
      await tx.user.update({ where: { id: toId }, data: { role: 'VOLUNTEER' } });
    }
    await tx.session.updateMany({ where: { userId: fromId, revokedAt: null }, data: { revokedAt: now } });
    await tx.user.update({ where: { id: fromId }, data: { phoneHash: null, phoneEnc: null, phoneMasked: null, disabled: true } });
  }
}

type Tx = Pick<Prisma, 'complaint' | 'complaintSupport' | 'notification' | 'subscriptionGrant' | 'upload' | 'volunteer' | 'user' | 'session'>;
