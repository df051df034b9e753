import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { DATABASE, type Database } from '../database/database';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Liveness without touching the database; also the trivial route benchmarks compare against. */
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    const ok = await this.db.ping().catch(() => false);
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'degraded', database: { kind: this.db.kind, ok, latencyMs: Date.now() - started } };
  }
}
