import { Inject, Injectable } from '@nestjs/common';
import type { SubscribeResult, SubscribeTemplates, SubscriptionsRequest, SubscriptionsView } from '@sa/contracts';
import { ENV, type Env } from '../config/env';
import { type GrantChange, SubscriptionsRepository } from './subscriptions.repository';

/** What one choice in wx.requestSubscribeMessage does to the grant count: only `accept` allows one send. */
const EFFECT: Record<SubscribeResult, { accepted: number; refused: number }> = {
  accept: { accepted: 1, refused: 0 },
  reject: { accepted: 0, refused: 1 },
  // 'ban': the user turned all of this mini-program's messages off in WeChat's settings.
  ban: { accepted: 0, refused: 1 },
  // 'filter': WeChat withheld the template (its title was filtered); the user was never asked.
  filter: { accepted: 0, refused: 0 },
};

/** One-time subscribe-message grants: counted per user and template, each WeChat send uses one. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repo: SubscriptionsRepository,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * The configured template ids, for the miniapp's requestSubscribeMessage. WeChat takes at most 3 per call: with
   * four distinct ones, the transfer notice (rare, and instead of acceptance) is the one left out.
   */
  templates(): SubscribeTemplates {
    const { ACCEPTED, RESOLVED, DECIDED, TRANSFERRED } = this.env.wechat.templates;
    const ids = [ACCEPTED, RESOLVED, DECIDED, TRANSFERRED].filter((t): t is string => Boolean(t));
    return { templateIds: [...new Set(ids)].slice(0, 3) };
  }

  /** Records the user's choices; ids this server does not send are ignored (the config may have changed since). */
  async record(userId: number, req: SubscriptionsRequest): Promise<SubscriptionsView> {
    const known = new Set(Object.values(this.env.wechat.templates).filter(Boolean));
    const changes: GrantChange[] = Object.entries(req.results)
      .filter(([templateId]) => known.has(templateId))
      .map(([templateId, result]) => ({ templateId, ...EFFECT[result] }))
      .filter((c) => c.accepted + c.refused > 0);
    if (changes.length) await this.repo.record(userId, changes);
    return this.view(userId);
  }

  async view(userId: number): Promise<SubscriptionsView> {
    const rows = await this.repo.grants(userId);
    return { grants: rows.map((r) => ({ templateId: r.templateId, remaining: r.remaining })) };
  }
}
