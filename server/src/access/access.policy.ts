import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import {
  type ComplaintPermission,
  type ComplaintScope,
  type ComplaintSubject,
  complaintScope,
  decideComplaint,
  mayReadPhoto,
  Permission,
} from './access-rules';
import { AccessRepository } from './access.repository';

export { Permission, type ComplaintPermission, type ComplaintScope } from './access-rules';

/**
 * Every service asks this first (immich's `requireAccess`): `await access.require(user, Permission.ComplaintAct, id)`
 * throws 404 NOT_FOUND for what the caller may not know exists and 403 for what they may see but not do.
 * The rule itself is the table in access-rules.ts.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly repo: AccessRepository) {}

  require(user: AuthUser, permission: ComplaintPermission, complaintId: number): Promise<void>;
  require(user: AuthUser | undefined, permission: typeof Permission.PhotoRead, uploadId: string): Promise<void>;
  async require(user: AuthUser | undefined, permission: Permission, id: number | string): Promise<void> {
    if (permission === Permission.PhotoRead) {
      if (!mayReadPhoto(user, await this.repo.photoAttachments(String(id)))) throw new DomainException('NOT_FOUND');
      return;
    }
    this.check(user!, permission, await this.repo.complaintSubject(Number(id)));
  }

  /** The same decision on a complaint already loaded (null: not found); throws when refused. */
  check(user: AuthUser, permission: ComplaintPermission, c: ComplaintSubject | null): asserts c is ComplaintSubject {
    const d = decideComplaint(user, permission, c);
    if (!d.ok) throw new DomainException(d.code, d.message);
  }

  /** Whether the step is allowed, for what a view offers (the buttons, the contact link); never throws. */
  allows(user: AuthUser, permission: ComplaintPermission, c: ComplaintSubject): boolean {
    return decideComplaint(user, permission, c).ok;
  }

  /**
   * The `where` fragment (a Prisma `ComplaintWhereInput`) of the complaints `user` may list: their office's, their
   * businesses', their own, or `{}` for the admin. Throws 403 FORBIDDEN for a caller with no data scope.
   * Combine with other filters by `AND: [scope, …]` or spreading it into the `where`.
   */
  scopeFilter(user: AuthUser): ComplaintScope {
    return complaintScope(user);
  }
}
