import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PartnerKeysService, type Partner } from './partner-keys.service';

export type PartnerRequest = Request & { partner?: Partner };

/** The POST parameter `api_key`, checked before the request itself, so an unknown caller learns nothing from it. */
@Injectable()
export class PartnerKeyGuard implements CanActivate {
  constructor(private readonly keys: PartnerKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PartnerRequest>();
    const body: unknown = req.body;
    const key = body && typeof body === 'object' ? (body as { api_key?: unknown }).api_key : undefined;
    req.partner = await this.keys.authenticate(key);
    return true;
  }
}
