import { Inject, Injectable } from '@nestjs/common';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import type { NextState } from './retry-policy';
import type { SubscribeData } from './subscribe-message';

/** The client of a transaction, or the plain client. */
export type Db = P.TransactionClient;

export type InboxRow = { userId: number; kind: string; title: string; body: string; complaintId: number | null; dedupeKey: string };
export type OutboxRow = { dedupeKey: string; openid: string; templateId: string; page: string; data: SubscribeData; nextAttemptAt: Date };
export type ClaimedMessage = { id: number; openid: string; templateId: string; page: string | null; data: SubscribeData; attempts: number };

const active = { disabled: false } as const;

/** The only place that queries the inbox, the WeChat outbox and who receives what. */
@Injectable()
export class NotificationsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async cadreUserIds(cadreId: number | null, db: Db = this.prisma): Promise<number[]> {
    if (cadreId === null) return [];
    const rows = await db.user.findMany({ where: { cadreId, ...active }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  async officeStaffIds(officeId: number | null, db: Db = this.prisma): Promise<number[]> {
    if (officeId === null) return [];
    const rows = await db.user.findMany({ where: { officeId, role: 'OFFICE_STAFF', ...active }, select: { id: true }, orderBy: { id: 'asc' } });
    return rows.map((r) => r.id);
  }

  /** 区食安办: every active bureau admin. */
  async adminIds(db: Db = this.prisma): Promise<number[]> {
    const rows = await db.user.findMany({ where: { role: 'ADMIN', ...active }, select: { id: true }, orderBy: { id: 'asc' } });
    return rows.map((r) => r.id);
  }

  reporter(userId: number, db: Db = this.prisma) {
    return db.user.findFirst({ where: { id: userId, ...active }, select: { id: true, openid: true } });
  }

  /** What a notice about a complaint may show and who receives it, read in the caller's transaction. */
  noticeComplaint(id: number, db: Db = this.prisma) {
    return db.complaint.findUnique({
      where: { id },
      select: {
        id: true,
        trackingNo: true,
        kind: true,
        category: true,
        businessName: true,
        outcome: true,
        transferTo: true,
        reporterUserId: true,
        officeId: true,
        cadreId: true,
        business: { select: { name: true } },
        office: { select: { name: true } },
      },
    });
  }

  /** Writes inbox and outbox rows together; a row whose dedupeKey exists is skipped, so a retried step adds nothing. */
  async deliver(inbox: InboxRow[], outbox: OutboxRow[], db?: Db): Promise<number> {
    const write = async (tx: Db) => {
      const added = inbox.length ? (await tx.notification.createMany({ data: inbox, skipDuplicates: true })).count : 0;
      if (outbox.length) await tx.outboundMessage.createMany({ data: outbox, skipDuplicates: true });
      return added;
    };
    if (db) return write(db);
    return this.prisma.$transaction(write);
  }

  list(userId: number, unreadOnly: boolean, take: number, skip: number) {
    const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
    return this.prisma.$transaction([
      this.prisma.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, skip }),
      this.prisma.notification.count({ where }),
      this.prisma.notification.count({ where: { userId, readAt: null } }),
    ]);
  }

  /** Marks the user's own notification read (the first reading time stays); null when it is not theirs. */
  async markRead(userId: number, id: number, at: Date) {
    await this.prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: at } });
    return this.prisma.notification.findFirst({ where: { id, userId } });
  }

  async markAllRead(userId: number, at: Date): Promise<number> {
    return (await this.prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: at } })).count;
  }

  /**
   * Claims due messages for this instance: each row is taken by one instance only (SKIP LOCKED), its attempt
   * counted, and reserved until `leaseUntil`, after which another instance may retry it if this one died.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    return this.prisma.$queryRaw<ClaimedMessage[]>`
      UPDATE "OutboundMessage" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "OutboundMessage"
        WHERE "state" = 'PENDING' AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "openid", "templateId", "page", "data", "attempts"`;
  }

  async record(id: number, next: NextState): Promise<void> {
    const data =
      next.state === 'SENT'
        ? { state: next.state, sentAt: next.sentAt, lastError: null }
        : next.state === 'PENDING'
          ? { nextAttemptAt: next.nextAttemptAt, lastError: next.lastError }
          : { state: next.state, lastError: next.lastError };
    await this.prisma.outboundMessage.updateMany({ where: { id, state: 'PENDING' }, data });
  }
}
