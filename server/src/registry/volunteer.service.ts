import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Page, VolunteerInput, VolunteerListQuery, VolunteerPatch, VolunteerView } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';
import { AreaService } from './area.service';
import { isUniqueViolation } from './prisma-errors';
import { toVolunteerView } from './registry.mapper';
import { VolunteerRepository } from './volunteer.repository';

// No 0/O, 1/I/L: the code is read aloud and typed on a phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const CODE_ATTEMPTS = 5;

/** 31^8 ≈ 8.5e11 codes: guessing a valid unbound one is hopeless, a collision merely redrawn. */
export function newInvitationCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** 社会监督员 roster kept by the bureau admin. */
@Injectable()
export class VolunteerService {
  constructor(
    private readonly repo: VolunteerRepository,
    private readonly areas: AreaService,
  ) {}

  async list(query: VolunteerListQuery): Promise<Page<VolunteerView>> {
    const { items, total } = await this.repo.list(query, { limit: query.limit, offset: query.offset });
    return { items: items.map(toVolunteerView), total };
  }

  async create(input: VolunteerInput): Promise<VolunteerView> {
    if (input.streetId) await this.areas.street(input.streetId);
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.repo.create({ ...input, streetId: input.streetId ?? null, active: true, invitationCode: newInvitationCode() });
        return toVolunteerView(row);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }

  /** A deactivated volunteer's bound account returns to a resident's; reactivating restores the role. */
  async update(id: number, patch: VolunteerPatch): Promise<VolunteerView> {
    const current = await this.repo.findById(id);
    if (!current) throw new DomainException('NOT_FOUND', '社会监督员不存在');
    if (patch.streetId) await this.areas.street(patch.streetId);
    const roleChange =
      patch.active !== undefined && patch.active !== current.active && current.userId !== null
        ? { id: current.userId, role: patch.active ? ('VOLUNTEER' as const) : ('RESIDENT' as const) }
        : undefined;
    return toVolunteerView(await this.repo.update(id, patch, roleChange));
  }
}
