import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException } from '../common/domain-exception';
import { ACCESS, type Access, type AuthUser } from './auth.decorators';
import { SessionService } from './session.service';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (!access) {
      // A route that forgot to say who may call it is a programming error; refuse rather than expose it.
      throw new Error(`route ${context.getClass().name}.${context.getHandler().name} declares neither @Public() nor @Auth()`);
    }
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = bearerToken(req);
    const user = token ? await this.sessions.resolve(token) : undefined;
    if (user) req.user = user;
    if (access.kind === 'public') return true;
    if (!user) throw new DomainException('UNAUTHENTICATED');
    if (access.roles.length > 0 && !access.roles.includes(user.role)) throw new DomainException('FORBIDDEN');
    return true;
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
