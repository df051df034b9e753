import { Injectable } from '@nestjs/common';
import type { FollowUpInput, FollowUpView } from '@sa/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { Permission } from '../access/access.policy';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { followUpView } from './complaint-views';
import { FollowUpsRepository } from './follow-ups.repository';
import { WorkbenchService } from './workbench.service';
import { ContentSafetyService, TEXT_SCENES } from '../content-safety/content-safety.service';

/**
 * 跟进记录: the complaint's current 包保 cadre records a visit, an urge to rectify or a note. The handling office,
 * the admin and the cadre see it in the detail and the trail; the reporter's view leaves `followUp` entries out.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly clock: Clock,
    private readonly workbench: WorkbenchService,
    private readonly repo: FollowUpsRepository,
    private readonly safety: ContentSafetyService,
  ) {}

  async add(complaintId: number, user: AuthUser, input: FollowUpInput): Promise<FollowUpView> {
    const c = await this.workbench.load(complaintId, user, Permission.FollowUpWrite);
    if (user.cadreId === null) throw new DomainException('NOT_RESPONSIBLE_CADRE');
    if (c.status === 'CLOSED') throw new DomainException('INVALID_TRANSITION', '该事项已归档，不能再添加跟进记录');
    const photoIds = [...new Set(input.photoIds)];
    if (photoIds.length > 0 && (await this.repo.countAttachableUploads(photoIds, user.id)) !== photoIds.length) throw new DomainException('PHOTO_NOT_FOUND');
    const cadre = await this.repo.findCadre(user.cadreId);
    if (!cadre) throw new DomainException('NOT_RESPONSIBLE_CADRE');
    const contentFlag = await this.safety.screen({ userId: user.id, texts: [{ text: input.note, scene: TEXT_SCENES.comment }], photoIds });
    const created = await this.repo.create({
      complaintId: c.id,
      status: c.status,
      cadreId: cadre.id,
      userId: user.id,
      kind: input.kind,
      note: input.note,
      photoIds,
      contentFlag,
      at: this.clock.now(),
    });
    return followUpView({ ...created, cadre });
  }
}
