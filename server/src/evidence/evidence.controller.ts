import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { evidenceQuery } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { EvidenceService, evidenceFileName } from './evidence.service';

/** RFC 6266 / 5987: an ASCII fallback name and the Chinese one percent-encoded in UTF-8. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'evidence.xlsx';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii.startsWith('_') ? `evidence${ascii}` : ascii}"; filename*=UTF-8''${encoded}`;
}

@ApiTags('evidence')
@Controller('api/v1/workbench')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** 评议考核佐证材料 for a period: the admin the whole district, office staff their office's. */
  @Get('evidence.xlsx')
  @Auth('ADMIN', 'OFFICE_STAFF')
  @Validate({ query: evidenceQuery })
  async export(@CurrentUser() user: AuthUser, @Query() q: { from: string; to: string }, @Res({ passthrough: true }) res: Response) {
    const stream = await this.evidence.open(user, q);
    res.setHeader('content-disposition', contentDisposition(evidenceFileName(q)));
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(stream, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
}
