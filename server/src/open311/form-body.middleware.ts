import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ERRORS } from '@sa/contracts';
import { formatOf, sendOpen311Error } from './open311-errors';

const LIMIT_BYTES = 1024 * 1024;

/**
 * application/x-www-form-urlencoded, as the spec posts requests. Percent-escapes are bytes in the body's charset
 * (UTF-8 unless the Content-Type names another, e.g. GBK from an older hotline system).
 */
export function parseForm(body: Buffer, charset: string): Record<string, string> {
  const decoder = new TextDecoder(charset, { fatal: true });
  const decode = (part: string) => {
    const bytes: number[] = [];
    const plain = part.replace(/\+/g, ' ');
    for (let i = 0; i < plain.length; i++) {
      const hex = plain[i] === '%' ? plain.slice(i + 1, i + 3) : '';
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(plain[i]!, 'latin1'));
      }
    }
    return decoder.decode(new Uint8Array(bytes));
  };
  const fields: Record<string, string> = {};
  for (const pair of body.toString('latin1').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    fields[decode(eq === -1 ? pair : pair.slice(0, eq))] = eq === -1 ? '' : decode(pair.slice(eq + 1));
  }
  return fields;
}

/** Reads a form-encoded body on the Open311 routes; JSON is already parsed by the application. */
@Injectable()
export class FormBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return next();
    const charset = /;\s*charset="?([\w-]+)"?/i.exec(type)?.[1] ?? 'utf-8';
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > LIMIT_BYTES) {
        refused = true;
        sendOpen311Error(res, formatOf(req), { code: 413, description: ERRORS.PAYLOAD_TOO_LARGE.message });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      try {
        req.body = parseForm(Buffer.concat(chunks), charset);
      } catch {
        sendOpen311Error(res, formatOf(req), { code: 400, description: `请求内容无法按 ${charset} 解码` });
        return;
      }
      next();
    });
    req.on('error', next);
  }
}
