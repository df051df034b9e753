import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dumpPglite } from '@sa/db';
import { Public } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { DATABASE, type Database } from '../database/database';

/**
 * This process's control token: written by main.ts to `<dataDir>/.control.json` (readable by the folder's owner
 * only), so `npm run backup` on the same machine can ask the running server for a copy of its embedded database.
 */
export const controlToken = randomBytes(32).toString('hex');

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

@ApiExcludeController()
@Controller('api/v1/internal')
export class BackupController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A consistent copy of the embedded database while it runs (gzip tarball of its data folder). */
  @Post('backup')
  @Public()
  async backup(@Req() req: Request, @Res() res: Response) {
    const given = Buffer.from(String(req.headers['x-control-token'] ?? ''));
    const expected = Buffer.from(controlToken);
    // The socket's own address, not req.ip: no proxy header makes a remote caller local.
    if (!isLoopback(req.socket.remoteAddress) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainException('FORBIDDEN');
    }
    if (!this.db.pglite) throw new DomainException('BACKUP_NOT_EMBEDDED');
    const dump = Buffer.from(await (await dumpPglite(this.db.pglite)).arrayBuffer());
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-length', String(dump.length));
    res.end(dump);
  }
}
