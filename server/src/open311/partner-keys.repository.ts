import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';

export type PartnerKeyRow = {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  createdByUserId: number;
  revokedAt: Date | null;
  revokedByUserId: number | null;
  lastUsedAt: Date | null;
};

const rowSelect = {
  id: true,
  name: true,
  keyPrefix: true,
  createdAt: true,
  createdByUserId: true,
  revokedAt: true,
  revokedByUserId: true,
  lastUsedAt: true,
} as const;

@Injectable()
export class PartnerKeysRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  create(data: { name: string; keyHash: string; keyPrefix: string; createdByUserId: number; createdAt: Date }): Promise<PartnerKeyRow> {
    return this.prisma.partnerApiKey.create({ data, select: rowSelect });
  }

  list(): Promise<PartnerKeyRow[]> {
    return this.prisma.partnerApiKey.findMany({ select: rowSelect, orderBy: { id: 'desc' } });
  }

  find(id: number): Promise<PartnerKeyRow | null> {
    return this.prisma.partnerApiKey.findUnique({ where: { id }, select: rowSelect });
  }

  findByHash(keyHash: string): Promise<PartnerKeyRow | null> {
    return this.prisma.partnerApiKey.findUnique({ where: { keyHash }, select: rowSelect });
  }

  /** Conditional, so two admins revoking at once record one revocation. Returns whether this call revoked it. */
  async revoke(id: number, byUserId: number, at: Date): Promise<boolean> {
    const { count } = await this.prisma.partnerApiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at, revokedByUserId: byUserId } });
    return count === 1;
  }

  async touch(id: number, at: Date): Promise<void> {
    await this.prisma.partnerApiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }

  async userNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }
}
