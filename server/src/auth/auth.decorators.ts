import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Role } from '@sa/contracts';
import type { Request } from 'express';

export const ACCESS = 'sa:access';
export type Access = { kind: 'public' } | { kind: 'auth'; roles: Role[] };

/** Who may call a route must be declared on every route: `@Public()` or `@Auth(...roles)`. */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' } satisfies Access);

/** Logged-in users; with roles, only those roles. */
export const Auth = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ACCESS, { kind: 'auth', roles } satisfies Access), ApiBearerAuth());

/** The caller and their data scope: a cadre answers for their businesses, office staff for their office's streets. */
export type AuthUser = {
  id: number;
  role: Role;
  displayName: string;
  officeId: number | null;
  cadreId: number | null;
  sessionId: number;
};

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});

/**
 * The client address, the same `req.ip` the rate limiter counts by (the connection's, unless TRUST_PROXY names a
 * proxy in front, which then passes the real client in X-Forwarded-For).
 */
export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<Request>().ip ?? 'unknown';
});
