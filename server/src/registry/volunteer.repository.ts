import { Inject, Injectable } from '@nestjs/common';
import type { VolunteerCategory } from '@sa/contracts';
import { PRISMA, type Prisma } from '../database/database';
import { refSelect } from './registry.selects';

export type VolunteerFilter = { q?: string; category?: VolunteerCategory; streetId?: number; active?: boolean };

export type VolunteerData = {
  name: string;
  category: VolunteerCategory;
  phone: string;
  streetId: number | null;
  active: boolean;
};

const volunteerSelect = {
  id: true,
  name: true,
  category: true,
  phone: true,
  invitationCode: true,
  userId: true,
  boundAt: true,
  active: true,
  street: refSelect,
} as const;

/** The only place that queries and writes the 社会监督员 roster. */
@Injectable()
export class VolunteerRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async list(filter: VolunteerFilter, page: { limit: number; offset: number }) {
    const where = {
      ...(filter.q ? { name: { contains: filter.q } } : {}),
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.streetId !== undefined ? { streetId: filter.streetId } : {}),
      ...(filter.active !== undefined ? { active: filter.active } : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.volunteer.findMany({ where, orderBy: { id: 'asc' }, take: page.limit, skip: page.offset, select: volunteerSelect }),
      this.prisma.volunteer.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: number) {
    return this.prisma.volunteer.findUnique({ where: { id }, select: volunteerSelect });
  }

  /** Throws a unique violation when the invitation code is taken; the caller draws another. */
  create(data: VolunteerData & { invitationCode: string }) {
    return this.prisma.volunteer.create({ data, select: volunteerSelect });
  }

  /**
   * Updates the roster entry and, in the same transaction, moves its bound user between the resident and
   * volunteer roles (only between those two, so no staff account is ever changed).
   */
  update(id: number, data: Partial<VolunteerData>, boundUser?: { id: number; role: 'RESIDENT' | 'VOLUNTEER' }) {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.volunteer.update({ where: { id }, data, select: volunteerSelect });
      if (boundUser) {
        const from = boundUser.role === 'RESIDENT' ? 'VOLUNTEER' : 'RESIDENT';
        await tx.user.updateMany({ where: { id: boundUser.id, role: from }, data: { role: boundUser.role } });
      }
      return updated;
    });
  }
}
