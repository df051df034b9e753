import { Controller, Get, Header, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { ENV, type Env } from '../config/env';
import { Public } from '../auth/auth.decorators';
import { DomainException } from '../common/domain-exception';
import { RateLimit } from '../common/rate-limit';
import { ContentSafetyService } from './content-safety.service';
import { pushSignatureValid } from './signatures';

type PushQuery = { signature?: string; timestamp?: string; nonce?: string; echostr?: string };
type PushEvent = { MsgType?: string; Event?: string; trace_id?: unknown; errcode?: number; result?: { suggest?: string } };

/**
 * The mini-program's 消息推送 URL (configure: plaintext mode, JSON, token = WECHAT_PUSH_TOKEN). WeChat signs every
 * request; an unsigned or wrongly signed one is refused and changes nothing.
 */
@ApiExcludeController()
@Controller('api/v1/wechat/events')
export class WechatEventsController {
  constructor(
    private readonly safety: ContentSafetyService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** The URL check when the push is configured: echo `echostr` if the signature holds. */
  @Get()
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(@Query() q: PushQuery): string {
    this.requireSignature(q);
    return typeof q.echostr === 'string' ? q.echostr : '';
  }

  @Post()
  @HttpCode(200)
  @Public()
  @RateLimit({ key: 'wechat-events', max: 600, windowSeconds: 60 })
  @Header('content-type', 'text/plain; charset=utf-8')
  async receive(@Query() q: PushQuery, @Req() req: Request): Promise<string> {
    this.requireSignature(q);
    const event = (await bodyOf(req)) as PushEvent | null;
    if (!event || typeof event !== 'object') throw new DomainException('VALIDATION_FAILED', '推送内容不是有效的 JSON');
    if (event.MsgType === 'event' && event.Event === 'wxa_media_check') await this.safety.mediaChecked(event);
    // WeChat retries anything but this reply; other events are not ours to handle.
    return 'success';
  }

  private requireSignature(q: PushQuery): void {
    const token = this.env.wechat.pushToken;
    if (!token || !pushSignatureValid(token, q)) throw new DomainException('FORBIDDEN', '消息推送签名校验失败');
  }
}

/** JSON bodies arrive parsed; WeChat may label them text/plain, so an unparsed body is read here. */
async function bodyOf(req: Request): Promise<unknown> {
  if (req.body && typeof req.body === 'object' && Object.keys(req.body).length > 0) return req.body;
  if (req.readableEnded) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new DomainException('PAYLOAD_TOO_LARGE');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
