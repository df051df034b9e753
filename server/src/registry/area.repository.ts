import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../database/database';

const byCode = { code: 'asc' } as const;

/** Districts, offices, streets and communities: the area tree every other part routes by. */
@Injectable()
export class AreaRepository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** The deployment serves one district; the first by code is it. */
  findDistrict() {
    return this.prisma.district.findFirst({ orderBy: byCode, select: { id: true, name: true } });
  }

  findTree(districtId: number) {
    return this.prisma.office.findMany({
      where: { districtId },
      orderBy: byCode,
      select: {
        id: true,
        name: true,
        address: true,
        phone: true,
        streets: {
          orderBy: byCode,
          select: {
            id: true,
            name: true,
            communities: { orderBy: byCode, select: { id: true, name: true, population: true } },
          },
        },
      },
    });
  }

  findStreet(id: number) {
    return this.prisma.street.findUnique({ where: { id }, select: { id: true, districtId: true } });
  }

  findCommunity(id: number) {
    return this.prisma.community.findUnique({ where: { id }, select: { id: true, streetId: true, street: { select: { districtId: true } } } });
  }

  findBusinessType(id: number) {
    return this.prisma.businessType.findUnique({ where: { id }, select: { id: true } });
  }

  listBusinessTypes() {
    return this.prisma.businessType.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } });
  }
}
