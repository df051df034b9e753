import { Inject, Injectable } from '@nestjs/common';
import type { ComplaintCategory, ComplaintKind, ComplaintStatus } from '@sa/contracts';
import type { Prisma as P } from '@sa/db';
import { PRISMA, type Prisma } from '../database/database';
import { haversineMetres } from '../complaints/complaints.repository';
import { REPORTER_TIMELINE_ACTIONS } from '../complaints/complaints.service';
import type { PublicRequestRow } from './open311-views';

/** Only the public fields: the reporter, the description, photos and the typed place are never selected. */
const publicSelect = {
  trackingNo: true,
  kind: true,
  category: true,
  status: true,
  transferTo: true,
  receivedAt: true,
  streetId: true,
  business: { select: { id: true, name: true, address: true, lat: true, lng: true } },
  office: { select: { name: true } },
  deadlines: {
    where: { state: 'OPEN', kind: { notIn: ['DISCLOSE', 'RECTIFY'] } },
    orderBy: { dueDate: 'asc' },
    take: 1,
    select: { dueDate: true },
  },
  events: { where: { action: { in: [...REPORTER_TIMELINE_ACTIONS] } }, orderBy: { id: 'desc' }, take: 1, select: { at: true } },
} as const satisfies P.ComplaintSelect;

export type PublicRequestFilter =
  | { trackingNos: string[] }
  | { from: Date; to: Date; services?: { kind: ComplaintKind; category: ComplaintCategory }[]; statuses?: { in: readonly ComplaintStatus[] } | { notIn: readonly ComplaintStatus[] } };

@Injectable()
export class Open311Repository {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Newest first, at most `take`. */
  publicRequests(filter: PublicRequestFilter, take: number): Promise<PublicRequestRow[]> {
    const where: P.ComplaintWhereInput =
      'trackingNos' in filter
        ? { trackingNo: { in: filter.trackingNos } }
        : {
            receivedAt: { gte: filter.from, lte: filter.to },
            ...(filter.services ? { OR: filter.services.map((s) => ({ kind: s.kind, category: s.category })) } : {}),
            ...(filter.statuses
              ? { status: 'in' in filter.statuses ? { in: [...filter.statuses.in] } : { notIn: [...filter.statuses.notIn] } }
              : {}),
          };
    return this.prisma.complaint.findMany({ where, select: publicSelect, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take });
  }

  async streetNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.street.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every street and community by name (a district has a few dozen streets and a few hundred communities). */
  areas() {
    return Promise.all([
      this.prisma.street.findMany({ select: { id: true, name: true } }),
      this.prisma.community.findMany({ select: { id: true, name: true, streetId: true } }),
    ]);
  }

  /** The street and community of the nearest registered business within `metres`: where a point is, for routing. */
  async nearestBusinessArea(lat: number, lng: number, metres: number): Promise<{ streetId: number; communityId: number } | null> {
    const dLat = metres / 111_320;
    const dLng = metres / (111_320 * Math.cos((lat * Math.PI) / 180));
    const rows = await this.prisma.business.findMany({
      where: { lat: { gte: lat - dLat, lte: lat + dLat }, lng: { gte: lng - dLng, lte: lng + dLng } },
      select: { streetId: true, communityId: true, lat: true, lng: true },
      take: 500,
    });
    const nearest = rows
      .map((r) => ({ ...r, metres: haversineMetres(lat, lng, r.lat!, r.lng!) }))
      .filter((r) => r.metres <= metres)
      .sort((a, b) => a.metres - b.metres)[0];
    return nearest ? { streetId: nearest.streetId, communityId: nearest.communityId } : null;
  }

  businessExists(id: number) {
    return this.prisma.business.findUnique({ where: { id }, select: { id: true } });
  }
}
