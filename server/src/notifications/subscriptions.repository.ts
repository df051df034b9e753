import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';
import { type Db, type InboxRow, NotificationsRepository, type OutboxRow } from './notifications.repository';

export type GrantChange = { templateId: string; accepted: number; refused: number };

/** The only place that reads and writes one-time subscription grants (一次性订阅). */
@Injectable()
export class SubscriptionsRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly notifications: NotificationsRepository,
  ) {}

  async record(userId: number, changes: GrantChange[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      for (const c of changes) {
        await tx.subscriptionGrant.upsert({
          where: { userId_templateId: { userId, templateId: c.templateId } },
          create: { userId, templateId: c.templateId, remaining: c.accepted, refused: c.refused },
          update: { remaining: { increment: c.accepted }, refused: { increment: c.refused } },
        });
      }
    });
  }

  grants(userId: number) {
    return this.prisma.subscriptionGrant.findMany({ where: { userId }, orderBy: { templateId: 'asc' }, select: { templateId: true, remaining: true, refused: true } });
  }

  /**
   * Writes the inbox rows and, when the user has a grant left for its template, the WeChat message, using up one
   * grant, all in the caller's transaction `tx` (the state change the notice is about). A message already queued
   * (same dedupeKey) takes no second grant. Returns whether a message was queued.
   */
  async deliverAgainstGrant(tx: Db, userId: number, inbox: InboxRow[], message: OutboxRow | null): Promise<boolean> {
    await this.notifications.deliver(inbox, [], tx);
    if (!message) return false;
    const queued = await tx.outboundMessage.createMany({ data: [message], skipDuplicates: true });
    if (queued.count === 0) return false;
    // Conditional decrement: two sends racing for the last grant cannot both take it.
    const taken = await tx.subscriptionGrant.updateMany({
      where: { userId, templateId: message.templateId, remaining: { gt: 0 } },
      data: { remaining: { decrement: 1 } },
    });
    if (taken.count === 1) return true;
    await tx.outboundMessage.deleteMany({ where: { dedupeKey: message.dedupeKey } });
    return false;
  }
}
