import { Inject, Injectable } from '@nestjs/common';
import { ERRORS, type ContentFlag } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain-exception';
import { JsonLogger } from '../common/logger';
import { SECURITY_SCENES, type SecurityScene, WechatSecurityClient } from '../wechat/wechat-security.client';
import { mediaState, photoFlag, strongest, textFlag } from './content-flags';
import { ContentSafetyRepository } from './content-safety.repository';
import { MEDIA_URL_TTL_SECONDS, mediaUrlKey, signedMediaUrl } from './signatures';

/** Which kind of user text it is, as WeChat's v2 scenes name them. */
export const TEXT_SCENES = {
  /** a report's description, read by staff like a forum post */
  description: SECURITY_SCENES.forum,
  /** a reopen reason, a follow-up note, a rating's comment, a survey's free-text answer: comments on a record */
  comment: SECURITY_SCENES.comment,
} as const;

export type Screening = {
  /** the writer; only a WeChat user (with an openid) is checked, web-portal users are not */
  userId: number | null | undefined;
  /** `path`: the field the text came from, named in the refusal's details so the form can mark it (survey answers) */
  texts: { text: string; scene: SecurityScene; path?: string }[];
  photoIds: readonly string[];
};

/**
 * 内容安全: text and photos written in the mini-program are checked with WeChat before they are kept.
 * Risky text is refused (nothing saved); text WeChat wants reviewed, or could not check, is kept and flagged to
 * staff; photos are checked asynchronously and a risky verdict later flags the records using them.
 */
@Injectable()
export class ContentSafetyService {
  private readonly mediaKey: Buffer;

  constructor(
    private readonly repo: ContentSafetyRepository,
    private readonly wechat: WechatSecurityClient,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.mediaKey = mediaUrlKey(env.secrets.queryCodeSecret);
  }

  get mediaUrlKey(): Buffer {
    return this.mediaKey;
  }

  /** Before saving: throws CONTENT_RISKY / IMAGE_RISKY, else returns the flag the record is saved with. */
  /** `read`: the photos' states and the user's openid when the caller has read them already (the submission has). */
  async screen(s: Screening, read?: { photos: { id: string; checkState: string | null }[]; openid: string | null }): Promise<ContentFlag | null> {
    const photos = read ? read.photos.map((p) => ({ id: p.id, checkState: p.checkState as Parameters<typeof photoFlag>[0] })) : await this.repo.photoStates(s.photoIds);
    if (photos.some((p) => p.checkState === 'RISKY')) throw new DomainException('IMAGE_RISKY');
    const known = photos.map((p) => photoFlag(p.checkState));
    const openid = s.userId && this.wechat.configured ? (read ? read.openid : await this.repo.openidOf(s.userId)) : null;
    if (!openid) return strongest(known);

    const written = s.texts.filter((t) => t.text.trim());
    const verdicts = await Promise.all(written.map((t) => this.wechat.checkText(openid, t.scene, t.text)));
    const risky = written.filter((_, i) => verdicts[i]!.suggest === 'risky');
    if (risky.length) {
      const fields = risky.flatMap((t) => (t.path ? [{ path: t.path, message: ERRORS.CONTENT_RISKY.message }] : []));
      throw new DomainException('CONTENT_RISKY', undefined, fields.length ? fields : undefined);
    }
    const scene = s.texts[0]?.scene ?? TEXT_SCENES.description;
    const started = await Promise.all(photos.filter((p) => p.checkState === null).map((p) => this.startPhotoCheck(openid, scene, p.id)));
    return strongest([...verdicts.map(textFlag), ...known, ...started]);
  }

  /** WeChat's wxa_media_check push. Unknown or repeated trace ids change nothing. */
  async mediaChecked(event: { trace_id?: unknown; errcode?: number; result?: { suggest?: string } }): Promise<void> {
    if (typeof event.trace_id !== 'string' || !event.trace_id) return;
    const state = mediaState(event);
    const applied = await this.repo.applyVerdict(event.trace_id, state, this.clock.now());
    this.logger.write('info', 'wechat media check result', { traceId: event.trace_id, state, applied });
  }

  /** The check is only started here; its flag for the record is UNCHECKED when it could not be. */
  private async startPhotoCheck(openid: string, scene: SecurityScene, uploadId: string): Promise<ContentFlag | null> {
    const base = this.env.publicBaseUrl;
    if (!base) {
      await this.repo.markUnchecked(uploadId, this.clock.now());
      return 'UNCHECKED';
    }
    const expires = Math.floor(this.clock.now().getTime() / 1000) + MEDIA_URL_TTL_SECONDS;
    const started = await this.wechat.startImageCheck(openid, scene, signedMediaUrl(base, this.mediaKey, uploadId, expires));
    if ('error' in started) {
      await this.repo.markUnchecked(uploadId, this.clock.now());
      return 'UNCHECKED';
    }
    await this.repo.markPending(uploadId, started.traceId);
    return null;
  }
}
